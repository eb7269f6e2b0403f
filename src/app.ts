import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import { authPlugin } from "./auth/plugin.js";
import { authRoutes } from "./auth/routes.js";
import { companyRoutes } from "./companies/routes.js";
import type { Config } from "./config.js";
import type { Database, Db } from "./db/client.js";
import { employeeRoutes } from "./employees/routes.js";
import { healthRoutes } from "./health/routes.js";
import { docsPlugin } from "./http/docs.js";
import { errorHandlerPlugin } from "./http/errors.js";
import { productRoutes } from "./products/routes.js";

export interface AppDeps {
  config: Config;
  database: Database;
}

declare module "fastify" {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
  }
}

export type App = FastifyInstance;

/** Bodies above this size are refused with 413 before they are parsed. */
const BODY_LIMIT = 1024 * 1024;

export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    logger: { level: deps.config.logLevel },
    bodyLimit: BODY_LIMIT,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate("config", deps.config);
  app.decorate("database", deps.database);
  app.decorate("db", deps.database.db);

  await app.register(errorHandlerPlugin);
  await app.register(authPlugin);
  await app.register(docsPlugin);

  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: "/api/v1" });
  await app.register(employeeRoutes, { prefix: "/api/v1" });
  await app.register(companyRoutes, { prefix: "/api/v1" });
  await app.register(productRoutes, { prefix: "/api/v1" });
  return app;
}
