import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { errorResponses } from "../http/schemas.js";
import { changeOwnPassword } from "./password-change.js";
import {
  currentPasswordBudget,
  loginBudget,
  PUBLIC_BODY_LIMIT,
  perIpRateLimit,
  refreshRateLimit,
} from "./rate-limits.js";
import { revokeFamilyOf, rotateRefreshToken } from "./refresh-tokens.js";
import {
  Me,
  MeUpdate,
  PasswordChangeRequest,
  RefreshRequest,
  TokenPairResponse,
  TokenRequest,
} from "./schemas.js";
import { attemptLogin, getMe, updateMe } from "./service.js";

const tags = ["auth"];

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const loginBudgets = loginBudget(app);
  const currentPasswordFailures = currentPasswordBudget(app);

  app.post(
    "/auth/token",
    {
      config: { access: "public", rateLimit: perIpRateLimit(app) },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Log in: trade email and password for an access and a refresh token",
        body: TokenRequest,
        response: { 200: TokenPairResponse, ...errorResponses(400, 401, 413, 429) },
      },
    },
    async (request) => attemptLogin(app.services, loginBudgets, request, request.body, { staffOnly: false }),
  );

  app.post(
    "/auth/token/refresh",
    {
      config: { access: "public", rateLimit: refreshRateLimit },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary:
          "Trade a refresh token for a new pair (rotation; reusing an old one revokes its whole family)",
        body: RefreshRequest,
        response: { 200: TokenPairResponse, ...errorResponses(400, 401, 413, 429) },
      },
    },
    async (request) => rotateRefreshToken(app.services, request.body.refresh),
  );

  app.post(
    "/auth/logout",
    {
      config: { access: "public", rateLimit: refreshRateLimit },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Revoke the refresh token and every token rotated from the same login",
        description:
          "Answers 204 whether or not the token was still valid, so logging out twice is harmless.",
        body: RefreshRequest,
        response: { 204: Type.Null({ description: "Logged out" }), ...errorResponses(400, 413, 429) },
      },
    },
    async (request, reply) => {
      await revokeFamilyOf(app.services, request.body.refresh);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "The logged-in user",
        response: { 200: Me },
      },
    },
    async (request) => getMe(app.services, request.actor.userId),
  );

  app.patch(
    "/auth/me",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Change your own account: the language of your emails",
        body: MeUpdate,
        response: { 200: Me, ...errorResponses(400, 413) },
      },
    },
    async (request) => updateMe(app.services, request.actor.userId, request.body),
  );

  app.post(
    "/auth/password/change",
    {
      config: { access: "authenticated" },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: "Change your own password, giving the current one",
        description:
          "Signs out every other session. The answer is a new pair for this session: use it from now on, since " +
          "every token issued before the change is refused.",
        body: PasswordChangeRequest,
        response: { 200: TokenPairResponse, ...errorResponses(400, 413, 429) },
      },
    },
    async (request) => changeOwnPassword(app.services, currentPasswordFailures, request, request.body),
  );
};
