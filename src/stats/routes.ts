import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { errorResponses } from "../http/schemas.js";
import { DebtTotals, DebtTotalsQuery, Stats } from "./schemas.js";
import { debtTotals, networkStats } from "./service.js";

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

  app.get(
    "/stats/debt_totals",
    {
      config: { access: "staff" },
      schema: {
        tags: ["stats"],
        summary: "The network's total debt at the end of each day, for the dashboard's chart",
        querystring: DebtTotalsQuery,
        response: { 200: DebtTotals, ...errorResponses(400) },
      },
    },
    (request) => debtTotals(app.services, request.query.days ?? 90, app.config.appTimezone),
  );
};
