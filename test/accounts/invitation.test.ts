import { describe, expect, it } from "vitest";
import { createUser, GENEROUS_LIMITS } from "../helpers/app.js";
import { register } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";
import { sleep } from "../helpers/worker.js";

const t = testApp({ worker: true, mailbox: true, config: { authRateLimit: GENEROUS_LIMITS } });

const tokenOf = (text: string | undefined) =>
  new URLSearchParams(text?.match(/register\?(token=\S+)/)?.[1] ?? "").get("token") ?? "";

async function invitationMailTo(email: string) {
  const deadline = Date.now() + 15_000;
  const find = () => t.mailbox.messages.find((mail) => !Array.isArray(mail.to) && mail.to?.text === email);
  while (!find() && Date.now() < deadline) await sleep(100);
  return find();
}

describe("a staff user's invitation", () => {
  it("is mailed for the admin, says whom it is for and from whom, and registers a staff user who can use the admin", async () => {
    const olga = await createUser(t.app, t.testDb, { email: "olga@example.com", role: "staff" });
    await t.sql("update users set first_name = 'Ольга', last_name = 'Ким' where id = $1", [olga.id]);
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/staff",
      headers: olga.headers,
      payload: { email: "vera@example.com", language: "en" },
    });
    expect(created.statusCode).toBe(201);
    const mail = await invitationMailTo("vera@example.com");
    expect(mail?.subject).toBe("Your invitation to supplynet: administration");
    expect(mail?.text).toContain("Ольга Ким invites you to supplynet as a staff user");
    expect(mail?.text).toContain("log in to the admin");
    const token = tokenOf(mail?.text);

    const lookup = await t.app.inject({ method: "POST", url: "/api/v1/auth/invitation", payload: { token } });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({
      email: "vera@example.com",
      role: "staff",
      company_name: null,
      invited_by: "Ольга Ким",
    });

    const registered = await register(t.app, { token, password: "violet-harbour-42" });
    expect(registered.statusCode).toBe(201);
    const session = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/session",
      payload: { email: "vera@example.com", password: "violet-harbour-42" },
    });
    expect(session.statusCode).toBe(200);

    const used = await t.app.inject({ method: "POST", url: "/api/v1/auth/invitation", payload: { token } });
    expect(used.statusCode).toBe(400);
    expect(used.json().error.fields.token[0]).toMatch(/already been used/);
  });
});
