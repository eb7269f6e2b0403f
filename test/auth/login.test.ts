import { beforeEach, describe, expect, it } from "vitest";
import { createChain, createUser, GENEROUS_LIMITS } from "../helpers/app.js";
import { bearer, hashOpaqueToken, logIn, refresh } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS } });
let companyId: number;

beforeEach(async () => {
  companyId = (await createChain(t.testDb, "Acme"))[2]?.id as number;
});

const BAD_CREDENTIALS = "No active account found with the given email and password.";

describe("POST /auth/token", () => {
  it("logs in with any case of the email, signs {sub, role, company_id} and records last_login_at", async () => {
    const user = await createUser(t.app, t.testDb, {
      email: "Anna@Example.com",
      role: "employee",
      companyId,
    });
    const response = await logIn(t.app, "anna@EXAMPLE.com");
    expect(response.statusCode).toBe(200);
    const { access, refresh: refreshToken } = response.json();
    expect(typeof refreshToken).toBe("string");
    expect(t.app.jwt.decode(access)).toMatchObject({
      sub: String(user.id),
      role: "employee",
      company_id: companyId,
    });
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(access) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: user.id,
      email: "Anna@Example.com",
      first_name: "Test",
      last_name: "User",
      role: "employee",
      company_id: companyId,
      is_active: true,
      language: "ru",
    });
    const [row] = await t.sql<{ last_login_at: Date | null }>(
      "select last_login_at from users where id = $1",
      [user.id],
    );
    expect(row?.last_login_at).toBeInstanceOf(Date);
  });

  it("gives the same 401 for a wrong password, an unknown email, an inactive user and one without a password", async () => {
    await createUser(t.app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
    await createUser(t.app, t.testDb, {
      email: "gone@example.com",
      role: "employee",
      companyId,
      isActive: false,
    });
    const invited = await createUser(t.app, t.testDb, {
      email: "new@example.com",
      role: "employee",
      companyId,
    });
    await t.sql("update users set password_hash = null where id = $1", [invited.id]);

    for (const [email, password] of [
      ["anna@example.com", "2"],
      ["nobody@example.com", "1"],
      ["gone@example.com", "1"],
      ["new@example.com", "1"],
    ] as const) {
      const response = await logIn(t.app, email, password);
      expect(response.statusCode, email).toBe(401);
      expect(response.json()).toEqual({
        error: { code: "not_authenticated", message: BAD_CREDENTIALS, fields: {} },
      });
    }
    const [row] = await t.sql<{ n: number }>(
      "select count(*) as n from users where last_login_at is not null",
    );
    expect(row?.n).toBe(0);
  });

  it("answers 400 naming each missing field", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/auth/token", payload: {} });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields).sort()).toEqual(["email", "password"]);
  });
});

describe("refresh tokens", () => {
  it("are stored only as a SHA-256 hash", async () => {
    await createUser(t.app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
    const { refresh: token } = (await logIn(t.app, "anna@example.com")).json();
    const rows = await t.sql("select * from refresh_tokens");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashOpaqueToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("rotate: each use gives a new pair in the same family and retires the old token", async () => {
    const user = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId,
    });
    const first = (await logIn(t.app, "anna@example.com")).json();
    const second = await refresh(t.app, first.refresh);
    expect(second.statusCode).toBe(200);
    const pair = second.json();
    expect(pair.refresh).not.toBe(first.refresh);
    expect(t.app.jwt.decode(pair.access)).toMatchObject({ sub: String(user.id) });
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(pair.access) });
    expect(me.statusCode).toBe(200);
    const rows = await t.sql<{ family_id: string; rotated: boolean; revoked: boolean }>(
      "select family_id, rotated_at is not null as rotated, revoked_at is not null as revoked from refresh_tokens order by created_at, rotated_at nulls last",
    );
    expect(rows.map((row) => [row.rotated, row.revoked])).toEqual([
      [true, false],
      [false, false],
    ]);
    expect(rows[0]?.family_id).toBe(rows[1]?.family_id);
    expect((await refresh(t.app, pair.refresh)).statusCode).toBe(200);
  });

  it("reusing a rotated token revokes the whole family, including the newest token", async () => {
    await createUser(t.app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
    const stolen = (await logIn(t.app, "anna@example.com")).json().refresh;
    const other = (await logIn(t.app, "anna@example.com")).json().refresh; // another login: another family
    const legit = (await refresh(t.app, stolen)).json().refresh;

    const reuse = await refresh(t.app, stolen);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.message).toMatch(/already used/);
    expect((await refresh(t.app, legit)).statusCode).toBe(401);
    expect((await refresh(t.app, other)).statusCode).toBe(200);
  });

  it("used twice at the same moment count as a reuse: at most one new pair, and then the family is revoked", async () => {
    await createUser(t.app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
    const token = (await logIn(t.app, "anna@example.com")).json().refresh;
    const both = await Promise.all([refresh(t.app, token), refresh(t.app, token)]);
    expect(both.map((response) => response.statusCode).sort()).toEqual([200, 401]);
    const winner = both.find((response) => response.statusCode === 200);
    expect((await refresh(t.app, winner?.json().refresh)).statusCode).toBe(401);
  });

  it("an unknown, expired or garbage token is 401", async () => {
    await createUser(t.app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
    const token = (await logIn(t.app, "anna@example.com")).json().refresh;
    await t.sql("update refresh_tokens set expires_at = now() - interval '1 second'");
    expect((await refresh(t.app, token)).statusCode).toBe(401);
    expect((await refresh(t.app, "not-a-token")).statusCode).toBe(401);
    expect((await refresh(t.app, "")).statusCode).toBe(400);
  });

  it("expire after JWT_REFRESH_TTL", async () => {
    await createUser(t.app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
    await logIn(t.app, "anna@example.com");
    const [row] = await t.sql<{ seconds: number }>(
      "select extract(epoch from expires_at - created_at)::int as seconds from refresh_tokens",
    );
    expect(Math.abs((row?.seconds ?? 0) - 7 * 24 * 3600)).toBeLessThan(5);
  });
});

describe("POST /auth/logout", () => {
  it("revokes the family: the token and everything rotated from it stop working; twice is harmless", async () => {
    await createUser(t.app, t.testDb, { email: "anna@example.com", role: "employee", companyId });
    const first = (await logIn(t.app, "anna@example.com")).json().refresh;
    const second = (await refresh(t.app, first)).json().refresh;
    const logout = () =>
      t.app.inject({ method: "POST", url: "/api/v1/auth/logout", payload: { refresh: second } });
    const response = await logout();
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    expect((await refresh(t.app, second)).statusCode).toBe(401);
    expect((await logout()).statusCode).toBe(204);
  });
});

describe("a user deactivated after login", () => {
  it("can use neither the access token nor the refresh token", async () => {
    const user = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId,
    });
    const pair = (await logIn(t.app, "anna@example.com")).json();
    await t.sql("update users set is_active = false where id = $1", [user.id]);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(pair.access) });
    expect(me.statusCode).toBe(401);
    expect((await refresh(t.app, pair.refresh)).statusCode).toBe(401);
  });

  it("a token signed with another secret is 401", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: bearer(
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwicm9sZSI6InN0YWZmIiwiY29tcGFueV9pZCI6bnVsbH0.c2lnbmF0dXJl",
      ),
    });
    expect(response.statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
  });
});
