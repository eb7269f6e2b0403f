import { beforeEach, describe, expect, it } from "vitest";
import { applyScheduledDebtChange } from "../../src/debts/debt.js";
import { createChain, createUser, type TestCompany, type TestUser } from "../helpers/app.js";
import { type DocumentedResponses, documentedResponses } from "../helpers/documented-responses.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp();
let staff: TestUser;
let documented: DocumentedResponses;
let chain: TestCompany[];

const get = async (url: string, user: TestUser = staff) => {
  const response = await t.app.inject({ method: "GET", url, headers: user.headers });
  const route = url.split("?")[0]?.replace(/\/companies\/\d+\//, "/companies/:id/") ?? url;
  expect(documented.problems("GET", route, response)).toEqual([]);
  return response;
};

beforeEach(async () => {
  documented ??= documentedResponses(t.app);
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  chain = await createChain(t.testDb, "H");
});

interface Entry {
  kind: string;
  amount: string;
  balance: string;
  cause: string;
}

describe("GET /companies/{id}/debt_history", () => {
  it("lists every change newest first, each with the debt it left, and the last balance is the debt", async () => {
    const dealer = chain[2] as TestCompany;
    for (const hour of [0, 3, 6]) {
      await applyScheduledDebtChange(
        t.testDb.database.db,
        "accrue-debt",
        new Date(Date.UTC(2026, 0, 1, hour)),
      );
    }
    await t.sql("update companies set debt = debt + 0.01 where id = $1", [dealer.id]);

    const response = await get(`/api/v1/companies/${dealer.id}/debt_history`);
    expect(response.statusCode).toBe(200);
    const { count, results } = response.json() as { count: number; results: Entry[] };
    expect(count).toBe(5);
    expect(results.map((entry) => entry.kind)).toEqual([
      "correction",
      "accrual",
      "accrual",
      "accrual",
      "opening",
    ]);
    expect(results[0]?.cause).toMatch(/^sql:/);
    expect(results[1]?.cause).toBe("accrue-debt 2026-01-01T06:00:00.000Z");
    const [company] = await t.sql<{ debt: string }>("select debt::text from companies where id = $1", [
      dealer.id,
    ]);
    expect(results[0]?.balance).toBe(company?.debt);
    // Each balance is the one below it plus its own amount, exactly, in cents.
    const cents = (money: string) => BigInt(money.replace(".", ""));
    for (let index = 0; index < results.length - 1; index++) {
      const entry = results[index] as Entry;
      const below = results[index + 1] as Entry;
      expect(cents(entry.balance)).toBe(cents(below.balance) + cents(entry.amount));
    }
  });

  it("filters by kind and by days, and pages, keeping the true balances", async () => {
    const dealer = chain[2] as TestCompany;
    for (const hour of [0, 3, 6, 9]) {
      await applyScheduledDebtChange(
        t.testDb.database.db,
        "accrue-debt",
        new Date(Date.UTC(2026, 0, 1, hour)),
      );
    }
    const all = (await get(`/api/v1/companies/${dealer.id}/debt_history`)).json().results as Entry[];
    const accruals = await get(`/api/v1/companies/${dealer.id}/debt_history?kind=accrual&page_size=2&page=2`);
    expect(accruals.json()).toMatchObject({ count: 4, results: all.slice(2, 4) });
    const today = new Date().toISOString().slice(0, 10);
    const byDay = await get(
      `/api/v1/companies/${dealer.id}/debt_history?date_from=${today}&date_to=${today}`,
    );
    expect(byDay.json().count).toBe(5);
    const before = await get(`/api/v1/companies/${dealer.id}/debt_history?date_to=2020-01-01`);
    expect(before.json()).toMatchObject({ count: 0, results: [] });
    expect((await get(`/api/v1/companies/${dealer.id}/debt_history?kind=gift`)).statusCode).toBe(400);
    expect((await get(`/api/v1/companies/${dealer.id}/debt_history?date_from=yesterday`)).statusCode).toBe(
      400,
    );
  });

  it("shows an employee their own company's history, and another company's is a 404", async () => {
    const own = chain[3] as TestCompany;
    const employee = await createUser(t.app, t.testDb, {
      email: "employee@example.com",
      role: "employee",
      companyId: own.id,
    });
    expect((await get(`/api/v1/companies/${own.id}/debt_history`, employee)).json().count).toBe(1);
    for (const path of ["debt_history", "debt_chart"]) {
      const other = await get(`/api/v1/companies/${(chain[2] as TestCompany).id}/${path}`, employee);
      expect(other.statusCode).toBe(404);
      expect((await get(`/api/v1/companies/999999/${path}`)).statusCode).toBe(404);
    }
  });
});

describe("GET /companies/{id}/debt_chart", () => {
  it("gives the debt at the end of each day that changed it, the last being the debt now", async () => {
    const dealer = chain[2] as TestCompany;
    await applyScheduledDebtChange(t.testDb.database.db, "accrue-debt", new Date(Date.UTC(2026, 0, 1)));
    // An entry of an earlier day, as a roll-up leaves it.
    await t.sql(
      `insert into debt_ledger (company_id, at, amount, kind, cause_id)
       select $1, now() - interval '40 days', 0, 'rollup', max(id) from debt_causes`,
      [dealer.id],
    );
    const response = await get(`/api/v1/companies/${dealer.id}/debt_chart`);
    expect(response.statusCode).toBe(200);
    const { points } = response.json() as { points: { day: string; debt: string }[] };
    const [company] = await t.sql<{ debt: string }>("select debt::text from companies where id = $1", [
      dealer.id,
    ]);
    expect(points).toHaveLength(2);
    expect(points.at(-1)?.debt).toBe(company?.debt);
    expect((points[0]?.day ?? "") < (points[1]?.day ?? "")).toBe(true);
  });
});
