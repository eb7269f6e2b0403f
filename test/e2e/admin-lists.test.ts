import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createChain, PASSWORD_ONE_HASH, type TestCompany } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { type Mailbox, startMailbox } from "../helpers/mailbox.js";
import {
  closeAfterTests,
  createUsers,
  DESKTOP,
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

/** Employees in each state an invitation can be in, and the two kinds that have none to resend. */
const EMPLOYEES = {
  pending: "pending@supplynet.test",
  expired: "expired@supplynet.test",
  accepted: "accepted@supplynet.test",
  deactivated: "deactivated@supplynet.test",
  uninvited: "uninvited@supplynet.test",
} as const;

describeInBrowser("the admin's lists in Chromium", () => {
  const t = testApp({ app: false, truncate: false });
  let mailbox: Mailbox;
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  const chains: Record<string, TestCompany[]> = {};

  // Each helper works on the test's page unless given another tab.
  const hash = (route: string, tab = page) => tab.goto(`${server.url}/admin/#${route}`);
  const rows = (tab = page) => tab.locator("tbody tr");
  const names = (tab = page) => tab.locator("tbody tr td.column-name").allTextContents();
  /** The companies list with no filter: react-admin would otherwise bring back the last one used. */
  const freshCompanies = async (tab = page) => {
    await hash(
      `/companies?filter=${encodeURIComponent("{}")}&displayedFilters=${encodeURIComponent("{}")}`,
      tab,
    );
    await eventually(() => rows(tab).count()).toBe(15);
  };
  const addFilter = async (label: string, tab = page) => {
    await tab.getByRole("button", { name: "Add filter" }).click();
    await tab.getByRole("menuitemcheckbox", { name: label, exact: true }).click();
  };
  const lastRequestOf = (path: string) =>
    page.waitForRequest((request) => new URL(request.url()).pathname === `/api/v1${path}`);

  beforeAll(async () => {
    await ensureAdminBuilt();
    for (const [label, city] of [
      ["Alpha", "Moscow"],
      ["Beta", "Kazan"],
      ["Gamma", "Almaty"],
    ] as const) {
      chains[label] = await createChain(t.testDb, label, city);
    }
    const gamma = chains.Gamma as TestCompany[];
    const beta = chains.Beta as TestCompany[];
    await t.sql("update companies set country = 'Kazakhstan' where id = any($1::int[])", [
      gamma.map((company) => company.id),
    ]);
    const [radio] = await t.sql<{ id: number }>(
      "insert into products (name, model, release_date) values ('Pocket Radio', 'PR-7', '2024-01-31') returning id",
    );
    await t.sql(
      "insert into products (name, model, release_date) values ('Pocket Lamp', 'PL-1', '2024-02-01')",
    );
    await t.sql("insert into company_products (company_id, product_id) values ($1, $3), ($2, $3)", [
      beta[2]?.id,
      gamma[3]?.id,
      radio?.id,
    ]);
    await createUsers(t.testDb, beta[2]?.id as number);
    const company = beta[3]?.id;
    const employee = async (email: string, options: { password?: boolean; active?: boolean } = {}) => {
      const [user] = await t.sql<{ id: number }>(
        `insert into users (email, password_hash, role, company_id, is_active, language)
         values ($1, $2, 'employee', $3, $4, 'en') returning id`,
        [email, options.password ? PASSWORD_ONE_HASH : null, company, options.active ?? true],
      );
      return user?.id as number;
    };
    const invite = (userId: number, expiresIn: string, used = false) =>
      t.sql(
        `insert into invitations (user_id, token_hash, expires_at, used_at)
         values ($1, md5(random()::text), now() + $2::interval, $3)`,
        [userId, expiresIn, used ? new Date() : null],
      );
    await invite(await employee(EMPLOYEES.pending), "3 days");
    await invite(await employee(EMPLOYEES.expired), "-1 day");
    await invite(await employee(EMPLOYEES.accepted, { password: true }), "3 days", true);
    await invite(await employee(EMPLOYEES.deactivated, { active: false }), "3 days");
    await employee(EMPLOYEES.uninvited, { password: true });

    mailbox = await startMailbox();
    server = await startApp(t.testDb, mailbox);
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    await logIn(page, server.url, STAFF);
    await page.getByTestId("total-debt").waitFor();
  });

  closeAfterTests(() => ({ page, browser, server, mailbox }));

  it("offers every filter of the API: the search, city and level shown, the others under Add filter", async () => {
    await freshCompanies();
    for (const name of ["q", "city", "level"]) {
      await expect(page.locator(`[data-source="${name}"]`).count(), name).resolves.toBe(1);
    }
    await page.getByRole("button", { name: "Add filter" }).click();
    const offered = page.getByRole("menuitemcheckbox");
    await eventually(() => offered.allTextContents()).toEqual([
      "Country",
      "Debt",
      "Debt from",
      "Debt to",
      "Created from",
      "Created before",
      "Sells product",
      "Supplier",
    ]);
    await screenshot(page, "companies-add-filter");
    await page.keyboard.press("Escape");
  });

  it("filters the companies by country from the Add filter menu", async () => {
    await freshCompanies();
    await addFilter("Country");
    const request = lastRequestOf("/companies");
    await page.fill('input[name="country"]', "Kazakhstan");
    expect(new URL((await request).url()).searchParams.get("country")).toBe("Kazakhstan");
    await eventually(async () => (await names()).sort()).toEqual([
      "Gamma L0",
      "Gamma L1",
      "Gamma L2",
      "Gamma L3",
      "Gamma L4",
    ]);
  });

  it("filters the companies with no debt from the Add filter menu", async () => {
    await freshCompanies();
    await addFilter("Debt");
    await page.getByRole("combobox", { name: "Debt" }).click();
    await page.getByRole("option", { name: "No debt" }).click();
    await eventually(async () => (await names()).sort()).toEqual(["Alpha L0", "Beta L0", "Gamma L0"]);
  });

  it("filters the companies that sell a product, chosen by name", async () => {
    await freshCompanies();
    await addFilter("Sells product");
    const product = page.getByRole("combobox", { name: "Sells product" });
    await product.fill("radio");
    await page.getByRole("option", { name: "Pocket Radio PR-7" }).click();
    await eventually(async () => (await names()).sort()).toEqual(["Beta L2", "Gamma L3"]);
    await screenshot(page, "companies-by-product");
  });

  it("filters the companies that a supplier supplies, chosen by name", async () => {
    await freshCompanies();
    await addFilter("Supplier");
    await page.getByRole("combobox", { name: "Supplier" }).fill("Beta L1");
    await page.getByRole("option", { name: "Beta L1" }).click();
    await eventually(() => names()).toEqual(["Beta L2"]);
  });

  it("reads a picked creation day as the day where the user is, as the quick picks do", async () => {
    // In Vladivostok (UTC+10), Alpha L1 was made at 06:00 on 10 March, which is still 9 March in UTC; Alpha L2 on
    // the evening of 9 March.
    const alpha = chains.Alpha as TestCompany[];
    await t.sql("update companies set created_at = $2 where id = $1", [alpha[1]?.id, "2026-03-09T20:00:00Z"]);
    await t.sql("update companies set created_at = $2 where id = $1", [alpha[2]?.id, "2026-03-09T10:00:00Z"]);
    const { context, page: east } = await newPage(browser, DESKTOP, "en-US", "Asia/Vladivostok");
    try {
      await logIn(east, server.url, STAFF);
      await east.getByTestId("total-debt").waitFor();
      await freshCompanies(east);
      for (const [label, source, day] of [
        ["Created from", "created_after", "2026-03-10"],
        ["Created before", "created_before", "2026-03-11"],
      ] as const) {
        await addFilter(label, east);
        const request = east.waitForRequest(
          (sent) =>
            new URL(sent.url()).searchParams.get(source) === new Date(`${day}T00:00:00+10:00`).toISOString(),
        );
        await east.fill(`input[name="${source}"]`, day);
        await request;
      }
      await eventually(() => names(east)).toEqual(["Alpha L1"]);
      await east.reload();
      await eventually(() => names(east)).toEqual(["Alpha L1"]);
      expect(await east.inputValue('input[name="created_after"]')).toBe("2026-03-10");
      expect(await east.inputValue('input[name="created_before"]')).toBe("2026-03-11");
    } finally {
      await context.close();
    }
  });

  it("offers Resend invitation only to an active employee whose invitation is pending or has expired", async () => {
    await hash("/employees");
    await eventually(() => rows().count()).toBe(Object.keys(EMPLOYEES).length + 1);
    const resendable: string[] = [];
    for (const row of await rows().all()) {
      if ((await row.getByRole("button", { name: "Resend invitation" }).count()) > 0) {
        resendable.push((await row.locator("td.column-email").textContent()) ?? "");
      }
    }
    expect(resendable.sort()).toEqual([EMPLOYEES.expired, EMPLOYEES.pending]);

    // An expired invitation is what resending is for: a new link goes out, and the row shows it pending.
    const expired = rows().filter({ hasText: EMPLOYEES.expired });
    await expired.getByRole("button", { name: "Resend invitation" }).click();
    await page.getByText(`A new invitation is on its way to ${EMPLOYEES.expired}`).waitFor();
    await mailbox.waitFor((mail) => JSON.stringify(mail.to).includes(EMPLOYEES.expired));
    await eventually(() => expired.locator("td.column-invitation").textContent()).toBe("pending");
  });

  it("heads the employees' company column", async () => {
    await hash("/employees");
    await rows().first().waitFor();
    expect(await page.locator("thead th.column-company").textContent()).toBe("Company");
    await screenshot(page, "employees-list");
  });
});
