import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Database } from "../db/client.js";
import { unauthorized } from "../http/errors.js";
import { mayScrape } from "./access.js";
import { databaseMetrics } from "./database.js";
import { httpDuration, httpRequests, processRegistry } from "./registry.js";

/**
 * Counts and times every answer by its route pattern (`/api/v1/companies/:id`), so that the series stay as
 * few as the routes; a request no route matched is "unmatched". Serves GET /metrics, guarded by
 * METRICS_TOKEN and off in production without one (see config.ts): hidden from the API docs, never rate
 * limited, and not logged, since a scraper calls it every few seconds.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, { database }: { database: Database }) => {
    app.addHook("onResponse", async (request, reply) => {
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      };
      httpRequests.inc(labels);
      httpDuration.observe(labels, reply.elapsedTime / 1000);
    });
    const { metricsToken, env } = app.config;
    if (env === "production" && metricsToken === undefined) return;
    const fromDatabase = databaseMetrics(database);
    app.get(
      "/metrics",
      { config: { access: "public", rateLimit: false }, logLevel: "silent", schema: { hide: true } },
      async (request, reply) => {
        if (!mayScrape(metricsToken, request.headers.authorization)) throw unauthorized();
        const [own, read] = await Promise.all([processRegistry.metrics(), fromDatabase()]);
        return reply.type(processRegistry.contentType).send(own + read);
      },
    );
  },
  { name: "supplynet-metrics" },
);
