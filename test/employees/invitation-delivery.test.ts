import { beforeAll, describe, expect, it } from "vitest";
import { createChain, createUser, GENEROUS_LIMITS, type TestUser } from "../helpers/app.js";
import { register } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS }, truncate: false });
let staff: TestUser;
let companyId: number;

beforeAll(async () => {
  companyId = (await createChain(t.testDb, "Acme"))[2]?.id as number;
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
});

/** The links of the send-invitation jobs enqueued for a user, oldest first: what the emails will carry. */
async function invitationLinks(userId: number): Promise<string[]> {
  const { rows } = await t.testDb.database.executeSql<{ data: { user_id: number; link: string } }>(
    "select data from pgboss.job where name = 'send-invitation' order by created_on",
  );
  return rows.filter((row) => row.data.user_id === userId).map((row) => row.data.link);
}

const createEmployee = (email: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/employees",
    headers: staff.headers,
    payload: { email, company_id: companyId },
  });

const countInvitationJobs = async () =>
  (await t.testDb.database.executeSql("select id from pgboss.job where name = 'send-invitation'")).rows
    .length;

const tokenOf = (link: string) => new URL(link.replace("#/", "")).searchParams.get("token") as string;

describe("invitation delivery", () => {
  it("enqueues a send-invitation job in the creating transaction; its link registers, a resent one replaces it", async () => {
    const created = await createEmployee("anna@example.com");
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const [first] = await invitationLinks(id);
    expect(first).toMatch(/^http:\/\/supplynet\.test\/admin\/#\/register\?token=[\w-]{43}$/);

    const resent = await t.app.inject({
      method: "POST",
      url: `/api/v1/employees/${id}/resend_invite`,
      headers: staff.headers,
    });
    expect(resent.statusCode).toBe(202);
    const links = await invitationLinks(id);
    expect(links).toHaveLength(2);
    const second = links[1] as string;
    expect(second).not.toBe(first);

    expect(
      (await register(t.app, { token: tokenOf(first as string), password: "long enough" })).statusCode,
    ).toBe(400);
    const registered = await register(t.app, { token: tokenOf(second), password: "long enough" });
    expect(registered.statusCode).toBe(201);
    expect(registered.json().user).toMatchObject({ id, email: "anna@example.com", company_id: companyId });
  });

  it("writes neither the employee nor a job when the creation is refused", async () => {
    await createEmployee("boris@example.com");
    const before = await countInvitationJobs();
    const duplicate = await createEmployee("BORIS@example.com");
    expect(duplicate.statusCode).toBe(409);
    const after = await countInvitationJobs();
    expect(after).toBe(before);
  });
});
