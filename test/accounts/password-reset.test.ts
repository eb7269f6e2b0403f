import { describe, expect, it } from "vitest";
import { createChain, createUser, GENEROUS_LIMITS } from "../helpers/app.js";
import { bearer, hashOpaqueToken, logIn, refresh } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";
import { sleep } from "../helpers/worker.js";

const t = testApp({ worker: true, mailbox: true, config: { authRateLimit: GENEROUS_LIMITS } });
const NEW_PASSWORD = "violet-harbour-42";

const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "POST", url: `/api/v1/auth/password/${url}`, payload, headers });

async function mailTo(email: string, count = 1) {
  const deadline = Date.now() + 15_000;
  const sent = () => t.mailbox.messages.filter((mail) => !Array.isArray(mail.to) && mail.to?.text === email);
  while (sent().length < count && Date.now() < deadline) await sleep(100);
  return sent();
}

const tokenOf = (text: string | undefined) => {
  const link = text?.match(/https?:\/\/\S+reset-password\?token=\S+/)?.[0] ?? "";
  return new URLSearchParams(link.split("?")[1]).get("token") ?? "";
};

async function employee(email = "anna@example.com") {
  const companyId = (await createChain(t.testDb, "Acme"))[2]?.id as number;
  return createUser(t.app, t.testDb, { email, role: "employee", companyId });
}

// The per-email budget of reset requests outlives a test, so each test asks for its own address.
describe("password reset by email", () => {
  it("answers 202 with the same words for an account and for nobody, and mails only the account", async () => {
    t.mailbox.messages.length = 0;
    await employee();
    const known = await post("reset", { email: "ANNA@example.com" });
    const unknown = await post("reset", { email: "nobody@example.com" });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    expect(known.json().detail).toMatch(/If an account with this email exists/);

    const [mail] = await mailTo("anna@example.com");
    expect(mail?.subject).toBe("Смена пароля в supplynet");
    expect(tokenOf(mail?.text)).toMatch(/^[\w-]{40,}$/);
    await sleep(500);
    expect(t.mailbox.messages).toHaveLength(1);
    // Only the hash is stored, and the job never held the token.
    const token = tokenOf(mail?.text);
    const stored = await t.sql<{ n: string }>(
      "select count(*)::text as n from password_resets where token_hash = $1",
      [hashOpaqueToken(token)],
    );
    expect(stored[0]?.n).toBe("1");
    const leaked = await t.sql<{ n: string }>(
      "select ((select count(*) from pgboss.job where strpos(data::text, $1) > 0) + (select count(*) from pgboss.archive where strpos(data::text, $1) > 0))::text as n",
      [token],
    );
    expect(leaked[0]?.n).toBe("0");
  });

  it("sets the new password once, signs out every session, and says whose account it was", async () => {
    t.mailbox.messages.length = 0;
    await employee();
    const session = (await logIn(t.app, "anna@example.com")).json<{ access: string; refresh: string }>();
    await post("reset", { email: "anna@example.com" });
    const token = tokenOf((await mailTo("anna@example.com"))[0]?.text);

    const account = await post("reset/account", { token });
    expect(account.statusCode).toBe(200);
    expect(account.json()).toMatchObject({
      email: "anna@example.com",
      role: "employee",
      company_name: expect.any(String),
    });

    const weak = await post("reset/confirm", { token, password: "anna@example.com" });
    expect(weak.statusCode).toBe(400);
    expect(Object.keys(weak.json().error.fields)).toEqual(["password"]);

    const done = await post("reset/confirm", { token, password: NEW_PASSWORD }, { "accept-language": "ru" });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ email: "anna@example.com", role: "employee" });
    expect(done.json().detail).toMatch(/Пароль установлен/);

    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(session.access) });
    expect(me.statusCode).toBe(401);
    expect((await refresh(t.app, session.refresh)).statusCode).toBe(401);
    expect((await logIn(t.app, "anna@example.com", NEW_PASSWORD)).statusCode).toBe(200);

    const again = await post("reset/confirm", { token, password: "another-long-secret-7" });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.token).toEqual([
      "This link has already been used. Ask for a new one if you need it.",
    ]);
  });

  it("keeps only the newest link working, refuses an expired one, and sends nothing to an invitee or an inactive account", async () => {
    t.mailbox.messages.length = 0;
    await employee("boris@example.com");
    await post("reset", { email: "boris@example.com" });
    await mailTo("boris@example.com", 1);
    await post("reset", { email: "boris@example.com" });
    const [first, second] = await mailTo("boris@example.com", 2);
    expect((await post("reset/account", { token: tokenOf(first?.text) })).statusCode).toBe(400);
    expect((await post("reset/account", { token: tokenOf(second?.text) })).statusCode).toBe(200);

    await t.sql("update password_resets set expires_at = now() - interval '1 second'");
    const expired = await post("reset/confirm", { token: tokenOf(second?.text), password: NEW_PASSWORD });
    expect(expired.json().error.fields.token).toEqual(["This link has expired. Ask for a new one."]);

    const companyId = (await t.sql<{ id: number }>("select id from companies order by id desc limit 1"))[0]
      ?.id;
    await t.sql(
      "insert into users (email, role, company_id) values ('invited@example.com', 'employee', $1)",
      [companyId],
    );
    await createUser(t.app, t.testDb, {
      email: "gone@example.com",
      role: "employee",
      companyId,
      isActive: false,
    });
    expect((await post("reset", { email: "invited@example.com" })).statusCode).toBe(202);
    expect((await post("reset", { email: "gone@example.com" })).statusCode).toBe(202);
    await sleep(1500);
    expect(t.mailbox.messages).toHaveLength(2);
  });

  it("limits requests per email, whoever asks, and refuses a made-up token", async () => {
    let answer = await post("reset", { email: "flood@example.com" });
    let accepted = 0;
    while (answer.statusCode === 202 && accepted < 10) {
      accepted++;
      answer = await post("reset", { email: "Flood@example.com" });
    }
    expect(accepted).toBe(3);
    expect(answer.statusCode).toBe(429);
    const made = await post("reset/confirm", { token: "x".repeat(43), password: NEW_PASSWORD });
    expect(made.statusCode).toBe(400);
    expect(made.json().error.fields.token[0]).toMatch(/not valid/);
  });
});
