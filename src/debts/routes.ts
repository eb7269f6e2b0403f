import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { MAX_SELECTED_IDS } from "../companies/schemas.js";
import { pageResponse } from "../http/listing.js";
import { errorResponses, IdParams, PageOf } from "../http/schemas.js";
import { CLEAR_DEBT_INLINE_LIMIT, previewDebtClearing, requestDebtClearing } from "./debt.js";
import { debtChart, debtHistory } from "./history.js";
import {
  ClearDebtBody,
  DebtChart,
  DebtChartQuery,
  DebtClearingPreview,
  DebtClearingQueued,
  DebtEntry,
  DebtHistoryQuery,
  DebtsCleared,
} from "./schemas.js";

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
          "are cleared by a job (202); follow it at GET /jobs/{job_id}, whose result has the same counts. " +
          "Duplicates count once, factories (never in debt) are left alone and counted, and ids that name " +
          "no company come back in unknown_ids.",
        body: ClearDebtBody,
        response: { 200: DebtsCleared, 202: DebtClearingQueued, ...errorResponses(400, 413) },
      },
    },
    async (request, reply) => {
      const outcome = await requestDebtClearing(app.services, request.actor, request.body.ids);
      if ("jobId" in outcome)
        return reply.status(202).send({ job_id: outcome.jobId, unknown_ids: outcome.unknownIds });
      const { unknownIds, ...cleared } = outcome;
      return reply.status(200).send({ ...cleared, unknown_ids: unknownIds });
    },
  );

  app.post(
    "/companies/clear_debt/preview",
    {
      config: { access: "staff" },
      bodyLimit: CLEAR_DEBT_BODY_LIMIT,
      schema: {
        tags,
        summary: "What clearing the listed companies' debt would do now, changing nothing",
        description:
          "The counts and the total that POST /companies/clear_debt would answer for these ids at this " +
          "moment (or its job's result), and whether it would be a job: for a confirmation.",
        body: ClearDebtBody,
        response: { 200: DebtClearingPreview, ...errorResponses(400, 413) },
      },
    },
    async (request) => {
      const { unknownIds, inBackground, ...preview } = await previewDebtClearing(
        app.services,
        request.actor,
        request.body.ids,
      );
      return {
        ...preview,
        unknown_ids: unknownIds,
        in_background: inBackground,
        inline_limit: CLEAR_DEBT_INLINE_LIMIT,
      };
    },
  );

  app.get(
    "/companies/:id/debt_history",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Every change of a company's debt, newest first, each with the debt it left",
        description:
          "The ledger: a company's debt is always the sum of its entries. Older months are rolled up into one " +
          "`rollup` entry per month.",
        params: IdParams,
        querystring: DebtHistoryQuery,
        response: { 200: PageOf(DebtEntry), ...errorResponses(400, 404) },
      },
    },
    (request) =>
      pageResponse(request, (page) =>
        debtHistory(
          app.services,
          request.actor,
          request.params.id,
          request.query,
          page,
          app.config.appTimezone,
        ),
      ),
  );

  app.get(
    "/companies/:id/debt_chart",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "A company's debt at the end of each day that changed it, for a chart",
        params: IdParams,
        querystring: DebtChartQuery,
        response: { 200: DebtChart, ...errorResponses(400, 404) },
      },
    },
    (request) =>
      debtChart(app.services, request.actor, request.params.id, request.query, app.config.appTimezone),
  );
};
