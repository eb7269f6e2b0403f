import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { createChain, createUser } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { bearer, buildAuthTestApp, hashOpaqueToken, logIn, refresh } from "./app.js";

let testDb: TestDatabase;
let app: App;
let companyId: number;
const sql = <Row = Record<string, unknown>>(text: string, values?: unknown[]) =>
  testDb.database.executeSql<Row>(text, values).then((result) => result.rows);

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await buildAuthTestApp(testDb);
});
afterAll(async () => {
  await app.close();
  await testDb.destroy();
});
beforeEach(async () => {
  await testDb.truncate();
  companyId = (await createChain(testDb, "Acme"))[2]?.id as number;
});

const BAD_CREDENTIALS = "No active account found with the given email and password.";

describe("POST /auth/token", () => {
  it("logs in with any case of the email, signs {sub, role, company_id} and records last_login_at", async () => {
    const user = await createUser(app, testDb, { email: "Anna@Example.com", role: "employee", companyId });
    const response = await logIn(app, "anna@EXAMPLE.com");
    expect(response.statusCode).toBe(200);
    const { access, refresh: refreshToken } = response.json();
    expect(typeof refreshToken).toBe("string");
    expect(app.jwt.decode(access)).toMatchObject({
      sub: String(user.id),
      role: "employee",
      company_id: companyId,
    });
    const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(access) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: user.id,
      email: "Anna@Example.com",
      first_name: "Test",
      last_name: "User",
      role: "employee",
      company_id: companyId,
      is_active: true,
    });
    const [row] = await sql<{ last_login_at: Date | null }>("select last_login_at from users where id = $1", [
      user.id,
    ]);
    expect(row?.last_login_at).toBeInstanceOf(Date);
  });

  it("gives the same 401 for a wrong password, an unknown email, an inactive user and one without a password", async () => {
    await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    await createUser(app, testDb, {
      email: "gone@example.com",
      role: "employee",
      companyId,
      isActive: false,
    });
    const invited = await createUser(app, testDb, { email: "new@example.com", role: "employee", companyId });
    await sql("update users set password_hash = null where id = $1", [invited.id]);

    for (const [email, password] of [
      ["anna@example.com", "2"],
      ["nobody@example.com", "1"],
      ["gone@example.com", "1"],
      ["new@example.com", "1"],
    ] as const) {
      const response = await logIn(app, email, password);
      expect(response.statusCode, email).toBe(401);
      expect(response.json()).toEqual({
        error: { code: "not_authenticated", message: BAD_CREDENTIALS, fields: {} },
      });
    }
    const [row] = await sql<{ n: number }>("select count(*) as n from users where last_login_at is not null");
    expect(row?.n).toBe(0);
  });

  it("answers 400 naming each missing field", async () => {
    const response = await app.inject({ method: "POST", url: "/api/v1/auth/token", payload: {} });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields).sort()).toEqual(["email", "password"]);
  });
});

describe("refresh tokens", () => {
  it("are stored only as a SHA-256 hash", async () => {
    await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    const { refresh: token } = (await logIn(app, "anna@example.com")).json();
    const rows = await sql("select * from refresh_tokens");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashOpaqueToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("rotate: each use gives a new pair in the same family and retires the old token", async () => {
    const user = await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    const first = (await logIn(app, "anna@example.com")).json();
    const second = await refresh(app, first.refresh);
    expect(second.statusCode).toBe(200);
    const pair = second.json();
    expect(pair.refresh).not.toBe(first.refresh);
    expect(app.jwt.decode(pair.access)).toMatchObject({ sub: String(user.id) });
    const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(pair.access) });
    expect(me.statusCode).toBe(200);
    const rows = await sql<{ family_id: string; rotated: boolean; revoked: boolean }>(
      "select family_id, rotated_at is not null as rotated, revoked_at is not null as revoked from refresh_tokens order by created_at, rotated_at nulls last",
    );
    expect(rows.map((row) => [row.rotated, row.revoked])).toEqual([
      [true, false],
      [false, false],
    ]);
    expect(rows[0]?.family_id).toBe(rows[1]?.family_id);
    expect((await refresh(app, pair.refresh)).statusCode).toBe(200);
  });

  it("reusing a rotated token revokes the whole family, including the newest token", async () => {
    await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    const stolen = (await logIn(app, "anna@example.com")).json().refresh;
    const other = (await logIn(app, "anna@example.com")).json().refresh; // another login: another family
    const legit = (await refresh(app, stolen)).json().refresh;

    const reuse = await refresh(app, stolen);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.message).toMatch(/already used/);
    expect((await refresh(app, legit)).statusCode).toBe(401);
    expect((await refresh(app, other)).statusCode).toBe(200);
  });

  it("an unknown, expired or garbage token is 401", async () => {
    await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    const token = (await logIn(app, "anna@example.com")).json().refresh;
    await sql("update refresh_tokens set expires_at = now() - interval '1 second'");
    expect((await refresh(app, token)).statusCode).toBe(401);
    expect((await refresh(app, "not-a-token")).statusCode).toBe(401);
    expect((await refresh(app, "")).statusCode).toBe(400);
  });

  it("expire after JWT_REFRESH_TTL", async () => {
    await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    await logIn(app, "anna@example.com");
    const [row] = await sql<{ seconds: number }>(
      "select extract(epoch from expires_at - created_at)::int as seconds from refresh_tokens",
    );
    expect(Math.abs((row?.seconds ?? 0) - 7 * 24 * 3600)).toBeLessThan(5);
  });
});

describe("POST /auth/logout", () => {
  it("revokes the family: the token and everything rotated from it stop working; twice is harmless", async () => {
    await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    const first = (await logIn(app, "anna@example.com")).json().refresh;
    const second = (await refresh(app, first)).json().refresh;
    const logout = () =>
      app.inject({ method: "POST", url: "/api/v1/auth/logout", payload: { refresh: second } });
    const response = await logout();
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    expect((await refresh(app, second)).statusCode).toBe(401);
    expect((await logout()).statusCode).toBe(204);
  });
});

describe("a user deactivated after login", () => {
  it("can use neither the access token nor the refresh token", async () => {
    const user = await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    const pair = (await logIn(app, "anna@example.com")).json();
    await sql("update users set is_active = false where id = $1", [user.id]);
    const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(pair.access) });
    expect(me.statusCode).toBe(401);
    expect((await refresh(app, pair.refresh)).statusCode).toBe(401);
  });

  it("a token signed with another secret is 401", async () => {
    const response = await app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: bearer(
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwicm9sZSI6InN0YWZmIiwiY29tcGFueV9pZCI6bnVsbH0.c2lnbmF0dXJl",
      ),
    });
    expect(response.statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
  });
});
