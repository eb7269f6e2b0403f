import fastifyJwt from "@fastify/jwt";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { users } from "../db/schema.js";
import { forbidden, unauthorized } from "../http/errors.js";
import { errorResponses } from "../http/schemas.js";
import { msg } from "../i18n/translate.js";
import type { Access, AccessTokenPayload, Actor } from "./actor.js";

/** One entry of the API's route table. */
export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every /api route with who may call it, as registered; the access-matrix test walks it. */
    apiRoutes: ApiRoute[];
  }
  interface FastifyRequest {
    /** Set for every route whose access is not "public". */
    actor: Actor;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

declare module "@fastify/jwt" {
  interface FastifyJWT {
    payload: AccessTokenPayload;
  }
}

/** This runs on every authenticated request, so its SQL is built once (a prepared statement), not per call. */
function prepareActorQuery(app: FastifyInstance) {
  return app.db
    .select({
      id: users.id,
      role: users.role,
      companyId: users.companyId,
      isActive: users.isActive,
      tokenVersion: users.tokenVersion,
    })
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare("load_actor");
}
type ActorQuery = ReturnType<typeof prepareActorQuery>;

/**
 * What a route's access adds to its OpenAPI description, so that no route repeats it: the bearer token it
 * needs, and the answers the onRequest hook below gives without one (401) or with the wrong role (403).
 */
const accessDocs = {
  authenticated: { security: [{ bearerAuth: [] }], responses: errorResponses(401) },
  staff: { security: [{ bearerAuth: [] }], responses: errorResponses(401, 403) },
};

/** users.id is a PostgreSQL integer: a `sub` it cannot hold names nobody, and must not reach the query. */
const MAX_USER_ID = 2 ** 31 - 1;

function userIdOf(sub: unknown): number | null {
  if (typeof sub !== "string" || !/^[1-9]\d{0,9}$/.test(sub)) return null;
  const id = Number(sub);
  return id <= MAX_USER_ID ? id : null;
}

/**
 * The token proves who the caller was when it was issued; the users row says whether they still may act.
 * Checking is_active and token_version on every request is what makes a deactivated user's old tokens, and
 * every token issued before a password change, useless at once.
 */
async function loadActor(actorQuery: ActorQuery, request: FastifyRequest): Promise<Actor> {
  let payload: AccessTokenPayload;
  try {
    payload = await request.jwtVerify<AccessTokenPayload>();
  } catch {
    throw unauthorized();
  }
  const userId = userIdOf(payload.sub);
  if (userId === null) throw unauthorized();
  const [user] = await actorQuery.execute({ id: userId });
  if (!user?.isActive) throw unauthorized(msg("auth.account_inactive"));
  if ((payload.ver ?? 0) < user.tokenVersion) throw unauthorized(msg("auth.token_outdated"));
  return {
    userId: user.id,
    role: user.role,
    companyId: user.companyId,
    familyId: typeof payload.fam === "string" ? payload.fam : null,
    ip: request.ip,
  };
}

/**
 * Who the caller is, on every request, and the check of each route's `config.access`. It comes after the error
 * handler, whose deadline covers the actor's query and which answers its 401 and 403, and after the security
 * headers, so that a 401 carries them too.
 */
async function auth(app: FastifyInstance) {
  await app.register(fastifyJwt, {
    secret: app.config.jwtSecret,
    sign: { algorithm: "HS256", expiresIn: Math.round(app.config.jwtAccessTtlMs / 1000) },
    // Pinned, so that no header (alg none, RS256 "signed" with the secret as a public key, HS512) picks how a
    // token is checked; and every token must expire.
    verify: { algorithms: ["HS256"], requiredClaims: ["exp"] },
  });
  app.decorateRequest("actor", null as never);
  const actorQuery = prepareActorQuery(app);
  const apiRoutes: ApiRoute[] = [];
  app.decorate("apiRoutes", apiRoutes);

  // Fail closed: a route under /api that forgets to say who may call it does not get registered at all.
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} must declare config.access`);
    const own = route.schema?.response as Record<number, unknown> | undefined;
    // Every /api route reads the database, so each may answer that it is away or slow.
    const outage = errorResponses(503, 504);
    if (access !== "public") {
      const { security, responses } = accessDocs[access];
      route.schema = { ...route.schema, security, response: { ...outage, ...responses, ...own } };
    } else route.schema = { ...route.schema, response: { ...outage, ...own } };
    for (const method of [route.method].flat()) apiRoutes.push({ method, url: route.url, access });
  });

  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === "public") return;
    request.actor = await loadActor(actorQuery, request);
    if (access === "staff" && request.actor.role !== "staff") throw forbidden(msg("auth.staff_only"));
  });
}

export const authPlugin = fp(auth, {
  name: "supplynet-auth",
  dependencies: ["supplynet-error-handler", "supplynet-security"],
  decorators: { fastify: ["config", "db"] },
});
