import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { MAX_SELECTED_IDS } from "../companies/schemas.js";
import { errorResponses } from "../http/schemas.js";
import { CLEAR_DEBT_INLINE_LIMIT, requestDebtClearing } from "./debt.js";
import { ClearDebtBody, DebtClearingQueued, DebtsCleared } from "./schemas.js";

/** 100,000 ids of up to 10 digits, with commas and spaces, fit well within this. */
const CLEAR_DEBT_BODY_LIMIT = 2 * 1024 * 1024;

const tags = ["companies"];

export const debtRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/companies/clear_debt",
    {
      config: { access: "staff" },
      bodyLimit: CLEAR_DEBT_BODY_LIMIT,
      schema: {
        tags,
        summary: "Set the debt of the listed companies to 0",
        description:
          `Up to ${CLEAR_DEBT_INLINE_LIMIT} ids are cleared at once (200). More (up to ${MAX_SELECTED_IDS}) ` +
          "are cleared by a job (202); follow it at GET /jobs/{job_id}. Duplicates count once, factories " +
          "(never in debt) are left alone, and ids that name no company come back in unknown_ids.",
        body: ClearDebtBody,
        response: { 200: DebtsCleared, 202: DebtClearingQueued, ...errorResponses(400, 413) },
      },
    },
    async (request, reply) => {
      const outcome = await requestDebtClearing(app.services, request.actor, request.body.ids);
      if ("jobId" in outcome)
        return reply.status(202).send({ job_id: outcome.jobId, unknown_ids: outcome.unknownIds });
      return reply.status(200).send({ cleared: outcome.cleared, unknown_ids: outcome.unknownIds });
    },
  );
};
