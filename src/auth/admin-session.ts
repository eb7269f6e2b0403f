import fastifyCookie, { type CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError, unauthorized } from "../http/errors.js";
import { errorResponses } from "../http/schemas.js";
import { msg } from "../i18n/translate.js";
import { changeOwnPassword } from "./password-change.js";
import {
  currentPasswordBudget,
  loginBudget,
  PUBLIC_BODY_LIMIT,
  perIpRateLimit,
  refreshRateLimit,
} from "./rate-limits.js";
import { revokeFamilyOf, rotateRefreshToken } from "./refresh-tokens.js";
import { EmptyBody, PasswordChangeRequest, SessionResponse, TokenRequest } from "./schemas.js";
import { attemptLogin } from "./service.js";

export const SESSION_COOKIE = "supplynet_session";

const COOKIE_NOTE =
  "For the admin panel: the refresh token travels only in the httpOnly, SameSite=Strict cookie " +
  `\`${SESSION_COOKIE}\`, scoped to this path, and never in JSON. The request must be JSON ` +
  "(Content-Type: application/json), which a cross-site form cannot send. API clients use /auth/token.";

/**
 * A second layer of CSRF defence beside SameSite=Strict (which a sibling subdomain, being same-site, passes):
 * a form can post only urlencoded, multipart or text/plain, and a cross-origin script sending JSON needs a CORS
 * preflight that this server never grants.
 */
async function requireJson(request: FastifyRequest) {
  const type = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError(415, "unsupported_media_type", msg("request.json_only"));
  }
}

/**
 * The admin panel's cookie session, beside the JSON tokens of /auth/token: a script on the page (an XSS) can
 * take at most the in-memory access token, which expires within minutes, never the week-long refresh token.
 * Rotation, reuse detection and logout are the refresh-token family's own (src/auth/refresh-tokens.ts).
 */
export const adminSessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(fastifyCookie);
  app.addHook("onRequest", requireJson);

  const cookie: CookieSerializeOptions = {
    path: `${app.prefix}/auth/session`,
    httpOnly: true,
    sameSite: "strict",
    secure: new URL(app.config.publicUrl).protocol === "https:",
  };
  const maxAge = app.config.jwtRefreshTtlMs / 1000;
  const setSession = (reply: FastifyReply, refresh: string) =>
    reply.setCookie(SESSION_COOKIE, refresh, { ...cookie, maxAge });
  const endSession = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, cookie);
  const presented = (request: FastifyRequest) => request.cookies[SESSION_COOKIE] || undefined;

  // The same budgets as /auth/token: this route must not be a second set of guesses at a password.
  const budget = loginBudget(app);
  const currentPasswordFailures = currentPasswordBudget(app);
  const tags = ["auth"];

  app.post(
    "/auth/session",
    {
      config: { access: "public", rateLimit: perIpRateLimit(app) },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Admin login: staff email and password for an access token and the session cookie",
        description: `${COOKIE_NOTE} Employees are refused with 403.`,
        body: TokenRequest,
        response: { 200: SessionResponse, ...errorResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const pair = await attemptLogin(app.services, budget, request, request.body, { staffOnly: true });
      // Logging in again in the same browser replaces the session: the one it held stops working.
      const previous = presented(request);
      if (previous) await revokeFamilyOf(app.services, previous);
      setSession(reply, pair.refresh);
      return { access: pair.access };
    },
  );

  app.post(
    "/auth/session/refresh",
    {
      config: { access: "public", rateLimit: refreshRateLimit },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Admin session: a new access token, rotating the session cookie",
        description: `${COOKIE_NOTE} Presenting a cookie that was already rotated signs out every tab of that login.`,
        body: EmptyBody,
        response: { 200: SessionResponse, ...errorResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const refresh = presented(request);
      if (!refresh) throw unauthorized(msg("auth.no_admin_session"));
      try {
        const pair = await rotateRefreshToken(app.services, refresh);
        setSession(reply, pair.refresh);
        return { access: pair.access };
      } catch (error) {
        endSession(reply);
        throw error;
      }
    },
  );

  app.post(
    "/auth/session/password",
    {
      config: { access: "authenticated" },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Admin: change your own password, giving the current one",
        description: `${COOKIE_NOTE} Signs out every other session; this one goes on with a new cookie and access token.`,
        body: PasswordChangeRequest,
        response: { 200: SessionResponse, ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const pair = await changeOwnPassword(app.services, currentPasswordFailures, request, request.body);
      setSession(reply, pair.refresh);
      return { access: pair.access };
    },
  );

  app.post(
    "/auth/session/logout",
    {
      config: { access: "public", rateLimit: refreshRateLimit },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Admin logout: revoke the session's login everywhere and clear the cookie",
        description: `${COOKIE_NOTE} Answers 204 whether or not a session was open.`,
        body: EmptyBody,
        response: { 204: Type.Null({ description: "Logged out" }), ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const refresh = presented(request);
      if (refresh) await revokeFamilyOf(app.services, refresh);
      endSession(reply);
      return reply.status(204).send(null);
    },
  );
};
