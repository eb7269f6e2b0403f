import { describe, expect, it } from "vitest";
import type { Mailer } from "../../src/mail/transport.js";
import { createChain, createUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

/** The quota is about requests, not delivery: messages are kept in memory (test/mail covers real SMTP). */
const mailer: Mailer = {
  async send() {
    return "memory";
  },
  close() {},
};

const t = testApp({ worker: { mailer }, truncate: false });

describe("the get_qr quota (5 per user per hour)", () => {
  it("counts only accepted requests: 404s and 400s first, then 5 accepted, and the 6th is 429", async () => {
    const [, mine] = await createChain(t.testDb, "Mine");
    const [, theirs] = await createChain(t.testDb, "Theirs");
    const employee = await createUser(t.app, t.testDb, {
      email: "eager@example.com",
      role: "employee",
      companyId: mine?.id,
    });
    const ask = (id: unknown, method: "GET" | "POST" = "POST") =>
      t.app.inject({ method, url: `/api/v1/companies/${id}/get_qr`, headers: employee.headers });

    const refused = [theirs?.id, theirs?.id, 3_000_000, 2_147_483_647, theirs?.id];
    for (const id of refused) expect((await ask(id)).statusCode, String(id)).toBe(404);
    for (const id of ["abc", "-1", "0", "1.5", "99999999999"])
      expect((await ask(id, "GET")).statusCode, id).toBe(400);

    for (let accepted = 0; accepted < 5; accepted++) expect((await ask(mine?.id)).statusCode).toBe(202);
    const sixth = await ask(mine?.id, "GET");
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe("throttled");
    expect(Number(sixth.headers["retry-after"])).toBeGreaterThan(3_500);

    const [queued] = await t.testDb.database
      .executeSql<{ n: number }>("select count(*)::int as n from pgboss.job where name = 'send-qr-email'")
      .then((result) => result.rows);
    expect(queued?.n).toBe(5);
  });

  it("refuses parallel requests past the quota too: at most 5 of 12 are accepted", async () => {
    const [, company] = await createChain(t.testDb, "Rush");
    const employee = await createUser(t.app, t.testDb, {
      email: "rush@example.com",
      role: "employee",
      companyId: company?.id,
    });
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.app.inject({
          method: "POST",
          url: `/api/v1/companies/${company?.id}/get_qr`,
          headers: employee.headers,
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 202)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
  });
});
