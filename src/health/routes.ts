import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Database } from "../db/client.js";
import { type DatabaseProbe, databaseProber, PROBE_TIMEOUT_MS } from "../db/probe.js";
import { errorBody } from "../http/errors.js";
import { type Message, msg, translate } from "../i18n/translate.js";
import { HealthResponse, NotReadyResponse, ReadyResponse } from "./schemas.js";

function notReadyReason(database: DatabaseProbe, pending: string[] | null): Message {
  if (database.status === "unreachable") return msg("server.database_unreachable");
  if (database.status === "timeout") return msg("server.database_too_slow", { ms: PROBE_TIMEOUT_MS });
  if (pending === null) return msg("server.migrations_unreadable", { ms: PROBE_TIMEOUT_MS });
  return msg("server.migrations_pending", { names: pending.join(", ") });
}

/**
 * /health is liveness: 200 whenever this process can answer at all, the database's state in the body, and
 * never more than PROBE_TIMEOUT_MS spent waiting on it (a restart would not mend the database). /ready is
 * readiness: 503 while the database is unreachable or lacks migrations, so a load balancer sends no traffic.
 * Neither is rate limited: probes come often, from the balancer's few addresses.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ database: Database }> = async (app, { database }) => {
  const prober = databaseProber(database);

  app.get(
    "/health",
    {
      config: { access: "public", rateLimit: false },
      schema: {
        tags: ["health"],
        summary: "Liveness: 200 while the process serves, with the database's status",
        response: { 200: HealthResponse },
      },
    },
    async () => {
      const database = await prober.probe();
      return { status: database.status === "ok" ? ("ok" as const) : ("degraded" as const), database };
    },
  );

  app.get(
    "/ready",
    {
      config: { access: "public", rateLimit: false },
      schema: {
        tags: ["health"],
        summary: "Readiness: 503 while the database is unreachable or migrations are pending",
        response: { 200: ReadyResponse, 503: NotReadyResponse },
      },
    },
    async (request, reply) => {
      const database = await prober.probe();
      const pending = database.status === "ok" ? await prober.pending() : null;
      if (database.status === "ok" && pending?.length === 0) {
        return { status: "ready" as const, database, migrations: { pending } };
      }
      return reply.status(503).send({
        ...errorBody("not_ready", translate(notReadyReason(database, pending), request.language)),
        database,
        migrations: { pending },
      });
    },
  );
};
