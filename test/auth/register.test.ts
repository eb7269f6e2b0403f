import { beforeEach, describe, expect, it } from "vitest";
import { createInvitation } from "../../src/accounts/invitations.js";
import { createChain, createUser, GENEROUS_LIMITS } from "../helpers/app.js";
import { bearer, hashOpaqueToken, logIn, register } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS } });
let companyId: number;

beforeEach(async () => {
  companyId = (await createChain(t.testDb, "Acme"))[1]?.id as number;
});

/** An invited employee (no password yet) and the token their link carries. */
async function invitee(email = "new@example.com") {
  const [user] = await t.sql<{ id: number }>(
    "insert into users (email, role, company_id) values ($1, 'employee', $2) returning id",
    [email, companyId],
  );
  const id = user?.id as number;
  return { id, token: await createInvitation(t.app.db, id) };
}

describe("POST /auth/register", () => {
  it("sets an argon2id password and the names, uses up the invitation and logs the employee in", async () => {
    const { id, token } = await invitee();
    const response = await register(t.app, {
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
      language: "ru",
    });
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(body.access) });
    expect(me.json().id).toBe(id);

    const [user] = await t.sql<{ password_hash: string }>("select password_hash from users where id = $1", [
      id,
    ]);
    expect(user?.password_hash.startsWith("$argon2id$")).toBe(true);
    expect(user?.password_hash).not.toContain("correct horse");
    const [invitation] = await t.sql<{ used: boolean }>(
      "select used_at is not null as used from invitations",
    );
    expect(invitation?.used).toBe(true);
    expect((await logIn(t.app, "NEW@example.com", "correct horse")).statusCode).toBe(200);
  });

  it("stores the invitation token only as its SHA-256", async () => {
    const { token } = await invitee();
    const rows = await t.sql("select * from invitations");
    expect(rows[0]?.token_hash).toBe(hashOpaqueToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("refuses a token used once already", async () => {
    const { token } = await invitee();
    expect((await register(t.app, { token, password: "password-1" })).statusCode).toBe(201);
    const again = await register(t.app, { token, password: "password-2" });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.token[0]).toMatch(/already been used/);
    expect((await logIn(t.app, "new@example.com", "password-1")).statusCode).toBe(200);
    expect((await logIn(t.app, "new@example.com", "password-2")).statusCode).toBe(401);
  });

  it("refuses an expired token, an unknown token and a deactivated invitee, naming the token", async () => {
    const expired = await invitee("old@example.com");
    await t.sql("update invitations set expires_at = now() - interval '1 minute' where user_id = $1", [
      expired.id,
    ]);
    const inactive = await invitee("gone@example.com");
    await t.sql("update users set is_active = false where id = $1", [inactive.id]);

    const cases = [
      [expired.token, /expired/],
      ["x".repeat(43), /not valid/],
      [inactive.token, /deactivated/],
    ] as const;
    for (const [token, message] of cases) {
      const response = await register(t.app, { token, password: "long enough" });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields.token[0]).toMatch(message);
    }
    const [row] = await t.sql<{ n: number }>(
      "select count(*) as n from users where password_hash is not null",
    );
    expect(row?.n).toBe(0);
  });

  it("asks for at least 8 characters and names every bad field", async () => {
    const { token } = await invitee();
    const response = await register(t.app, {
      token,
      password: "short",
      first_name: "x".repeat(151),
      extra: true,
    });
    expect(response.statusCode).toBe(400);
    const { fields } = response.json().error;
    expect(fields.password[0]).toMatch(/8 characters/);
    expect(Object.keys(fields).sort()).toEqual(["extra", "first_name", "password"]);
    const [invitation] = await t.sql<{ used: boolean }>(
      "select used_at is not null as used from invitations",
    );
    expect(invitation?.used).toBe(false);
  });

  it("applies the password policy: only spaces, a common password (any case), the email or its local part", async () => {
    const { token } = await invitee("anna.ivanova@example.com");
    const cases = [
      ["        ", /only spaces/],
      ["PassWord1", /too common/],
      ["qwertyuiop", /too common/],
      ["Anna.Ivanova@Example.com", /email address/],
      ["anna.ivanova", /email address/],
    ] as const;
    for (const [password, message] of cases) {
      const response = await register(t.app, { token, password });
      expect(response.statusCode, password).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe("invalid");
      expect(Object.keys(error.fields)).toEqual(["password"]);
      expect(error.fields.password[0]).toMatch(message);
    }
    const [row] = await t.sql<{ used: boolean; has_password: boolean }>(
      `select i.used_at is not null as used, u.password_hash is not null as has_password
       from invitations i join users u on u.id = i.user_id`,
    );
    expect(row).toEqual({ used: false, has_password: false });
    expect((await register(t.app, { token, password: "anna ivanova's own" })).statusCode).toBe(201);
  });

  it("judges the token before the password: a used invitation says so, whatever the password", async () => {
    const { token } = await invitee();
    await t.sql("update invitations set used_at = now()");
    const response = await register(t.app, { token, password: "password" });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toEqual(["token"]);
  });

  it("cannot take over an account that already has a password through a stale invitation", async () => {
    const user = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId,
    });
    const token = await createInvitation(t.app.db, user.id);
    await t.sql("update invitations set used_at = now()");
    expect((await register(t.app, { token, password: "hijacked!" })).statusCode).toBe(400);
    expect((await logIn(t.app, "anna@example.com", "1")).statusCode).toBe(200);
  });
});
