import type { AddressInfo } from "node:net";
import { buildApp } from "./app.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { JobQueue } from "./queue/queue.js";
import { UserError } from "./user-error.js";

export interface RunningServer {
  url: string;
  /**
   * Stops accepting connections and lets the requests in flight finish (a request that arrives on a kept-alive
   * connection meanwhile gets a 503); after `timeoutMs` (SHUTDOWN_TIMEOUT by default) the connections still
   * open are closed.
   */
  stop(timeoutMs?: number): Promise<void>;
}

/** How often a stopping server looks for connections that its last response left idle. */
const IDLE_SWEEP_MS = 100;

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
  return {
    url: `http://${host}:${port}`,
    async stop(timeoutMs = config.shutdownTimeoutMs) {
      // Node closes the idle keep-alive connections once, as the server closes: one whose request was still in
      // flight stays open after its answer for Fastify's keep-alive timeout (72 s). Close each one as soon as it
      // is idle, and at the timeout every one, whatever its client is still doing.
      const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS);
      const cutOff = setTimeout(() => app.server.closeAllConnections(), timeoutMs);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
        clearTimeout(cutOff);
      }
    },
  };
}
