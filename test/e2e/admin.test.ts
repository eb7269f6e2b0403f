import type { Browser, Page, Request } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createChain, type TestCompany } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { type Mailbox, startMailbox } from "../helpers/mailbox.js";
import {
  closeAfterTests,
  createUsers,
  describeInBrowser,
  EMPLOYEE,
  ensureAdminBuilt,
  eventually,
  launchBrowser,
  logIn,
  newPage,
  PHONE,
  type RunningApp,
  STAFF,
  screenshot,
  startApp,
} from "./harness.js";

/** Seven chains: 7 factories and 28 companies in debt (100.50 each); the Kazan chain is the "Beta" one. */
const CHAINS = [
  ["Alpha", "Moscow"],
  ["Beta", "Kazan"],
  ["Gamma", "Moscow"],
  ["Delta", "Omsk"],
  ["Epsilon", "Tver"],
  ["Zeta", "Perm"],
  ["Eta", "Sochi"],
] as const;

describeInBrowser("admin panel in Chromium", () => {
  const t = testApp({ app: false, truncate: false });
  let mailbox: Mailbox;
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  const chains: Record<string, TestCompany[]> = {};
  const requested: string[] = [];

  const debtOf = async (ids: number[]) => {
    const { rows } = await t.testDb.database.executeSql<{ id: number; debt: string }>(
      `select id, debt::text as debt from companies where id = any($1::int[]) order by id`,
      [ids],
    );
    return rows.map((row) => row.debt);
  };
  const hash = (route: string) => page.goto(`${server.url}/admin/#${route}`);

  beforeAll(async () => {
    await ensureAdminBuilt();
    for (const [label, city] of CHAINS) chains[label] = await createChain(t.testDb, label, city);
    await createUsers(t.testDb, chains.Alpha?.[2]?.id as number);
    mailbox = await startMailbox();
    server = await startApp(t.testDb, mailbox);
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    page.on("request", (request) => requested.push(request.url()));
  });

  closeAfterTests(() => ({ page, browser, server, mailbox }));

  it("refuses an employee at login with a clear message", async () => {
    await logIn(page, server.url, EMPLOYEE);
    await eventually(() =>
      page.getByText("This admin is for staff. Employees use the API.").count(),
    ).toBeGreaterThan(0);
    expect(page.url()).toContain("#/login");
  });

  it("logs staff in to the dashboard", async () => {
    await logIn(page, server.url, STAFF);
    await page.getByText("Largest debtors").waitFor();
    await page.getByText("Companies per level").waitFor();
    // 28 companies in debt at 100.50 each.
    await eventually(() => page.getByTestId("total-debt").textContent()).toBe("₽2,814.00");
    await screenshot(page, "dashboard");
  });

  it("filters the companies by city", async () => {
    await hash("/companies");
    await page.locator("tbody tr").first().waitFor();
    await page.fill('input[name="city"]', "Kazan");
    await eventually(() => page.locator("tbody tr").count()).toBe(5);
    const names = await page.locator("tbody tr td.column-name").allTextContents();
    expect(names.sort()).toEqual(["Beta L0", "Beta L1", "Beta L2", "Beta L3", "Beta L4"]);
    await screenshot(page, "companies-list");
  });

  it("clears the debt of 3 selected companies at once", async () => {
    const rows = page.locator("tbody tr");
    const row = (name: string) => rows.filter({ has: page.locator("td.column-name", { hasText: name }) });
    for (const name of ["Beta L1", "Beta L2", "Beta L3"]) {
      await row(name).locator('input[type="checkbox"]').check();
    }
    await page.getByRole("button", { name: "Clear debt" }).click();
    const dialog = page.getByRole("dialog");
    // The server sums the selected debts exactly, before anything is changed.
    await dialog.getByText("₽301.50 will be written off.").waitFor();
    expect(await dialog.textContent()).toContain("Set the debt of 3 companies to ₽0.00?");
    expect(await dialog.textContent()).not.toContain("background job");
    await dialog.getByRole("button", { name: "Clear debt" }).click();
    await page.getByText("Cleared 3 companies of 3, ₽301.50 written off").waitFor();
    const beta = chains.Beta as TestCompany[];
    expect(await debtOf(beta.map((company) => company.id))).toEqual([
      "0.00",
      "0.00",
      "0.00",
      "0.00",
      "100.50",
    ]);
    await eventually(() => row("Beta L3").locator("td.column-debt").textContent()).toBe("₽0.00");
    await eventually(() => row("Beta L4").locator("td.column-debt").textContent()).toBe("₽100.50");
  });

  it("clears the debt of 25 companies selected across pages through a job", async () => {
    const filter = encodeURIComponent(JSON.stringify({ has_debt: "true" }));
    await hash(`/companies?filter=${filter}&perPage=10&sort=name&order=ASC`);
    await eventually(() => page.locator("tbody tr").count()).toBe(10);
    await page.locator('thead input[type="checkbox"]').check();
    await page.getByRole("button", { name: "Select all" }).click();
    await page.getByText("25 items selected").waitFor();
    await page.getByRole("button", { name: "Clear debt" }).click();
    const dialog = page.getByRole("dialog");
    // 25 × 100.50, most of them on pages not shown: the server counts what the list does not hold.
    await dialog.getByText("₽2,512.50 will be written off.").waitFor();
    await dialog
      .getByText("More than 20 companies: a background job clears them, and this page says when it is done.")
      .waitFor();
    await screenshot(page, "clear-debt-confirmation");
    await dialog.getByRole("button", { name: "Clear debt" }).click();
    await page.getByText("Job scheduled").waitFor();
    await page.getByText("Cleared 25 companies of 25, ₽2,512.50 written off").waitFor({ timeout: 60_000 });
    const { rows } = await t.testDb.database.executeSql<{ total: string }>(
      "select sum(debt)::text as total from companies",
    );
    expect(rows[0]?.total).toBe("0.00");
    await eventually(() => page.locator("tbody tr").count()).toBe(0);
  });

  it("says why a clear did less than selected: a factory owes nothing, a company is gone", async () => {
    const eta = chains.Eta as TestCompany[];
    const filter = encodeURIComponent(JSON.stringify({ city: "Sochi" }));
    await hash(`/companies?filter=${filter}&sort=name&order=ASC`);
    await eventually(() => page.locator("tbody tr").count()).toBe(5);
    await page.locator('thead input[type="checkbox"]').check();
    await page.getByText("5 items selected").waitFor();
    // After the selection: two debts whose float sum is not exact, and a company deleted by someone else.
    await t.testDb.database.executeSql("update companies set debt = 0.10 where id = $1", [eta[1]?.id]);
    await t.testDb.database.executeSql("update companies set debt = 0.20 where id = $1", [eta[2]?.id]);
    await t.testDb.database.executeSql("delete from companies where id = $1", [eta[4]?.id]);

    await page.getByRole("button", { name: "Clear debt" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("₽0.30 will be written off.").waitFor();
    await dialog.getByText("1 factory among them owes nothing and is left alone.").waitFor();
    await dialog.getByText("1 of them no longer exists.").waitFor();
    await dialog.getByRole("button", { name: "Clear debt" }).click();
    await page
      .getByText("Cleared 3 companies of 5, ₽0.30 written off; 1 factory owes nothing; 1 no longer exists")
      .waitFor();
    expect(await debtOf(eta.slice(0, 4).map((company) => company.id))).toEqual([
      "0.00",
      "0.00",
      "0.00",
      "0.00",
    ]);
  });

  it("shows the server's refusal next to the supplier when the chosen one changed level meanwhile", async () => {
    // The form clears a supplier that no longer fits the level (test/e2e/admin-company-page.test.ts), so only a
    // supplier that moved after it was chosen still reaches the server, which names it; companies.test.ts tests
    // the API's check itself.
    const gamma = chains.Gamma as TestCompany[];
    const entrepreneur = gamma[4] as TestCompany;
    const { rows: inserted } = await t.testDb.database.executeSql<{ id: number }>(
      `insert into companies (name, email, country, city, street, house_number, level, supplier_id)
       values ('Gamma L2b', 'gamma.l2b@example.com', 'Russia', 'Moscow', 'Lenina', '2', 2, $1) returning id`,
      [gamma[1]?.id],
    );
    const moving = inserted[0]?.id as number;
    const supplierInput = page.locator(".ra-input-supplier_id");
    const supplier = page.getByRole("combobox", { name: "Supplier" });
    // Every read of the supplier in flight, so that it is moved only once the form has read its level.
    let reads = 0;
    let reading = 0;
    const isRead = (request: Request) => request.url().endsWith(`/api/v1/companies/${moving}`);
    const started = (request: Request) => {
      if (!isRead(request)) return;
      reads += 1;
      reading += 1;
    };
    const ended = (request: Request) => {
      if (isRead(request)) reading -= 1;
    };
    page.on("request", started);
    page.on("requestfinished", ended);
    page.on("requestfailed", ended);
    try {
      await hash(`/companies/${entrepreneur.id}`);
      await eventually(() => page.locator('input[name="name"]').inputValue()).toBe("Gamma L4");
      await page.getByRole("combobox", { name: "Level" }).click();
      await page.getByRole("option", { name: "Retail chain" }).click();
      await eventually(() => supplier.inputValue()).toBe("");
      await supplier.fill("Gamma L2b");
      await page.getByRole("option", { name: "Gamma L2b", exact: true }).click();
      await eventually(() => reads > 0 && reading === 0).toBe(true);

      // Another staff member makes it a distributor before this form is saved.
      await t.testDb.database.executeSql("update companies set level = 1, supplier_id = $1 where id = $2", [
        gamma[0]?.id,
        moving,
      ]);
      await page.getByRole("button", { name: "Save" }).click();
      // The server's message for supplier_id, shown under the supplier input itself, and the form stays open.
      await eventually(() => supplierInput.textContent()).toMatch(
        /Must be a company at the dealership level, one level up/,
      );
      await page.getByText("The supplier is not one level up.").waitFor();
      const { rows } = await t.testDb.database.executeSql<{ level: number; supplier_id: number }>(
        "select level, supplier_id from companies where id = $1",
        [entrepreneur.id],
      );
      expect(rows[0]).toEqual({ level: 4, supplier_id: gamma[3]?.id });
      await screenshot(page, "company-edit");
    } finally {
      page.off("request", started);
      page.off("requestfinished", ended);
      page.off("requestfailed", ended);
      await t.testDb.database.executeSql("delete from companies where id = $1", [moving]);
    }
  });

  it("offers only companies one level up as the supplier of a new company", async () => {
    await hash("/companies/create");
    await page.getByRole("combobox", { name: "Level" }).click();
    await page.getByRole("option", { name: "Dealership" }).click();
    await page.getByText("Only a distributor can supply a dealership").waitFor();
    await page.getByRole("combobox", { name: "Supplier" }).click();
    await eventually(() => page.getByRole("option").count()).toBe(CHAINS.length);
    const options = await page.getByRole("option").allTextContents();
    expect(options.every((name) => name.endsWith(" L1"))).toBe(true);
  });

  it("shows the server's refusal to delete a company that supplies others", async () => {
    const factory = chains.Epsilon?.[0] as TestCompany;
    await hash(`/companies/${factory.id}`);
    await eventually(() => page.locator('input[name="name"]').inputValue()).toBe("Epsilon L0");
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
    await page.getByText(/reassign or delete (it|them) first/).waitFor();
    const { rows } = await t.testDb.database.executeSql("select id from companies where id = $1", [
      factory.id,
    ]);
    expect(rows).toHaveLength(1);
  });

  it("creates an employee whose emailed invitation link registers them", async () => {
    // From the company's page: its employees are listed, and the invite link fills in the company.
    const delta = chains.Delta?.[3] as TestCompany;
    await hash(`/companies/${delta.id}`);
    await eventually(() => page.locator('input[name="name"]').inputValue()).toBe("Delta L3");
    await page.getByText("No employees yet.").waitFor();
    await page.getByRole("link", { name: "Invite an employee" }).click();
    await eventually(() => page.getByRole("combobox", { name: "Company" }).inputValue()).toBe("Delta L3");
    await page.fill('input[name="email"]', "new.hire@supplynet.test");
    await page.fill('input[name="first_name"]', "Nina");
    await page.fill('input[name="last_name"]', "Hire");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Invitation sent to new.hire@supplynet.test").waitFor();
    const toNewHire = (message: { to?: unknown }) =>
      JSON.stringify(message.to).includes("new.hire@supplynet.test");
    const linkIn = (mail: { text?: string }) =>
      /http:\/\/supplynet\.test(\/admin\/#\/register\?token=[^\s"<>]+)/.exec(mail.text ?? "")?.[1];
    const first = linkIn(await mailbox.waitFor(toNewHire));
    expect(first).toBeDefined();

    // Resending from the list mails a new link; the first one stops working.
    const row = page.locator("tbody tr").filter({ hasText: "new.hire@supplynet.test" });
    await row.getByRole("button", { name: "Resend invitation" }).click();
    await page.getByText("A new invitation is on its way to new.hire@supplynet.test").waitFor();
    await eventually(() => mailbox.messages.filter(toNewHire).length).toBe(2);
    const link = linkIn(mailbox.messages.filter(toNewHire)[1] as { text?: string });
    expect(link).toBeDefined();
    expect(link).not.toBe(first);

    // The link leads to the admin's registration page, where the invitee chooses a password.
    await page.goto(`${server.url}${link}`);
    await page.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
    await page.getByLabel("Repeat the password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.getByText("Your account new.hire@supplynet.test is ready").waitFor();
    const { rows } = await t.testDb.database.executeSql<{ has_password: boolean }>(
      "select password_hash is not null as has_password from users where email = $1",
      ["new.hire@supplynet.test"],
    );
    expect(rows[0]?.has_password).toBe(true);

    await hash(`/companies/${delta.id}`);
    await page
      .locator("tbody tr")
      .filter({ hasText: "new.hire@supplynet.test" })
      .filter({ hasText: "accepted" })
      .waitFor();
  });

  it("deactivates an employee from the edit form", async () => {
    await hash("/employees");
    await page.locator("tbody tr").filter({ hasText: EMPLOYEE.email }).click();
    await eventually(() => page.locator('input[name="email"]').inputValue()).toBe(EMPLOYEE.email);
    await page.getByLabel("Active").uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator("tbody tr").filter({ hasText: EMPLOYEE.email }).waitFor();
    const { rows } = await t.testDb.database.executeSql<{ is_active: boolean }>(
      "select is_active from users where email = $1",
      [EMPLOYEE.email],
    );
    expect(rows[0]?.is_active).toBe(false);
  });

  it("creates a product and sells it through a company", async () => {
    await hash("/products/create");
    await page.fill('input[name="name"]', "Pocket Radio");
    await page.fill('input[name="model"]', "PR-7");
    await page.fill('input[name="release_date"]', "2024-01-31");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator("tbody tr").filter({ hasText: "PR-7" }).waitFor();
    const company = chains.Zeta?.[2] as TestCompany;
    await hash(`/companies/${company.id}`);
    await eventually(() => page.locator('input[name="name"]').inputValue()).toBe("Zeta L2");
    await page.getByRole("combobox", { name: "Products" }).fill("Pocket");
    await page.getByRole("option", { name: "Pocket Radio PR-7" }).click();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Element updated").waitFor();
    const { rows } = await t.testDb.database.executeSql<{ name: string; release_date: string }>(
      `select p.name, p.release_date::text as release_date
       from company_products cp join products p on p.id = cp.product_id where cp.company_id = $1`,
      [company.id],
    );
    expect(rows).toEqual([{ name: "Pocket Radio", release_date: "2024-01-31" }]);
  });

  it("draws a factory's supply tree with clickable nodes", async () => {
    await hash("/network");
    await page.locator("svg [data-company-id]").first().waitFor();
    await eventually(() => page.locator("svg [data-company-id]").count()).toBe(5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(page, "network");
    await page.locator("svg [data-company-id]").nth(2).click();
    await page.locator('input[name="name"]').waitFor();
  });

  it("loads nothing from anywhere but this server (no CDN, no web fonts)", () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => !url.startsWith(server.url) && !url.startsWith("data:"))).toEqual([]);
  });

  it("works on a 390 px wide phone screen", async () => {
    const phone = await newPage(browser, PHONE);
    await logIn(phone.page, server.url, STAFF);
    await phone.page.getByText("Largest debtors").waitFor();
    await phone.page.goto(`${server.url}/admin/#/companies`);
    await phone.page.getByText("Alpha L0").waitFor();
    // The responsive layout: a simple list, and nothing wider than the screen.
    expect(await phone.page.locator("table").count()).toBe(0);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone.page, "companies-list-phone");
    await phone.context.close();
  });
});
