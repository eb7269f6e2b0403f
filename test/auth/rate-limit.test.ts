import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { AuthRateLimit } from "../../src/config.js";
import { buildTestApp, createChain, createUser, GENEROUS_LIMITS } from "../helpers/app.js";
import { logIn } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ app: false });
let companyId: number;
const apps: App[] = [];

afterAll(() => Promise.all(apps.map((app) => app.close())));
beforeEach(async () => {
  companyId = (await createChain(t.testDb, "Acme"))[1]?.id as number;
});

/** A fresh app per test: the counters live in the app's memory. */
async function appWith(limits: Partial<AuthRateLimit>) {
  const app = await buildTestApp(t.testDb, { config: { authRateLimit: { ...GENEROUS_LIMITS, ...limits } } });
  apps.push(app);
  return app;
}

function expectThrottled(response: Awaited<ReturnType<typeof logIn>>, maxSeconds: number) {
  expect(response.statusCode).toBe(429);
  const retryAfter = Number(response.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(response.json()).toEqual({
    error: { code: "throttled", message: expect.stringMatching(/Try again in \d+ seconds?\./), fields: {} },
  });
}

describe("rate limits on /auth/token and /auth/register", () => {
  it("count every request per IP", async () => {
    const app = await appWith({ perIp: 3, perIpWindowMs: 60_000 });
    await createUser(app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
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

const logInFrom = (app: App, remoteAddress: string, email: string, password = "1") =>
  app.inject({ method: "POST", url: "/api/v1/auth/token", remoteAddress, payload: { email, password } });

describe("login budgets: keyed on the account, per address, with a cap per account", () => {
  it("share one budget between every spelling of an email that resolves to the account (İ lowers to i in PostgreSQL only)", async () => {
    const app = await appWith({ failures: 2 });
    await createUser(app, t.testDb, { email: "ivan@example.com", role: "employee", companyId });
    expect((await logIn(app, "ivan@example.com", "wrong")).statusCode).toBe(401);
    expect((await logIn(app, "IVAN@example.com", "wrong")).statusCode).toBe(401);
    // JavaScript lowers "İ" to "i̇" (two code points), PostgreSQL to "i": a key built in JS was a fresh budget.
    expectThrottled(await logIn(app, "İvan@example.com"), 15 * 60);
    expectThrottled(await logIn(app, "ivan@example.com"), 15 * 60);
  });

  it("lock out only the attacker's address: the owner at another address still logs in", async () => {
    const app = await appWith({ failures: 5 });
    await createUser(app, t.testDb, { email: "staff@example.com", role: "staff" });
    for (let i = 0; i < 5; i++) {
      expect((await logInFrom(app, "203.0.113.6", "staff@example.com", "guess")).statusCode).toBe(401);
    }
    expectThrottled(await logInFrom(app, "203.0.113.6", "staff@example.com"), 15 * 60);
    expect((await logInFrom(app, "198.51.100.1", "staff@example.com")).statusCode).toBe(200);
  });

  it("cap the failures per account from all addresses; the owner's known address still gets in", async () => {
    // 2 per address and account, so the account cap is 20 an hour.
    const app = await appWith({ failures: 2 });
    await createUser(app, t.testDb, { email: "ivan@example.com", role: "employee", companyId });
    expect((await logInFrom(app, "198.51.100.1", "ivan@example.com")).statusCode).toBe(200);
    const spellings = ["ivan@example.com", "IVAN@EXAMPLE.COM", "İvan@example.com"];
    for (let address = 1; address <= 10; address++) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const email = spellings[(address + attempt) % spellings.length] as string;
        const response = await logInFrom(app, `203.0.113.${address}`, email, `guess-${attempt}`);
        expect(response.statusCode, `${email} from 203.0.113.${address}`).toBe(401);
      }
    }
    // A 21st guess from a new address is refused before its password is checked, even the right one.
    const fresh = await logInFrom(app, "203.0.113.99", "İvan@example.com");
    expectThrottled(fresh, 60 * 60);
    expect(fresh.json().error.message).toMatch(/for this account\./);
    expect((await logInFrom(app, "198.51.100.1", "ivan@example.com")).statusCode).toBe(200);
  });

  it("are shared by the API's login and the admin's session login", async () => {
    const app = await appWith({ failures: 2 });
    await createUser(app, t.testDb, { email: "staff@example.com", role: "staff" });
    for (let i = 0; i < 2; i++) expect((await logIn(app, "staff@example.com", "guess")).statusCode).toBe(401);
    const session = await app.inject({
      method: "POST",
      url: "/api/v1/auth/session",
      payload: { email: "staff@example.com", password: "1" },
    });
    expectThrottled(session, 15 * 60);
  });

  it("throttle unknown emails as known ones, so a 429 does not tell which accounts exist", async () => {
    const app = await appWith({ failures: 2 });
    for (const email of ["nobody@example.com", "NOBODY@example.com"]) {
      expect((await logIn(app, email)).statusCode).toBe(401);
    }
    expectThrottled(await logIn(app, "nobody@example.com"), 15 * 60);
    expect((await logInFrom(app, "198.51.100.1", "nobody@example.com")).statusCode).toBe(401);
  });
});

describe("the other public routes", () => {
  it("rate limit refresh and logout per IP, with room for several admin tabs (60 a minute)", async () => {
    const app = await appWith({});
    for (const url of ["/api/v1/auth/token/refresh", "/api/v1/auth/logout"]) {
      const call = () => app.inject({ method: "POST", url, payload: { refresh: "not-a-token" } });
      for (let i = 0; i < 60; i++) expect((await call()).statusCode, url).toBeLessThan(429);
      expectThrottled(await call(), 60);
    }
  });

  it("refuse a large body with 413 before parsing it", async () => {
    const app = await appWith({});
    // About 30 KB of unknown keys: under the app's 64 KiB limit, so only the public routes' own 8 KB stops it.
    const huge = JSON.stringify(Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`k${i}`, 1])));
    expect(huge.length).toBeGreaterThan(8 * 1024);
    expect(huge.length).toBeLessThan(64 * 1024);
    for (const url of [
      "/api/v1/auth/token",
      "/api/v1/auth/token/refresh",
      "/api/v1/auth/logout",
      "/api/v1/auth/register",
      "/api/v1/auth/session",
      "/api/v1/auth/session/refresh",
      "/api/v1/auth/session/logout",
    ]) {
      const response = await app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/json" },
        payload: huge,
      });
      expect(response.statusCode, url).toBe(413);
      expect(response.json().error.code).toBe("payload_too_large");
      expect(response.body.length).toBeLessThan(1024);
    }
  });
});
