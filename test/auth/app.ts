import { afterAll, beforeAll, beforeEach } from "vitest";
import { type App, buildApp } from "../../src/app.js";
import { hashOpaqueToken } from "../../src/auth/opaque-tokens.js";
import type { AuthRateLimit } from "../../src/config.js";
import type { JobQueue } from "../../src/queue/queue.js";
import { testConfig } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

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

export const register = (app: App, payload: Record<string, unknown>) =>
  app.inject({ method: "POST", url: "/api/v1/auth/register", payload });

export interface AuthTestContext {
  testDb: TestDatabase;
  app: App;
  sql<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
}

/** One database and app for the test file (read them inside tests and hooks), emptied before each test. */
export function authTestApp(): AuthTestContext {
  const context = {
    sql: (text: string, values?: unknown[]) =>
      context.testDb.database.executeSql(text, values).then((result) => result.rows),
  } as AuthTestContext;
  beforeAll(async () => {
    context.testDb = await createTestDatabase();
    context.app = await buildAuthTestApp(context.testDb);
  });
  afterAll(async () => {
    await context.app?.close();
    await context.testDb?.destroy();
  });
  beforeEach(() => context.testDb.truncate());
  return context;
}
