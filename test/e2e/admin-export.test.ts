import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createChain, type TestCompany } from "../helpers/app.js";
import { parseCsv } from "../helpers/csv.js";
import { testApp } from "../helpers/fixture.js";
import {
  closeAfterTests,
  createUsers,
  describeInBrowser,
  ensureAdminBuilt,
  eventually,
  launchBrowser,
  logIn,
  newPage,
  type RunningApp,
  STAFF,
  screenshot,
  startApp,
} from "./harness.js";

/** The companies list's Export downloads the server's CSV of exactly the filtered list, in the list's order. */
describeInBrowser("the admin's CSV export in Chromium", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  let beta: TestCompany[];

  const rows = () => page.locator("tbody tr");
  const names = () => page.locator("tbody tr td.column-name").allTextContents();
  const freshCompanies = async () => {
    await page.goto(
      `${server.url}/admin/#/companies?filter=${encodeURIComponent("{}")}&displayedFilters=${encodeURIComponent("{}")}`,
    );
    await eventually(() => rows().count()).toBe(11);
  };

  /** Clicks Export and reads the file Chromium saved: its request's query, its name and its rows. */
  async function exportCsv(resource = "companies") {
    const request = page.waitForRequest(
      (r) => new URL(r.url()).pathname === `/api/v1/${resource}/export.csv`,
    );
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export" }).click();
    const saved = await download;
    const text = await readFile((await saved.path()) as string, "utf8");
    expect(text.startsWith("\uFEFF"), "a BOM first").toBe(true);
    const [header = [], ...records] = parseCsv(text.slice(1), ",");
    return {
      query: new URL((await request).url()).searchParams,
      name: saved.suggestedFilename(),
      header,
      records,
    };
  }

  beforeAll(async () => {
    await ensureAdminBuilt();
    await createChain(t.testDb, "Alpha", "Moscow");
    beta = await createChain(t.testDb, "Beta", "Kazan");
    await t.sql(
      `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
       values ('Kazan "Quotes"; and more', 'q@example.com', 'Russia', 'Kazan', 'Main', '1', 1, $1, '12345.67')`,
      [beta[0]?.id],
    );
    // Created long ago: the quick pick "Today" leaves it out.
    await t.sql("update companies set created_at = now() - interval '2 years' where name = 'Beta L4'");
    await createUsers(t.testDb, beta[2]?.id as number);
    server = await startApp(t.testDb);
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    await logIn(page, server.url, STAFF);
    await page.getByTestId("total-debt").waitFor();
  });

  closeAfterTests(() => ({ page, browser, server }));

  it("exports the list filtered by city, in its order, with every row and exact money", async () => {
    await freshCompanies();
    await page.fill('input[name="city"]', "Kazan");
    await eventually(() => rows().count()).toBe(6);
    const shown = await names();
    const { query, name, header, records } = await exportCsv();
    expect(query.get("city")).toBe("Kazan");
    expect(query.get("ordering")).toBe("name");
    expect(name).toMatch(/^companies-\d{4}-\d\d-\d\d\.csv$/);
    expect(header.slice(0, 2)).toEqual(["ID", "Name"]);
    expect(records.map((record) => record[1])).toEqual(shown);
    expect(records.find((record) => record[1] === 'Kazan "Quotes"; and more')?.[10]).toBe("12345.67");
    expect(records.map((record) => record[7])).toContain("individual entrepreneur");
  });

  it("exports what the created-today quick pick and a debt range leave", async () => {
    await freshCompanies();
    await page.getByRole("button", { name: "Today" }).click();
    await eventually(() => rows().count()).toBe(10);
    await page.getByRole("button", { name: "Add filter" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Debt from", exact: true }).click();
    await page.fill('input[name="debt_min"]', "100.5");
    await eventually(async () => (await names()).sort()).toEqual(
      [
        "Alpha L1",
        "Alpha L2",
        "Alpha L3",
        "Alpha L4",
        "Beta L1",
        "Beta L2",
        "Beta L3",
        'Kazan "Quotes"; and more',
      ].sort(),
    );
    const shown = await names();
    await screenshot(page, "companies-export-filtered");
    const { query, records } = await exportCsv();
    expect(query.get("debt_min")).toBe("100.5");
    // The user's own midnight, as a moment: not a date the server would read as midnight UTC.
    expect(query.get("created_after")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(query.get("created_after") ?? "")).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(query.get("created_before") ?? "")).toBeGreaterThan(Date.now());
    expect(records.map((record) => record[1])).toEqual(shown);
  });

  it("exports the employees and the products lists from their own Export buttons", async () => {
    await page.goto(`${server.url}/admin/#/employees`);
    await eventually(() => rows().count()).toBe(1);
    const employees = await exportCsv("employees");
    expect(employees.name).toMatch(/^employees-/);
    expect(employees.records.map((record) => record[1])).toEqual(["employee@supplynet.test"]);
    await t.sql(
      "insert into products (name, model) values ('Pocket Radio', 'PR-7'), ('Pocket Lamp', 'PL-1')",
    );
    await page.goto(`${server.url}/admin/#/products`);
    await eventually(() => rows().count()).toBe(2);
    const products = await exportCsv("products");
    expect(products.query.get("ordering")).toBe("name");
    expect(products.records.map((record) => record.slice(1, 3))).toEqual([
      ["Pocket Lamp", "PL-1"],
      ["Pocket Radio", "PR-7"],
    ]);
  });
});
