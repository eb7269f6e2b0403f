import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { SESSION_COOKIE } from "../../src/auth/admin-session.js";
import { createChain, createUser, GENEROUS_LIMITS } from "../helpers/app.js";
import { logIn } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";

const STAFF = "staff@example.com";
const EMPLOYEE = "employee@example.com";
const SESSION_PATH = "/api/v1/auth/session";

interface Cookie {
  name: string;
  value: string;
  path?: string;
  maxAge?: number;
  expires?: Date;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
}
type Answer = Awaited<ReturnType<App["inject"]>>;
const sessionCookie = (response: Answer) =>
  (response.cookies as Cookie[]).find((cookie) => cookie.name === SESSION_COOKIE);

describe("the admin's cookie session", () => {
  const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS } });

  const logInSession = (email = STAFF, password = "1") =>
    t.app.inject({ method: "POST", url: SESSION_PATH, payload: { email, password } });
  const post = (path: string, cookie?: string, headers: Record<string, string> = {}, payload: unknown = {}) =>
    t.app.inject({
      method: "POST",
      url: `${SESSION_PATH}${path}`,
      payload: payload as object,
      headers,
      ...(cookie !== undefined && { cookies: { [SESSION_COOKIE]: cookie } }),
    });
  const refreshSession = (cookie?: string) => post("/refresh", cookie);
  const openSession = async () => {
    const response = await logInSession();
    expect(response.statusCode).toBe(200);
    return sessionCookie(response)?.value as string;
  };
  const liveTokens = async () =>
    (await t.sql<{ n: number }>("select count(*)::int as n from refresh_tokens where revoked_at is null"))[0]
      ?.n;

  beforeEach(async () => {
    const company = (await createChain(t.testDb, "Solo"))[1]?.id as number;
    await createUser(t.app, t.testDb, { email: STAFF, role: "staff" });
    await createUser(t.app, t.testDb, { email: EMPLOYEE, role: "employee", companyId: company });
  });
  it("logs staff in with an access token in JSON and the refresh token only in an httpOnly cookie", async () => {
    const response = await logInSession();
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json())).toEqual(["access"]);
    const cookie = sessionCookie(response);
    expect(cookie).toMatchObject({
      path: SESSION_PATH,
      httpOnly: true,
      sameSite: "Strict",
      maxAge: 7 * 86_400,
    });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).toMatch(/^[\w-]{40,}$/);
    expect(response.body).not.toContain(cookie?.value);
    expect(response.headers["cache-control"]).toBe("no-store");
    const me = await t.app.inject({
      url: "/api/v1/auth/me",
      headers: { authorization: `Bearer ${response.json().access}` },
    });
    expect(me.json()).toMatchObject({ email: STAFF, role: "staff" });
  });

  it("refuses an employee with the admin's clear message and leaves no session behind", async () => {
    const response = await logInSession(EMPLOYEE);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({
      code: "forbidden",
      message: "This admin is for staff. Employees use the API.",
    });
    expect(sessionCookie(response)).toBeUndefined();
    // Nothing written for a refused login: no token, not even a revoked one, and no last login.
    expect(await t.sql("select id from refresh_tokens")).toEqual([]);
    expect(await t.sql("select last_login_at from users where email = $1", [EMPLOYEE])).toEqual([
      { last_login_at: null },
    ]);
  });

  it("refuses an employee's wrong password as any other: 401, not the staff-only 403", async () => {
    const response = await logInSession(EMPLOYEE, "wrong");
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("not_authenticated");
  });

  it("refuses a wrong password with 401 and no cookie", async () => {
    const response = await logInSession(STAFF, "wrong");
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("not_authenticated");
    expect(sessionCookie(response)).toBeUndefined();
  });

  it("rotates the cookie on refresh, and a replayed old cookie signs the whole login out", async () => {
    const first = await openSession();
    const refreshed = await refreshSession(first);
    expect(refreshed.statusCode).toBe(200);
    expect(Object.keys(refreshed.json())).toEqual(["access"]);
    const second = sessionCookie(refreshed)?.value as string;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect(sessionCookie(refreshed)).toMatchObject({
      path: SESSION_PATH,
      httpOnly: true,
      sameSite: "Strict",
    });

    const replay = await refreshSession(first);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe("not_authenticated");
    // The refusal also clears the browser's cookie.
    expect(sessionCookie(replay)).toMatchObject({ value: "", path: SESSION_PATH });
    expect((await refreshSession(second)).statusCode).toBe(401);
    expect(await liveTokens()).toBe(0);
  });

  it("answers 401 to a refresh without a cookie", async () => {
    const response = await refreshSession();
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("not_authenticated");
  });

  it("logs out: clears the cookie and revokes the login, so the cookie no longer refreshes", async () => {
    const cookie = await openSession();
    const response = await post("/logout", cookie);
    expect(response.statusCode).toBe(204);
    const cleared = sessionCookie(response);
    expect(cleared).toMatchObject({ value: "", path: SESSION_PATH });
    expect(cleared?.expires?.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await refreshSession(cookie)).statusCode).toBe(401);
    expect(await liveTokens()).toBe(0);
    // Logging out without a session is harmless.
    expect((await post("/logout")).statusCode).toBe(204);
  });

  it("replaces the browser's previous session when staff log in again", async () => {
    const old = (await logInSession()).cookies as Cookie[];
    const oldValue = old.find((cookie) => cookie.name === SESSION_COOKIE)?.value as string;
    const again = await t.app.inject({
      method: "POST",
      url: SESSION_PATH,
      payload: { email: STAFF, password: "1" },
      cookies: { [SESSION_COOKIE]: oldValue },
    });
    expect(again.statusCode).toBe(200);
    expect((await refreshSession(oldValue)).statusCode).toBe(401);
    expect((await refreshSession(sessionCookie(again)?.value)).statusCode).toBe(200);
  });

  it("accepts only JSON on the cookie routes (CSRF), before touching the session", async () => {
    const cookie = await openSession();
    for (const [path, contentType] of [
      ["/refresh", "text/plain"],
      ["/refresh", "application/x-www-form-urlencoded"],
      ["/logout", "text/plain"],
      ["/logout", "multipart/form-data; boundary=x"],
    ] as const) {
      const response = await post(path, cookie, { "content-type": contentType }, "");
      expect(response.statusCode, `${path} as ${contentType}`).toBe(415);
      expect(response.json().error.code).toBe("unsupported_media_type");
    }
    const login = await t.app.inject({
      method: "POST",
      url: SESSION_PATH,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `email=${encodeURIComponent(STAFF)}&password=1`,
    });
    expect(login.statusCode).toBe(415);
    // Nothing was rotated or revoked by the refused requests.
    expect((await refreshSession(cookie)).statusCode).toBe(200);
  });

  it("takes only small bodies, as every public route", async () => {
    const big = { email: STAFF, password: "x".repeat(9000) };
    const login = await t.app.inject({ method: "POST", url: SESSION_PATH, payload: big });
    expect(login.statusCode).toBe(413);
    expect(login.json().error.code).toBe("payload_too_large");
    const refresh = await post("/refresh", undefined, {}, { padding: "x".repeat(9000) });
    expect(refresh.statusCode).toBe(413);
  });

  it("leaves the API clients' JSON tokens on /auth/token as they were", async () => {
    const response = await logIn(t.app, EMPLOYEE);
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json()).sort()).toEqual(["access", "refresh"]);
    expect(sessionCookie(response)).toBeUndefined();
  });
});

describe("the admin's cookie session over https", () => {
  const t = testApp({ config: { publicUrl: "https://supplynet.example" }, truncate: false });

  beforeAll(async () => {
    await createUser(t.app, t.testDb, { email: STAFF, role: "staff" });
  });

  it("marks the cookie Secure", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: SESSION_PATH,
      payload: { email: STAFF, password: "1" },
    });
    expect(response.statusCode).toBe(200);
    expect(sessionCookie(response)).toMatchObject({ secure: true, httpOnly: true, sameSite: "Strict" });
  });
});

describe("the admin session's rate limits", () => {
  const t = testApp({
    config: { authRateLimit: { ...GENEROUS_LIMITS, perIp: 3, failures: 2 } },
    truncate: false,
  });

  beforeAll(async () => {
    await createUser(t.app, t.testDb, { email: STAFF, role: "staff" });
  });

  it("limits logins per address as /auth/token does", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await t.app.inject({
        method: "POST",
        url: SESSION_PATH,
        // A new email each time, so that only the per-address limit can refuse.
        payload: { email: `nobody${i}@example.com`, password: "x" },
        remoteAddress: "203.0.113.7",
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("shares the login failure budget with /auth/token: no second set of guesses", async () => {
    for (let i = 0; i < 2; i++) {
      const wrong = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/token",
        payload: { email: STAFF, password: "wrong" },
        remoteAddress: "198.51.100.9",
      });
      expect(wrong.statusCode).toBe(401);
    }
    const session = await t.app.inject({
      method: "POST",
      url: SESSION_PATH,
      payload: { email: STAFF, password: "wrong" },
      remoteAddress: "198.51.100.9",
    });
    expect(session.statusCode).toBe(429);
    expect(session.json().error.code).toBe("throttled");
  });

  it("gives refresh room for several tabs, but a limit", async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 70; i++) {
      const response = await t.app.inject({
        method: "POST",
        url: `${SESSION_PATH}/refresh`,
        payload: {},
        remoteAddress: "192.0.2.44",
      });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    }
    // Far above the 3 logins a minute, and still bounded.
    expect(statuses.get(401)).toBeGreaterThanOrEqual(30);
    expect(statuses.get(429)).toBeGreaterThan(0);
  });
});
