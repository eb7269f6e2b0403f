import { createServer, type Server } from "node:http";
import { UserError } from "../user-error.js";
import { mayScrape } from "./access.js";
import { processRegistry } from "./registry.js";

export interface MetricsServer {
  server: Server;
  close(): Promise<void>;
}

/**
 * The worker's /metrics on its own port (it serves no HTTP otherwise): its process and job figures, guarded by
 * METRICS_TOKEN as `serve`'s is. The queue and schedule figures come from `serve`'s /metrics, read from the
 * database, so that they are not scraped once per worker.
 */
export async function startMetricsServer(
  host: string,
  port: number,
  token: string | undefined,
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    if (!mayScrape(token, request.headers.authorization)) {
      response.writeHead(401, { "www-authenticate": "Bearer" }).end();
      return;
    }
    processRegistry.metrics().then(
      (text) => response.writeHead(200, { "content-type": processRegistry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new UserError(
        `METRICS_PORT ${port} is already in use on ${host}: set METRICS_PORT to a free port, or stop the other process.`,
      );
    }
    throw error;
  }
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
