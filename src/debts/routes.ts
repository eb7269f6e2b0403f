import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { counter, registerRateLimiting, throttled } from "../auth/rate-limits.js";
import { requireVisibleCompany } from "../auth/scope.js";
import { MAX_SELECTED_IDS } from "../companies/schemas.js";
import { errorResponses, Id, IdParams } from "../http/schemas.js";
import { requireJobs } from "../queue/routes.js";
import { CLEAR_DEBT_INLINE_LIMIT, requestDebtClearing, requestQrEmail } from "./debt.js";

/** 100,000 ids of up to 10 digits, with commas and spaces, fit well within this. */
const CLEAR_DEBT_BODY_LIMIT = 2 * 1024 * 1024;

const QR_EMAILS_PER_HOUR = 5;

const tags = ["companies"];
const security = [{ bearerAuth: [] }];

const ClearDebtBody = Type.Object(
  { ids: Type.Array(Id, { minItems: 1, maxItems: MAX_SELECTED_IDS }) },
  { additionalProperties: false },
);
const UnknownIds = Type.Array(Type.Integer(), { description: "Ids that name no company; they are ignored" });

export async function debtRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const jobs = () => requireJobs(app);
  await registerRateLimiting(app);
  const qrEmails = counter(app, "qr-emails", QR_EMAILS_PER_HOUR, 60 * 60 * 1000);

  app.post(
    "/companies/clear_debt",
    {
      config: { access: "staff" },
      bodyLimit: CLEAR_DEBT_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary: "Set the debt of the listed companies to 0",
        description:
          `Up to ${CLEAR_DEBT_INLINE_LIMIT} ids are cleared at once (200). More (up to ${MAX_SELECTED_IDS}) ` +
          "are cleared by a job (202); follow it at GET /jobs/{job_id}. Duplicates count once, factories " +
          "(never in debt) are left alone, and ids that name no company come back in unknown_ids.",
        body: ClearDebtBody,
        response: {
          200: Type.Object({ cleared: Type.Integer(), unknown_ids: UnknownIds }),
          202: Type.Object({ job_id: Type.String({ format: "uuid" }), unknown_ids: UnknownIds }),
          ...errorResponses(400, 401, 403, 413),
        },
      },
    },
    async (request, reply) => {
      const outcome = await requestDebtClearing(app.db, jobs, request.actor, request.body.ids);
      if ("jobId" in outcome)
        return reply.status(202).send({ job_id: outcome.jobId, unknown_ids: outcome.unknownIds });
      return reply.status(200).send({ cleared: outcome.cleared, unknown_ids: outcome.unknownIds });
    },
  );

  app.route({
    method: ["GET", "POST"],
    url: "/companies/:id/get_qr",
    // GET has a side effect here (an email), so no automatic HEAD route that would run it too.
    exposeHeadRoute: false,
    config: { access: "authenticated" },
    schema: {
      tags,
      security,
      summary: "Email yourself the company's address as a QR code",
      description: `Answers at once; a job sends the email. At most ${QR_EMAILS_PER_HOUR} per user per hour.`,
      params: IdParams,
      response: {
        202: Type.Object({ detail: Type.String() }),
        ...errorResponses(400, 401, 404, 429),
      },
    },
    handler: async (request, reply) => {
      // Only an accepted request uses up the quota: a 404 (or the 400 of a bad id, before this) costs nothing.
      // The company is checked before the quota is taken, and the quota taken (one atomic increment) before
      // the job is queued, so parallel requests cannot send more than the quota either.
      await requireVisibleCompany(app.db, request.actor, request.params.id);
      const quota = await qrEmails.hit(String(request.actor.userId));
      if (quota.exceeded) {
        throw throttled(quota.retryAfter, `You may ask for ${QR_EMAILS_PER_HOUR} QR codes per hour.`);
      }
      const email = await requestQrEmail(app.db, jobs, request.actor, request.params.id);
      return reply.status(202).send({ detail: `The QR code will be emailed to ${email}` });
    },
  });
}
