import { type App, buildApp } from "../../src/app.js";
import { hashOpaqueToken } from "../../src/auth/opaque-tokens.js";
import type { AuthRateLimit } from "../../src/config.js";
import type { JobQueue } from "../../src/jobs/queue.js";
import { testConfig } from "../helpers/app.js";
import type { TestDatabase } from "../helpers/database.js";

/** Limits no test reaches by accident; a rate-limit test passes its own small ones. */
const GENEROUS_LIMITS: AuthRateLimit = {
  perIp: 1000,
  perIpWindowMs: 60_000,
  failures: 1000,
  failureWindowMs: 60_000,
};

export async function buildAuthTestApp(
  testDb: TestDatabase,
  options: { limits?: Partial<AuthRateLimit>; jobs?: JobQueue } = {},
): Promise<App> {
  const config = { ...testConfig(), authRateLimit: { ...GENEROUS_LIMITS, ...options.limits } };
  const app = await buildApp({
    config,
    database: testDb.database,
    ...(options.jobs && { jobs: options.jobs }),
  });
  await app.ready();
  return app;
}

export async function logIn(app: App, email: string, password = "1") {
  return app.inject({ method: "POST", url: "/api/v1/auth/token", payload: { email, password } });
}

export async function refresh(app: App, token: string) {
  return app.inject({ method: "POST", url: "/api/v1/auth/token/refresh", payload: { refresh: token } });
}

export const bearer = (access: string) => ({ authorization: `Bearer ${access}` });

export { hashOpaqueToken };
