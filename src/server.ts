import type { AddressInfo } from "node:net";
import { buildApp } from "./app.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { JobQueue } from "./jobs/queue.js";
import { UserError } from "./user-error.js";

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
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new UserError(
        `Port ${config.port} is already in use on ${config.host}: set PORT to a free port, or stop the other process.`,
      );
    }
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  // On every interface or on loopback, localhost is the address a person on this machine opens.
  const host = ["0.0.0.0", "::", "127.0.0.1", "::1"].includes(config.host) ? "localhost" : config.host;
  return { url: `http://${host}:${port}`, stop: () => app.close() };
}
