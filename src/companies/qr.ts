import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.js";
import { counter, throttled } from "../auth/rate-limits.js";
import { requireVisibleCompany } from "../auth/scope.js";
import type { Services } from "../auth/services.js";
import { users } from "../db/schema.js";
import { Accepted, errorResponses, IdParams } from "../http/schemas.js";
import { msg, translate } from "../i18n/translate.js";

const QR_EMAILS_PER_HOUR = 5;

/** Checks the caller may see the company, then has a job email them its QR code; returns their address. */
export async function requestQrEmail(
  { db, jobs }: Pick<Services, "db" | "jobs">,
  actor: Actor,
  companyId: number,
): Promise<string> {
  await requireVisibleCompany(db, actor, companyId);
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
  await jobs.enqueue("send-qr-email", { company_id: companyId, user_id: actor.userId });
  return user?.email ?? "";
}

export const qrRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Fails open: the mail goes to the signed-in caller themselves, so an outage of Redis need not stop it.
  const qrEmails = counter(app, "qr-emails", QR_EMAILS_PER_HOUR, 60 * 60 * 1000, "fail open");

  app.route({
    method: ["GET", "POST"],
    url: "/companies/:id/get_qr",
    // GET has a side effect here (an email), so no automatic HEAD route that would run it too.
    exposeHeadRoute: false,
    config: { access: "authenticated" },
    schema: {
      tags: ["companies"],
      summary: "Email yourself the company's address as a QR code",
      description: `Answers at once; a job sends the email. At most ${QR_EMAILS_PER_HOUR} per user per hour.`,
      params: IdParams,
      response: { 202: Accepted, ...errorResponses(400, 404, 429) },
    },
    handler: async (request, reply) => {
      // Only an accepted request uses up the quota: a 404 (or the 400 of a bad id, before this) costs nothing.
      // The company is checked before the quota is taken, and the quota taken (one atomic increment) before
      // the job is queued, so parallel requests cannot send more than the quota either.
      await requireVisibleCompany(app.db, request.actor, request.params.id);
      const quota = await qrEmails.hit(String(request.actor.userId));
      if (quota.exceeded) {
        throw throttled(quota.retryAfter, msg("throttle.qr_emails", { count: QR_EMAILS_PER_HOUR }));
      }
      const email = await requestQrEmail(app.services, request.actor, request.params.id);
      return reply
        .status(202)
        .send({ detail: translate(msg("company.qr_sent", { email }), request.language) });
    },
  });
};
