import fastifyRateLimit from "@fastify/rate-limit";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { Actor } from "../auth/actor.js";
import { companies, users } from "../db/schema.js";
import { HttpError, notFound } from "../http/errors.js";
import { errorResponses, Id, IdParams } from "../http/schemas.js";
import { requireJobs } from "../jobs/routes.js";
import { clearDebt, unknownCompanyIds } from "./debt.js";
import { visibleCompanies } from "./scope.js";

/** Up to this many companies are cleared within the request; more go to a `clear-debt` job. */
export const CLEAR_DEBT_INLINE_LIMIT = 20;
const CLEAR_DEBT_MAX_IDS = 100_000;
/** 100,000 ids of up to 10 digits, with commas and spaces, fit well within this. */
const CLEAR_DEBT_BODY_LIMIT = 2 * 1024 * 1024;

const QR_EMAILS_PER_HOUR = 5;

const tags = ["companies"];
const security = [{ bearerAuth: [] }];

const ClearDebtBody = Type.Object(
  { ids: Type.Array(Id, { minItems: 1, maxItems: CLEAR_DEBT_MAX_IDS }) },
  { additionalProperties: false },
);
const UnknownIds = Type.Array(Type.Integer(), { description: "Ids that name no company; they are ignored" });

/** Checks the caller may see the company, then has a job email them its QR code. */
async function requestQrEmail(app: FastifyInstance, actor: Actor, companyId: number) {
  const visible = visibleCompanies(actor);
  const [company] = await app.db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, companyId), visible));
  if (!company) throw notFound("No company with this id.");
  const [user] = await app.db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
  await requireJobs(app).enqueue("send-qr-email", { company_id: company.id, user_id: actor.userId });
  return { detail: `The QR code will be emailed to ${user?.email}` };
}

export async function debtRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new HttpError(
        429,
        "throttled",
        `You may ask for ${context.max} QR codes per hour. Try again in ${seconds} s.`,
        {},
        { "retry-after": String(seconds) },
      );
    },
  });

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
          `Up to ${CLEAR_DEBT_INLINE_LIMIT} ids are cleared at once (200). More (up to ${CLEAR_DEBT_MAX_IDS}) ` +
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
      const ids = [...new Set(request.body.ids)];
      const unknownIds = await unknownCompanyIds(app.db, request.actor, ids);
      const unknown = new Set(unknownIds);
      const known = ids.filter((id) => !unknown.has(id));
      if (ids.length <= CLEAR_DEBT_INLINE_LIMIT) {
        const { cleared } = await clearDebt(app.db, known);
        return reply.status(200).send({ cleared, unknown_ids: unknownIds });
      }
      const jobId = await requireJobs(app).enqueue("clear-debt", { ids: known });
      return reply.status(202).send({ job_id: jobId, unknown_ids: unknownIds });
    },
  );

  const qrRoute = {
    config: {
      access: "authenticated" as const,
      rateLimit: {
        max: QR_EMAILS_PER_HOUR,
        timeWindow: 60 * 60 * 1000,
        keyGenerator: (request: FastifyRequest) => `qr:${request.actor.userId}`,
      },
    },
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
  };
  for (const method of ["GET", "POST"] as const) {
    app.route({
      method,
      url: "/companies/:id/get_qr",
      ...qrRoute,
      handler: async (request, reply) =>
        reply.status(202).send(await requestQrEmail(app, request.actor, request.params.id)),
    });
  }
}
