import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { buildTestApp, createChain, createUser, type TestCompany, type TestUser } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { type DocumentedResponses, documentedResponses } from "../helpers/documented-responses.js";

let testDb: TestDatabase;
let app: App;
let staff: TestUser;
let documented: DocumentedResponses;

const sql = (text: string, values?: unknown[]) => testDb.database.executeSql(text, values);
/** Every answer is also checked against the documented schema: the serializer lets a wrong pattern through. */
const stats = async () => {
  const response = await app.inject({ method: "GET", url: "/api/v1/stats", headers: staff.headers });
  expect(documented.problems("GET", "/api/v1/stats", response)).toEqual([]);
  return response;
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await buildTestApp(testDb);
  documented = documentedResponses(app);
});
afterAll(async () => {
  await app.close();
  await testDb.destroy();
});
beforeEach(async () => {
  await testDb.truncate();
  staff = await createUser(app, testDb, { email: "staff@example.com", role: "staff" });
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
      debt_above_average_count: 0,
    });
  });

  it("computes counts, exact sums, the average over companies with a supplier and the top debtors", async () => {
    const alpha = await createChain(testDb, "Alpha");
    const beta = await createChain(testDb, "Beta");
    await sql(
      "insert into companies (name, email, country, city, street, house_number, level) values ('Lone', 'l@example.com', 'RU', 'M', 's', '1', 0)",
    );
    const id = (chain: TestCompany[], level: number) => (chain[level] as TestCompany).id;
    // Eight companies with a supplier: debts chosen so that float arithmetic would show (0.1 + 0.2).
    await sql("update companies set debt = 0.10 where id = $1", [id(alpha, 1)]);
    await sql("update companies set debt = 0.20 where id = $1", [id(alpha, 2)]);
    await sql("update companies set debt = 9999999999999.99 where id = $1", [id(beta, 4)]);
    await sql("update companies set debt = 0 where id = $1", [id(beta, 1)]);
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
    expect(body.debt_above_average_count).toBe(1);
    expect(body.top_debtors).toHaveLength(7);
    expect(body.top_debtors[0]).toEqual({
      id: id(beta, 4),
      name: "Beta L4",
      level: "entrepreneur",
      debt: "9999999999999.99",
    });
    expect(body.top_debtors.at(-1)).toMatchObject({ id: id(alpha, 1), debt: "0.10" });
  });

  it("keeps only the ten largest debtors", async () => {
    for (let chain = 0; chain < 4; chain++) await createChain(testDb, `C${chain}`);
    await sql("update companies set debt = id where level > 0");
    const body = (await stats()).json();
    expect(body.top_debtors).toHaveLength(10);
    const debts = body.top_debtors.map((debtor: { debt: string }) => Number(debtor.debt));
    expect(debts).toEqual([...debts].sort((a, b) => b - a));
  });

  it("shows each scheduled task with its last run from task_runs and its next slot", async () => {
    await sql(
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
    await sql(
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
    const [company] = await createChain(testDb, "Alpha");
    const employee = await createUser(app, testDb, {
      email: "e@example.com",
      role: "employee",
      companyId: (company as TestCompany).id,
    });
    const response = await app.inject({ method: "GET", url: "/api/v1/stats", headers: employee.headers });
    expect(response.statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: "/api/v1/stats" })).statusCode).toBe(401);
  });
});
