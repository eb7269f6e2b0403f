import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/auth/admin-session.js";
import { createChain, createUser, GENEROUS_LIMITS } from "../helpers/app.js";
import { bearer, logIn, refresh } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ config: { authRateLimit: { ...GENEROUS_LIMITS, failures: 3 } } });
const NEW_PASSWORD = "violet-harbour-42";

const me = (access: string) =>
  t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(access) });
const change = (access: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/auth/password/change",
    headers: { ...bearer(access), ...headers },
    payload,
  });

async function employeeWithTwoSessions() {
  const companyId = (await createChain(t.testDb, "Acme"))[2]?.id as number;
  await createUser(t.app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
  const first = (await logIn(t.app, "anna@example.com")).json<{ access: string; refresh: string }>();
  const second = (await logIn(t.app, "anna@example.com")).json<{ access: string; refresh: string }>();
  return { first, second };
}

describe("POST /auth/password/change", () => {
  it("keeps the current session going with a new pair and signs out every other session, access tokens included", async () => {
    const { first, second } = await employeeWithTwoSessions();
    const response = await change(first.access, { current_password: "1", new_password: NEW_PASSWORD });
    expect(response.statusCode).toBe(200);
    const renewed = response.json<{ access: string; refresh: string }>();

    expect((await me(renewed.access)).statusCode).toBe(200);
    expect((await refresh(t.app, renewed.refresh)).statusCode).toBe(200);
    // Tokens issued before the change, in this session and the other, are all refused.
    const stale = await me(first.access);
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.message).toMatch(/password was changed/);
    expect((await me(second.access)).statusCode).toBe(401);
    expect((await refresh(t.app, first.refresh)).statusCode).toBe(401);
    expect((await refresh(t.app, second.refresh)).statusCode).toBe(401);

    expect((await logIn(t.app, "anna@example.com", "1")).statusCode).toBe(401);
    expect((await logIn(t.app, "anna@example.com", NEW_PASSWORD)).statusCode).toBe(200);
    const [row] = await t.sql<{ password_hash: string; changed: boolean }>(
      "select password_hash, password_changed_at is not null as changed from users where email = 'anna@example.com'",
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.changed).toBe(true);
  });

  it("refuses a wrong current password, the same password and a weak one, naming the field, in the user's language", async () => {
    const { first } = await employeeWithTwoSessions();
    const wrong = await change(first.access, { current_password: "2", new_password: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ current_password: ["The current password is not correct."] });

    const same = await change(first.access, { current_password: "1", new_password: "1" });
    expect(same.statusCode).toBe(400);
    expect(Object.keys(same.json().error.fields)).toEqual(["new_password"]);

    const common = await change(
      first.access,
      { current_password: "1", new_password: "password123" },
      { "accept-language": "ru" },
    );
    expect(common.statusCode).toBe(400);
    expect(common.json().error.fields.new_password[0]).toMatch(/[а-я]/);
    // Nothing was changed by the refusals: the old token still works.
    expect((await me(first.access)).statusCode).toBe(200);
  });

  it("limits wrong current passwords per account, so a stolen token is not a password oracle", async () => {
    const { first, second } = await employeeWithTwoSessions();
    // Earlier tests' failures may share this counter (ids restart), so count up to the budget, not exactly.
    let refusedAsWrong = 0;
    let answer = await change(first.access, { current_password: "x", new_password: NEW_PASSWORD });
    while (answer.statusCode === 400 && refusedAsWrong < 10) {
      refusedAsWrong++;
      answer = await change(first.access, { current_password: "x", new_password: NEW_PASSWORD });
    }
    expect(answer.statusCode).toBe(429);
    expect(refusedAsWrong).toBeLessThanOrEqual(3);
    const limited = await change(second.access, { current_password: "1", new_password: NEW_PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["retry-after"]).toBeDefined();
  });

  it("is refused without a token", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password/change",
      payload: { current_password: "1", new_password: NEW_PASSWORD },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe("POST /auth/session/password (the admin)", () => {
  it("renews the admin's cookie and access token, and signs out the staff user's other sessions", async () => {
    await createUser(t.app, t.testDb, { email: "boss@example.com", role: "staff" });
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/session",
      payload: { email: "boss@example.com", password: "1" },
    });
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
    const api = (await logIn(t.app, "boss@example.com")).json<{ access: string; refresh: string }>();

    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/session/password",
      headers: bearer(login.json().access),
      cookies: { [SESSION_COOKIE]: cookie },
      payload: { current_password: "1", new_password: NEW_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const renewedCookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
    expect(renewedCookie).not.toBe(cookie);
    expect((await me(response.json().access)).statusCode).toBe(200);

    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/session/refresh",
      cookies: { [SESSION_COOKIE]: renewedCookie },
      payload: {},
    });
    expect(again.statusCode).toBe(200);
    expect((await me(api.access)).statusCode).toBe(401);
    expect((await refresh(t.app, api.refresh)).statusCode).toBe(401);
  });
});

describe("token versions, whatever changes the account", () => {
  it("refuses tokens issued before a deactivation even after the account is activated again, raw SQL included", async () => {
    const { first } = await employeeWithTwoSessions();
    await t.sql("update users set is_active = false where email = 'anna@example.com'");
    await t.sql("update users set is_active = true where email = 'anna@example.com'");
    expect((await me(first.access)).statusCode).toBe(401);
    expect((await refresh(t.app, first.refresh)).statusCode).toBe(401);
    const fresh = (await logIn(t.app, "anna@example.com")).json<{ access: string }>();
    expect((await me(fresh.access)).statusCode).toBe(200);
  });
});
