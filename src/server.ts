import type { AddressInfo } from "node:net";
import { buildApp } from "./app.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { JobQueue } from "./jobs/queue.js";

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Serves HTTP until stop(); the caller owns the database. */
export async function startHttpServer(
  config: Config,
  database: Database,
  jobs: JobQueue,
): Promise<RunningServer> {
  const app = await buildApp({ config, database, jobs });
  await app.listen({ host: config.host, port: config.port });
  const { port } = app.server.address() as AddressInfo;
  // On every interface or on loopback, localhost is the address a person on this machine opens.
  const host = ["0.0.0.0", "::", "127.0.0.1", "::1"].includes(config.host) ? "localhost" : config.host;
  return { url: `http://${host}:${port}`, stop: () => app.close() };
}
