import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { AuthRateLimit } from "../../src/config.js";
import { createChain, createUser } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { buildAuthTestApp, logIn } from "./app.js";

let testDb: TestDatabase;
let companyId: number;
const apps: App[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await testDb.destroy();
});
beforeEach(async () => {
  await testDb.truncate();
  companyId = (await createChain(testDb, "Acme"))[1]?.id as number;
});

/** A fresh app per test: the counters live in the app's memory. */
async function appWith(limits: Partial<AuthRateLimit>) {
  const app = await buildAuthTestApp(testDb, { limits });
  apps.push(app);
  return app;
}

function expectThrottled(response: Awaited<ReturnType<typeof logIn>>, maxSeconds: number) {
  expect(response.statusCode).toBe(429);
  const retryAfter = Number(response.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(response.json()).toEqual({
    error: { code: "throttled", message: expect.stringMatching(/Try again in \d+ s\./), fields: {} },
  });
}

describe("rate limits on /auth/token and /auth/register", () => {
  it("count every request per IP", async () => {
    const app = await appWith({ perIp: 3, perIpWindowMs: 60_000 });
    await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    for (let i = 0; i < 3; i++) expect((await logIn(app, "anna@example.com")).statusCode).toBe(200);
    expectThrottled(await logIn(app, "anna@example.com"), 60);
    // Another address is not affected.
    const elsewhere = await app.inject({
      method: "POST",
      url: "/api/v1/auth/token",
      remoteAddress: "10.1.2.3",
      payload: { email: "anna@example.com", password: "1" },
    });
    expect(elsewhere.statusCode).toBe(200);

    const register = () =>
      app.inject({
        method: "POST",
        url: "/api/v1/auth/register",
        payload: { token: "x", password: "12345678" },
      });
    for (let i = 0; i < 3; i++) expect((await register()).statusCode).toBe(400);
    expectThrottled(await register(), 60);
  });

  it("count only failed logins per email: the right password is refused too once they are used up", async () => {
    const app = await appWith({ failures: 2, failureWindowMs: 15 * 60_000 });
    await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    await createUser(app, testDb, { email: "boris@example.com", role: "employee", companyId });
    for (let i = 0; i < 5; i++) expect((await logIn(app, "boris@example.com")).statusCode).toBe(200);

    expect((await logIn(app, "anna@example.com", "wrong")).statusCode).toBe(401);
    expect((await logIn(app, "ANNA@example.com", "wrong")).statusCode).toBe(401);
    expectThrottled(await logIn(app, "anna@example.com"), 15 * 60);
    expect((await logIn(app, "boris@example.com")).statusCode).toBe(200);
  });

  it("count failed registrations (bad tokens) per IP", async () => {
    const app = await appWith({ failures: 2 });
    const register = () =>
      app.inject({
        method: "POST",
        url: "/api/v1/auth/register",
        payload: { token: "guess", password: "12345678" },
      });
    expect((await register()).statusCode).toBe(400);
    expect((await register()).statusCode).toBe(400);
    expectThrottled(await register(), 60);
  });
});
