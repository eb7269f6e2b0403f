import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { accountRoutes } from "./accounts/routes.js";
import { auditRoutes } from "./audit/routes.js";
import { adminSessionRoutes } from "./auth/admin-session.js";
import { authPlugin } from "./auth/plugin.js";
import { rateLimitPlugin } from "./auth/rate-limits.js";
import { authRoutes } from "./auth/routes.js";
import type { Services } from "./auth/services.js";
import { TokenIssuer } from "./auth/tokens.js";
import { companyConstraints } from "./companies/constraints.js";
import { qrRoutes } from "./companies/qr.js";
import { companyRoutes } from "./companies/routes.js";
import type { Config } from "./config.js";
import type { Database, Db } from "./db/client.js";
import { debtRoutes } from "./debts/routes.js";
import { employeeConstraints } from "./employees/constraints.js";
import { employeeRoutes } from "./employees/routes.js";
import { healthRoutes } from "./health/routes.js";
import { adminPlugin } from "./http/admin-spa.js";
import { apiRootRoutes } from "./http/api-root.js";
import { docsPlugin } from "./http/docs.js";
import {
  clientErrorHandler,
  errorHandlerPlugin,
  frameworkErrors,
  schemaErrorFormatter,
} from "./http/errors.js";
import { languagePlugin } from "./http/language.js";
import { createLogger, OneLinePerRequest } from "./http/logging.js";
import { securityPlugin } from "./http/security.js";
import { apiWithoutTrailingSlash } from "./http/trailing-slash.js";
import { createValidatorCompiler } from "./http/validation.js";
import { jobsMonitoringRoutes } from "./jobs/routes.js";
import { metricsPlugin } from "./metrics/routes.js";
import { productConstraints } from "./products/constraints.js";
import { productRoutes } from "./products/routes.js";
import type { JobQueue } from "./queue/queue.js";
import { jobRoutes } from "./queue/routes.js";
import { statsRoutes } from "./stats/routes.js";

export interface AppDeps {
  config: Config;
  database: Database;
  /** Where jobs are enqueued (clear_debt, get_qr, invitations). */
  jobs: JobQueue;
}

declare module "fastify" {
  interface FastifyInstance {
    config: Config;
    db: Db;
    jobs: JobQueue;
    /** What the services depend on; a route hands it to them. */
    services: Services;
  }
}

export type App = FastifyInstance;

/**
 * Bodies above this size are refused with 413 before they are parsed. The largest valid body (a company with
 * its 1,000 product ids) is about 12 KB; parsing costs about a microsecond per distinct key, so 64 KiB bounds
 * what any caller's body costs to a few milliseconds. clear_debt and the public auth routes set their own.
 */
export const BODY_LIMIT = 64 * 1024;

/** A hop count trusts that many proxies nearest to us, as Fastify does for a number (which its types omit). */
function trustProxyOption(trust: Config["trustProxy"]) {
  return typeof trust === "number" ? (_address: string, hop: number) => hop < trust : trust;
}

export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    loggerInstance: createLogger(deps.config) as FastifyBaseLogger,
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // Missing Host is refused by our onRequest hook instead, so that the answer has the error shape.
    http: { requireHostHeader: false },
    // Requests that arrive while the app closes get a 503 in the error shape from errorHandlerPlugin instead.
    return503OnClosing: false,
    clientErrorHandler: clientErrorHandler(deps.config.defaultLanguage),
    frameworkErrors,
    schemaErrorFormatter,
    rewriteUrl: apiWithoutTrailingSlash,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(createValidatorCompiler());

  app.decorate("config", deps.config);
  app.decorate("db", deps.database.db);
  app.decorate("jobs", deps.jobs);

  await app.register(languagePlugin);
  await app.register(errorHandlerPlugin, {
    database: deps.database,
    constraints: [...companyConstraints, ...productConstraints, ...employeeConstraints],
  });
  await app.register(securityPlugin);
  await app.register(authPlugin);
  await app.register(rateLimitPlugin);
  await app.register(metricsPlugin, { database: deps.database });
  const services: Services = {
    db: deps.database.db,
    jobs: deps.jobs,
    publicUrl: deps.config.publicUrl,
    tokens: new TokenIssuer((payload) => app.jwt.sign(payload), deps.config.jwtRefreshTtlMs),
  };
  app.decorate("services", services);
  await app.register(docsPlugin);

  await app.register(healthRoutes, { database: deps.database });
  await app.register(adminPlugin, { defaultLanguage: deps.config.defaultLanguage });
  await app.register(apiRootRoutes, { prefix: "/api/v1" });
  await app.register(authRoutes, { prefix: "/api/v1" });
  await app.register(adminSessionRoutes, { prefix: "/api/v1" });
  await app.register(accountRoutes, { prefix: "/api/v1" });
  await app.register(employeeRoutes, { prefix: "/api/v1" });
  await app.register(companyRoutes, { prefix: "/api/v1" });
  await app.register(productRoutes, { prefix: "/api/v1" });
  await app.register(statsRoutes, { prefix: "/api/v1" });
  await app.register(qrRoutes, { prefix: "/api/v1" });
  await app.register(debtRoutes, { prefix: "/api/v1" });
  await app.register(jobRoutes, { prefix: "/api/v1" });
  await app.register(jobsMonitoringRoutes, { prefix: "/api/v1" });
  await app.register(auditRoutes, { prefix: "/api/v1" });
  return app;
}
