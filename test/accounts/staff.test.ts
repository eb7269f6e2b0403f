import { describe, expect, it } from "vitest";
import { createUser, GENEROUS_LIMITS, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS } });

const call = (user: TestUser, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: user.headers,
    ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
  });

const twoStaff = async () => [
  await createUser(t.app, t.testDb, { email: "olga@example.com", role: "staff" }),
  await createUser(t.app, t.testDb, { email: "pavel@example.com", role: "staff" }),
];

describe("staff users", () => {
  it("lists only staff, and invites a new staff user by email, with a pending registration", async () => {
    const [olga] = await twoStaff();
    const created = await call(olga as TestUser, "POST", "/staff", {
      email: "Vera@example.com",
      first_name: "Вера",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: "Vera@example.com", is_active: true, registered: false });
    const jobs = await t.sql<{ n: string }>(
      "select count(*)::text as n from pgboss.job where name = 'send-invitation'",
    );
    expect(jobs[0]?.n).toBe("1");

    const list = await call(olga as TestUser, "GET", "/staff?ordering=email");
    expect(list.json().results.map((user: { email: string }) => user.email)).toEqual([
      "olga@example.com",
      "pavel@example.com",
      "Vera@example.com",
    ]);
    const taken = await call(olga as TestUser, "POST", "/staff", { email: "vera@EXAMPLE.com" });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toEqual({ email: ["A user with this email already exists."] });

    const again = await call(olga as TestUser, "POST", `/staff/${created.json().id}/resend_invite`);
    expect(again.statusCode).toBe(202);
    expect((await call(olga as TestUser, "POST", `/staff/${olga?.id}/resend_invite`)).statusCode).toBe(409);
  });

  it("never deactivates oneself, says why in the user's language, and signs a deactivated user out for good", async () => {
    const [olga, pavel] = (await twoStaff()) as [TestUser, TestUser];
    const self = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/staff/${olga.id}`,
      headers: { ...olga.headers, "accept-language": "ru" },
      payload: { is_active: false },
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe(
      "Нельзя отключить собственную учётную запись. Попросите об этом другого администратора.",
    );

    const off = await call(olga, "PATCH", `/staff/${pavel.id}`, { is_active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().is_active).toBe(false);
    // Pavel's token is refused at once, and back on he still needs to log in again.
    expect((await call(pavel, "GET", "/staff")).statusCode).toBe(401);
    expect((await call(olga, "PATCH", `/staff/${pavel.id}`, { is_active: true })).json().is_active).toBe(
      true,
    );
    expect((await call(pavel, "GET", "/staff")).statusCode).toBe(401);
  });

  // The acting staff user is active, so "the last active one" can only be at stake when two act at once.
  it("leaves someone active when two staff deactivate each other at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      await t.testDb.truncate();
      const [olga, pavel] = (await twoStaff()) as [TestUser, TestUser];
      const answers = await Promise.all([
        call(olga, "PATCH", `/staff/${pavel.id}`, { is_active: false }),
        call(pavel, "PATCH", `/staff/${olga.id}`, { is_active: false }),
      ]);
      const statuses = answers.map((answer) => answer.statusCode).sort();
      // The loser is refused because it is the last one left, or because its own token died with it.
      expect(statuses[0]).toBe(200);
      expect([401, 409]).toContain(statuses[1]);
      const active = await t.sql<{ n: string }>(
        "select count(*)::text as n from users where role = 'staff' and is_active",
      );
      expect(active[0]?.n).toBe("1");
    }
  });

  it("does not show or change employees under staff", async () => {
    const [olga] = (await twoStaff()) as [TestUser];
    await t.sql(
      "insert into companies (name, email, country, city, street, house_number, level) values ('F', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0)",
    );
    const [employee] = await t.sql<{ id: number }>(
      "insert into users (email, role, company_id) select 'e@example.com', 'employee', id from companies returning id",
    );
    expect((await call(olga, "GET", `/staff/${employee?.id}`)).statusCode).toBe(404);
    expect((await call(olga, "PATCH", `/staff/${employee?.id}`, { is_active: false })).statusCode).toBe(404);
    expect((await call(olga, "GET", "/staff")).json().count).toBe(2);
  });
});
