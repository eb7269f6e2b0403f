import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { refusal } from "../auth/password-change.js";
import {
  addressOf,
  counter,
  failureLimiter,
  PUBLIC_BODY_LIMIT,
  perIpRateLimit,
  throttled,
} from "../auth/rate-limits.js";
import { RegisterRequest, RegisterResponse } from "../auth/schemas.js";
import { pageResponse } from "../http/listing.js";
import { Accepted, errorResponses, IdParams, PageOf } from "../http/schemas.js";
import { msg, translate } from "../i18n/translate.js";
import { lookUpPasswordReset, requestPasswordReset, resetPassword } from "./password-reset.js";
import { lookUpInvitation, register } from "./registration.js";
import {
  InvitationView,
  PasswordResetAccount,
  PasswordResetConfirm,
  PasswordResetDone,
  PasswordResetRequest,
  StaffCreate,
  StaffQuery,
  StaffReplace,
  StaffUpdate,
  StaffUser,
  TokenBody,
} from "./schemas.js";
import { createStaff, getStaff, listStaff, resendStaffInvitation, updateStaff } from "./staff.js";

/** Reset emails one address may be sent in an hour, whoever asks: enough for a typo and a retry, not a flood. */
const RESETS_PER_EMAIL_PER_HOUR = 3;

/** Registration, password reset and staff users: the accounts of supplynet, as an invitee and staff meet them. */
export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ["auth"];
  // A wrong invitation or reset token is a guess at 256 random bits; these count them per address.
  const registerFailures = failureLimiter(app, "register-failures", addressOf, msg("throttle.registrations"));
  const resetFailures = failureLimiter(app, "reset-failures", addressOf, msg("throttle.password_resets"));
  // Fails closed: it caps mail to someone else's inbox, whoever asks.
  const resetsPerEmail = counter(app, "reset-email", RESETS_PER_EMAIL_PER_HOUR, 60 * 60_000, "fail closed");

  app.post(
    "/auth/register",
    {
      config: { access: "public", rateLimit: perIpRateLimit(app) },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Accept an invitation: set a password and log in",
        body: RegisterRequest,
        response: { 201: RegisterResponse, ...errorResponses(400, 413, 429) },
      },
    },
    async (request, reply) => {
      await registerFailures.refuseIfExhausted(request);
      const outcome = await register(app.services, request.body);
      if ("problem" in outcome) {
        // Only a bad token is a guess; a refused password is the invitee's own.
        if (outcome.field === "token") await registerFailures.recordFailure(request);
        throw refusal(outcome);
      }
      return reply.status(201).send(outcome);
    },
  );

  app.post(
    "/auth/invitation",
    {
      config: { access: "public", rateLimit: perIpRateLimit(app) },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Whom an invitation is for and from whom, before the invitee chooses a password",
        description: "The token travels in the body, never in a URL, so that no log keeps it.",
        body: TokenBody("invitation link"),
        response: { 200: InvitationView, ...errorResponses(400, 413, 429) },
      },
    },
    async (request) => {
      await registerFailures.refuseIfExhausted(request);
      const outcome = await lookUpInvitation(app.services, request.body.token);
      if (!("problem" in outcome)) return outcome;
      await registerFailures.recordFailure(request);
      throw refusal(outcome);
    },
  );

  app.post(
    "/auth/password/reset",
    {
      config: { access: "public", rateLimit: perIpRateLimit(app) },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Ask for a link to set a new password, sent to the account's email",
        description:
          "Always 202 with the same words, whether or not the email names an account: the answer tells nobody " +
          "which emails have one. The link works once, for an hour.",
        body: PasswordResetRequest,
        response: { 202: Accepted, ...errorResponses(400, 413, 429) },
      },
    },
    async (request, reply) => {
      const state = await resetsPerEmail.hit(request.body.email.trim().toLowerCase());
      if (state.exceeded) throw throttled(state.retryAfter, msg("throttle.password_resets"));
      await requestPasswordReset(app.services, request.body.email.trim());
      return reply.status(202).send({ detail: translate(msg("account.reset_requested"), request.language) });
    },
  );

  app.post(
    "/auth/password/reset/account",
    {
      config: { access: "public", rateLimit: perIpRateLimit(app) },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Whose password a reset link sets, before its owner chooses one",
        body: TokenBody("password reset link"),
        response: { 200: PasswordResetAccount, ...errorResponses(400, 413, 429) },
      },
    },
    async (request) => {
      await resetFailures.refuseIfExhausted(request);
      const outcome = await lookUpPasswordReset(app.services, request.body.token);
      if (!("problem" in outcome)) return outcome;
      await resetFailures.recordFailure(request);
      throw refusal(outcome);
    },
  );

  app.post(
    "/auth/password/reset/confirm",
    {
      config: { access: "public", rateLimit: perIpRateLimit(app) },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Set a new password with a reset link; every session of the account is signed out",
        body: PasswordResetConfirm,
        response: { 200: PasswordResetDone, ...errorResponses(400, 413, 429) },
      },
    },
    async (request) => {
      await resetFailures.refuseIfExhausted(request);
      const outcome = await resetPassword(app.services, request.body, request.ip);
      if ("problem" in outcome) {
        if (outcome.field === "token") await resetFailures.recordFailure(request);
        throw refusal(outcome);
      }
      return { ...outcome, detail: translate(msg("account.reset_done"), request.language) };
    },
  );

  const staffTags = ["staff"];
  const staffOnly = { access: "staff" as const };

  app.get(
    "/staff",
    {
      config: staffOnly,
      schema: {
        tags: staffTags,
        summary: "List staff users (staff)",
        querystring: StaffQuery,
        response: { 200: PageOf(StaffUser), ...errorResponses(400) },
      },
    },
    (request) => pageResponse(request, (page) => listStaff(app.services, request.query, page)),
  );

  app.post(
    "/staff",
    {
      config: staffOnly,
      schema: {
        tags: staffTags,
        summary: "Create a staff user and send them an invitation (staff)",
        body: StaffCreate,
        response: { 201: StaffUser, ...errorResponses(400, 409, 413) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createStaff(app.services, request.actor, request.body)),
  );

  app.get(
    "/staff/:id",
    {
      config: staffOnly,
      schema: {
        tags: staffTags,
        summary: "One staff user (staff)",
        params: IdParams,
        response: { 200: StaffUser, ...errorResponses(400, 404) },
      },
    },
    async (request) => getStaff(app.services, request.params.id),
  );

  app.patch(
    "/staff/:id",
    {
      config: staffOnly,
      schema: {
        tags: staffTags,
        summary:
          "Change names, language or is_active (staff); deactivating signs them out everywhere, and is refused " +
          "for yourself and for the last active staff user",
        params: IdParams,
        body: StaffUpdate,
        response: { 200: StaffUser, ...errorResponses(400, 404, 409, 413) },
      },
    },
    async (request) => updateStaff(app.services, request.actor, request.params.id, request.body),
  );

  app.put(
    "/staff/:id",
    {
      config: staffOnly,
      schema: {
        tags: staffTags,
        summary: "Replace a staff user's names (language and is_active left out are kept) (staff)",
        params: IdParams,
        body: StaffReplace,
        response: { 200: StaffUser, ...errorResponses(400, 404, 409, 413) },
      },
    },
    async (request) => updateStaff(app.services, request.actor, request.params.id, request.body),
  );

  app.post(
    "/staff/:id/resend_invite",
    {
      config: staffOnly,
      schema: {
        tags: staffTags,
        summary: "Send a new invitation; earlier links stop working (staff)",
        params: IdParams,
        response: { 202: Accepted, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const email = await resendStaffInvitation(app.services, request.actor, request.params.id);
      return reply
        .status(202)
        .send({ detail: translate(msg("staff.invitation_sent", { email }), request.language) });
    },
  );
};
