import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { createInvitation } from "../../src/employees/invitations.js";
import { createChain, createUser } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { bearer, buildAuthTestApp, hashOpaqueToken, logIn } from "./app.js";

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
  companyId = (await createChain(testDb, "Acme"))[1]?.id as number;
});

/** An invited employee (no password yet) and the token their link carries. */
async function invitee(email = "new@example.com") {
  const [user] = await sql<{ id: number }>(
    "insert into users (email, role, company_id) values ($1, 'employee', $2) returning id",
    [email, companyId],
  );
  const id = user?.id as number;
  return { id, token: await createInvitation(app.db, id) };
}

const register = (payload: Record<string, unknown>) =>
  app.inject({ method: "POST", url: "/api/v1/auth/register", payload });

describe("POST /auth/register", () => {
  it("sets an argon2id password and the names, uses up the invitation and logs the employee in", async () => {
    const { id, token } = await invitee();
    const response = await register({
      token,
      password: "correct horse",
      first_name: "Anna",
      last_name: "Ivanova",
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toEqual({
      id,
      email: "new@example.com",
      first_name: "Anna",
      last_name: "Ivanova",
      role: "employee",
      company_id: companyId,
      is_active: true,
    });
    const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(body.access) });
    expect(me.json().id).toBe(id);

    const [user] = await sql<{ password_hash: string }>("select password_hash from users where id = $1", [
      id,
    ]);
    expect(user?.password_hash.startsWith("$argon2id$")).toBe(true);
    expect(user?.password_hash).not.toContain("correct horse");
    const [invitation] = await sql<{ used: boolean }>("select used_at is not null as used from invitations");
    expect(invitation?.used).toBe(true);
    expect((await logIn(app, "NEW@example.com", "correct horse")).statusCode).toBe(200);
  });

  it("stores the invitation token only as its SHA-256", async () => {
    const { token } = await invitee();
    const rows = await sql("select * from invitations");
    expect(rows[0]?.token_hash).toBe(hashOpaqueToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("refuses a token used once already", async () => {
    const { token } = await invitee();
    expect((await register({ token, password: "password-1" })).statusCode).toBe(201);
    const again = await register({ token, password: "password-2" });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.token[0]).toMatch(/already been used/);
    expect((await logIn(app, "new@example.com", "password-1")).statusCode).toBe(200);
    expect((await logIn(app, "new@example.com", "password-2")).statusCode).toBe(401);
  });

  it("refuses an expired token, an unknown token and a deactivated invitee, naming the token", async () => {
    const expired = await invitee("old@example.com");
    await sql("update invitations set expires_at = now() - interval '1 minute' where user_id = $1", [
      expired.id,
    ]);
    const inactive = await invitee("gone@example.com");
    await sql("update users set is_active = false where id = $1", [inactive.id]);

    const cases = [
      [expired.token, /expired/],
      ["x".repeat(43), /not valid/],
      [inactive.token, /deactivated/],
    ] as const;
    for (const [token, message] of cases) {
      const response = await register({ token, password: "long enough" });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields.token[0]).toMatch(message);
    }
    const [row] = await sql<{ n: number }>("select count(*) as n from users where password_hash is not null");
    expect(row?.n).toBe(0);
  });

  it("asks for at least 8 characters and names every bad field", async () => {
    const { token } = await invitee();
    const response = await register({ token, password: "short", first_name: "x".repeat(151), extra: true });
    expect(response.statusCode).toBe(400);
    const { fields } = response.json().error;
    expect(fields.password[0]).toMatch(/8 characters/);
    expect(Object.keys(fields).sort()).toEqual(["extra", "first_name", "password"]);
    const [invitation] = await sql<{ used: boolean }>("select used_at is not null as used from invitations");
    expect(invitation?.used).toBe(false);
  });

  it("cannot take over an account that already has a password through a stale invitation", async () => {
    const user = await createUser(app, testDb, { email: "anna@example.com", role: "employee", companyId });
    const token = await createInvitation(app.db, user.id);
    await sql("update invitations set used_at = now()");
    expect((await register({ token, password: "hijacked!" })).statusCode).toBe(400);
    expect((await logIn(app, "anna@example.com", "1")).statusCode).toBe(200);
  });
});
