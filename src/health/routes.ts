import type { FastifyInstance } from "fastify";
import { Type } from "typebox";

const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("degraded")]),
  database: Type.Object({ status: Type.String(), driver: Type.String(), latency_ms: Type.Number() }),
});

export async function healthRoutes(app: FastifyInstance) {
  app.get(
    "/health",
    {
      config: { access: "public" },
      schema: {
        tags: ["health"],
        summary: "Liveness and database status",
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      let status = "ok";
      try {
        await app.database.executeSql("select 1");
      } catch {
        status = "unreachable";
      }
      const body = {
        status: status === "ok" ? ("ok" as const) : ("degraded" as const),
        database: {
          status,
          driver: app.database.driver,
          latency_ms: Math.round((performance.now() - started) * 10) / 10,
        },
      };
      return reply.status(status === "ok" ? 200 : 503).send(body);
    },
  );
}
