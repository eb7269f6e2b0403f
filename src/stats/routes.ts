import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Stats } from "./schemas.js";
import { networkStats } from "./service.js";

export const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/stats",
    {
      config: { access: "staff" },
      schema: {
        tags: ["stats"],
        summary: "Network figures: companies per level, debts, largest debtors, scheduled tasks",
        response: { 200: Stats },
      },
    },
    (request) => networkStats(app.services, request.actor, app.config.appTimezone),
  );
};
