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
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");
  return { url, stop: () => app.close() };
}
