import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Database } from "../db/client.js";
import { type DatabaseProbe, databaseProber, PROBE_TIMEOUT_MS } from "../db/probe.js";
import { errorBody } from "../http/errors.js";
import { HealthResponse, NotReadyResponse, ReadyResponse } from "./schemas.js";

function notReadyReason(database: DatabaseProbe, pending: string[] | null): string {
  if (database.status === "unreachable") return "The database is unreachable.";
  if (database.status === "timeout") return `The database did not answer within ${PROBE_TIMEOUT_MS} ms.`;
  if (pending === null) return `The applied migrations could not be read within ${PROBE_TIMEOUT_MS} ms.`;
  return `${pending.length} migrations are pending (${pending.join(", ")}): run \`supplynet migrate\`.`;
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
    async (_request, reply) => {
      const database = await prober.probe();
      const pending = database.status === "ok" ? await prober.pending() : null;
      if (database.status === "ok" && pending?.length === 0) {
        return { status: "ready" as const, database, migrations: { pending } };
      }
      return reply.status(503).send({
        ...errorBody("not_ready", notReadyReason(database, pending)),
        database,
        migrations: { pending },
      });
    },
  );
};
