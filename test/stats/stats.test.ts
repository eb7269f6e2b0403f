import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyScheduledDebtChange } from "../../src/debts/debt.js";
import { createChain, createUser, type TestCompany, type TestUser } from "../helpers/app.js";
import { type DocumentedResponses, documentedResponses } from "../helpers/documented-responses.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp();
let staff: TestUser;
let documented: DocumentedResponses;

/** Every answer is also checked against the documented schema: the serializer lets a wrong pattern through. */
const stats = async () => {
  const response = await t.app.inject({ method: "GET", url: "/api/v1/stats", headers: staff.headers });
  expect(documented.problems("GET", "/api/v1/stats", response)).toEqual([]);
  return response;
};

beforeAll(async () => {
  documented = documentedResponses(t.app);
});
beforeEach(async () => {
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
});

describe("GET /api/v1/stats", () => {
  it("reports an empty network with every level and zero money", async () => {
    const response = await stats();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      companies_per_level: { factory: 0, distributor: 0, dealership: 0, retail_chain: 0, entrepreneur: 0 },
      companies_total: 0,
      total_debt: "0.00",
      average_debt: "0.00",
      top_debtors: [],
      debt_above_average: { count: 0, total: "0.00", share_percent: "0.00", debt_from: "0.01" },
    });
  });

  it("computes counts, exact sums, the average over companies with a supplier and the top debtors", async () => {
    const alpha = await createChain(t.testDb, "Alpha");
    const beta = await createChain(t.testDb, "Beta");
    await t.sql(
      "insert into companies (name, email, country, city, street, house_number, level) values ('Lone', 'l@example.com', 'RU', 'M', 's', '1', 0)",
    );
    const id = (chain: TestCompany[], level: number) => (chain[level] as TestCompany).id;
    // Eight companies with a supplier: debts chosen so that float arithmetic would show (0.1 + 0.2).
    await t.sql("update companies set debt = 0.10 where id = $1", [id(alpha, 1)]);
    await t.sql("update companies set debt = 0.20 where id = $1", [id(alpha, 2)]);
    await t.sql("update companies set debt = 9999999999999.99 where id = $1", [id(beta, 4)]);
    await t.sql("update companies set debt = 0 where id = $1", [id(beta, 1)]);
    // alpha 3, 4 and beta 2, 3 keep 100.50 each.
    const body = (await stats()).json();
    expect(body.companies_per_level).toEqual({
      factory: 3,
      distributor: 2,
      dealership: 2,
      retail_chain: 2,
      entrepreneur: 2,
    });
    expect(body.companies_total).toBe(11);
    // 0.10 + 0.20 + 9999999999999.99 + 4 × 100.50 = 10000000000402.29
    expect(body.total_debt).toBe("10000000000402.29");
    // ÷ 8 = 1250000000050.28625 → 1250000000050.29
    expect(body.average_debt).toBe("1250000000050.29");
    expect(body.debt_above_average).toEqual({
      count: 1,
      total: "9999999999999.99",
      // 9999999999999.99 ÷ 10000000000402.29 = 99.99999999597…%
      share_percent: "100.00",
      debt_from: "1250000000050.29",
    });
    expect(body.top_debtors).toHaveLength(7);
    expect(body.top_debtors[0]).toEqual({
      id: id(beta, 4),
      name: "Beta L4",
      level: "entrepreneur",
      debt: "9999999999999.99",
    });
    expect(body.top_debtors.at(-1)).toMatchObject({ id: id(alpha, 1), debt: "0.10" });
  });

  it("counts the companies above the average, their share, and the debt_min that lists exactly them", async () => {
    const alpha = await createChain(t.testDb, "Alpha");
    const beta = await createChain(t.testDb, "Beta");
    const setDebts = async (chain: TestCompany[], debts: string[]) => {
      for (const [index, debt] of debts.entries()) {
        await t.sql("update companies set debt = $1 where id = $2", [
          debt,
          (chain[index + 1] as TestCompany).id,
        ]);
      }
    };
    const listed = async (debtMin: string) => {
      const response = await t.app.inject({
        method: "GET",
        url: `/api/v1/companies?debt_min=${debtMin}`,
        headers: staff.headers,
      });
      expect(response.statusCode).toBe(200);
      return response.json().count as number;
    };
    // Each chain's four companies with a supplier take these debts, so each figure is twice one chain's.
    const cases = [
      // The average is one of the debts (2.00): the companies that owe it are not above it.
      { debts: ["1.00", "2.00", "2.00", "3.00"], count: 2, total: "6.00", share: "37.50", from: "2.01" },
      // 8.02 ÷ 8 = 1.0025, shown as 1.00: only 1.01 is above, though a debt_min of 1.00 would list all.
      { debts: ["1.00", "1.00", "1.00", "1.01"], count: 2, total: "2.02", share: "25.19", from: "1.01" },
      // 8.06 ÷ 8 = 1.0075, shown as 1.01: every 1.01 is above it. 6.06 ÷ 8.06 = 75.186…%
      { debts: ["1.00", "1.01", "1.01", "1.01"], count: 6, total: "6.06", share: "75.19", from: "1.01" },
    ];
    for (const { debts, count, total, share, from } of cases) {
      await setDebts(alpha, debts);
      await setDebts(beta, debts);
      const { debt_above_average: above } = (await stats()).json();
      expect(above).toEqual({ count, total, share_percent: share, debt_from: from });
      expect(await listed(above.debt_from)).toBe(above.count);
    }
  });

  it("keeps only the ten largest debtors", async () => {
    for (let chain = 0; chain < 4; chain++) await createChain(t.testDb, `C${chain}`);
    await t.sql("update companies set debt = id where level > 0");
    const body = (await stats()).json();
    expect(body.top_debtors).toHaveLength(10);
    const debts = body.top_debtors.map((debtor: { debt: string }) => Number(debtor.debt));
    expect(debts).toEqual([...debts].sort((a, b) => b - a));
  });

  it("shows each scheduled task with its last run from task_runs and its next slot", async () => {
    await t.sql(
      `insert into task_runs (task, slot, companies_touched, total_change, finished_at) values
       ('accrue-debt', '2026-01-01T03:00:00Z', 5, '123.45', '2026-01-01T03:00:02Z'),
       ('accrue-debt', '2026-01-01T06:00:00Z', 6, '7.50', '2026-01-01T06:00:01Z')`,
    );
    const tasks = (await stats()).json().tasks;
    expect(tasks.map((task: { task: string }) => task.task).sort()).toEqual(["accrue-debt", "repay-debt"]);
    const accrue = tasks.find((task: { task: string }) => task.task === "accrue-debt");
    expect(accrue).toMatchObject({
      schedule: "0 */3 * * *",
      last_run: {
        slot: "2026-01-01T06:00:00.000Z",
        finished_at: "2026-01-01T06:00:01.000Z",
        companies_touched: 6,
        total_change: "7.50",
      },
    });
    const next = new Date(accrue.next_run_at);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(3 * 3600 * 1000);
    expect(next.getUTCMinutes()).toBe(0);
    expect(tasks.find((task: { task: string }) => task.task === "repay-debt").last_run).toBeNull();
  });

  it("answers after a repayment: a run's total change is negative", async () => {
    await t.sql(
      `insert into task_runs (task, slot, companies_touched, total_change, finished_at) values
       ('accrue-debt', '2026-01-01T06:00:00Z', 2, '12345678901234.56', '2026-01-01T06:00:01Z'),
       ('repay-debt', '2026-01-01T06:30:00Z', 2, '-12345678901234.56', '2026-01-01T06:30:01Z')`,
    );
    const response = await stats();
    expect(response.statusCode).toBe(200);
    const changes = Object.fromEntries(
      response
        .json()
        .tasks.map((task: { task: string; last_run: { total_change: string } }) => [
          task.task,
          task.last_run.total_change,
        ]),
    );
    expect(changes).toEqual({ "accrue-debt": "12345678901234.56", "repay-debt": "-12345678901234.56" });
  });

  it("is for staff only", async () => {
    const [company] = await createChain(t.testDb, "Alpha");
    const employee = await createUser(t.app, t.testDb, {
      email: "e@example.com",
      role: "employee",
      companyId: (company as TestCompany).id,
    });
    const response = await t.app.inject({ method: "GET", url: "/api/v1/stats", headers: employee.headers });
    expect(response.statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/stats" })).statusCode).toBe(401);
  });
});

describe("GET /api/v1/stats/debt_totals", () => {
  const totals = async (query = "") => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/v1/stats/debt_totals${query}`,
      headers: staff.headers,
    });
    expect(documented.problems("GET", "/api/v1/stats/debt_totals", response)).toEqual([]);
    return response;
  };

  it("gives each day's total as the runs filed it, and today's as it is now", async () => {
    await createChain(t.testDb, "T");
    await applyScheduledDebtChange(t.testDb.database.db, "accrue-debt", new Date(Date.UTC(2026, 0, 1)));
    const [filed] = await t.sql<{ day: string; total: string }>(
      "select day::text, total_debt::text as total from debt_daily_totals",
    );
    const [now] = await t.sql<{ total: string }>("select sum(debt)::text as total from companies");
    expect(filed?.total).toBe(now?.total);
    // Earlier days as the runs left them; a change since the last run shows in today's point only.
    await t.sql(
      "insert into debt_daily_totals (day, total_debt) values (current_date - 1, 12.34), (current_date - 200, 99)",
    );
    await t.sql("update companies set debt = debt + 1 where level = 4");
    const response = await totals();
    expect(response.statusCode).toBe(200);
    const points = response.json().points as { day: string; total_debt: string }[];
    expect(points).toHaveLength(2);
    expect(points[0]?.total_debt).toBe("12.34");
    expect(points[1]?.total_debt).toBe(
      (await t.sql<{ total: string }>("select sum(debt)::text as total from companies"))[0]?.total,
    );
    expect((await totals("?days=365")).json().points).toHaveLength(3);
    expect((await totals("?days=0")).statusCode).toBe(400);
  });
});
