import { beforeEach, describe, expect, it } from "vitest";
import { createChain, createUser, type TestCompany, type TestUser } from "../helpers/app.js";
import { type DocumentedResponses, documentedResponses } from "../helpers/documented-responses.js";
import { testApp } from "../helpers/fixture.js";
import { waitForJob } from "../helpers/worker.js";

const t = testApp({ worker: true });
let staff: TestUser;
let documented: DocumentedResponses;

/** Every answer is also checked against the documented schema: the serializer lets a wrong pattern through. */
const post = async (url: string, ids: number[]) => {
  const response = await t.app.inject({ method: "POST", url, headers: staff.headers, payload: { ids } });
  expect(documented.problems("POST", url, response)).toEqual([]);
  return response;
};
const preview = (ids: number[]) => post("/api/v1/companies/clear_debt/preview", ids);
const clear = (ids: number[]) => post("/api/v1/companies/clear_debt", ids);
const totalDebt = async () =>
  (await t.sql<{ sum: string }>("select sum(debt)::text as sum from companies"))[0]?.sum;

beforeEach(async () => {
  documented ??= documentedResponses(t.app);
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
});

/** `n` chains of five (a factory and four companies at 100.50 each); their ids, factories first. */
async function chains(n: number) {
  const all: TestCompany[][] = [];
  for (let index = 0; index < n; index++) all.push(await createChain(t.testDb, `C${index}`));
  return {
    factories: all.map((chain) => (chain[0] as TestCompany).id),
    indebted: all.flatMap((chain) => chain.slice(1).map((company) => company.id)),
  };
}

describe("clearing debt: what it will write off, and what it did", () => {
  it("says beforehand what a clear of a few would do, then does exactly that at once", async () => {
    const { factories, indebted } = await chains(2);
    // Debts whose float sum is not exact: 0.10 + 0.20.
    await t.sql("update companies set debt = 0.10 where id = $1", [indebted[0]]);
    await t.sql("update companies set debt = 0.20 where id = $1", [indebted[1]]);
    const ids = [...factories, ...indebted, indebted[2] as number, 987_654];
    const before = await totalDebt();

    const asked = await preview(ids);
    expect(asked.statusCode).toBe(200);
    // 0.10 + 0.20 + 6 × 100.50; 11 distinct ids: 8 cleared, 2 factories, 1 unknown.
    expect(asked.json()).toEqual({
      cleared: 8,
      written_off: "603.30",
      skipped_factories: 2,
      unknown_ids: [987_654],
      in_background: false,
      inline_limit: 20,
    });
    expect(await totalDebt()).toBe(before);

    const done = await clear(ids);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({
      cleared: 8,
      written_off: "603.30",
      skipped_factories: 2,
      unknown_ids: [987_654],
    });
    expect(await totalDebt()).toBe("0.00");
    // Cleared again, the same companies owe nothing: they still count as cleared, with nothing written off.
    expect((await clear(ids)).json()).toMatchObject({ cleared: 8, written_off: "0.00" });
  });

  it("says that more than 20 go to a job, whose result has the same counts", async () => {
    const { factories, indebted } = await chains(6);
    const ids = [...factories, ...indebted, 5_000_000];
    expect(ids).toHaveLength(31);

    const asked = (await preview(ids)).json();
    expect(asked).toEqual({
      cleared: 24,
      written_off: "2412.00",
      skipped_factories: 6,
      unknown_ids: [5_000_000],
      in_background: true,
      inline_limit: 20,
    });

    const queued = await clear(ids);
    expect(queued.statusCode).toBe(202);
    expect(queued.json().unknown_ids).toEqual([5_000_000]);
    const job = await waitForJob(t.worker.queue, queued.json().job_id);
    const status = await t.app.inject({
      method: "GET",
      url: `/api/v1/jobs/${job.id}`,
      headers: staff.headers,
    });
    expect(status.json()).toMatchObject({
      state: "completed",
      result: { cleared: 24, written_off: "2412.00", skipped_factories: 6 },
    });
  });

  it("counts 20 distinct ids as a clear at once, however often they are repeated", async () => {
    const { factories, indebted } = await chains(4);
    const ids = [...factories, ...indebted, ...indebted];
    expect(ids).toHaveLength(36);
    expect((await preview(ids)).json()).toMatchObject({
      cleared: 16,
      skipped_factories: 4,
      in_background: false,
      inline_limit: 20,
    });
    expect((await clear(ids)).statusCode).toBe(200);
  });

  it("is for staff only, and refuses what clear_debt refuses", async () => {
    const [company] = await createChain(t.testDb, "Alpha");
    const employee = await createUser(t.app, t.testDb, {
      email: "e@example.com",
      role: "employee",
      companyId: (company as TestCompany).id,
    });
    const url = "/api/v1/companies/clear_debt/preview";
    const payload = { ids: [(company as TestCompany).id] };
    expect((await t.app.inject({ method: "POST", url, payload, headers: employee.headers })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: "POST", url, payload })).statusCode).toBe(401);
    const empty = await t.app.inject({ method: "POST", url, payload: { ids: [] }, headers: staff.headers });
    expect(empty.statusCode).toBe(400);
  });
});
