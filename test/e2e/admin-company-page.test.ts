import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createChain, type TestCompany } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { type Mailbox, startMailbox } from "../helpers/mailbox.js";
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

describeInBrowser("a company's page in Chromium", () => {
  const t = testApp({ app: false, truncate: false });
  let mailbox: Mailbox;
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  const chains: Record<string, TestCompany[]> = {};
  /** Two more dealerships of Alpha's distributor, so that it supplies three. */
  const alphaDealerships: number[] = [];

  const hash = (route: string) => page.goto(`${server.url}/admin/#${route}`);
  const company = (label: string, level: number) =>
    (chains[label]?.[level] as TestCompany | undefined)?.id as number;
  /**
   * Opens a company's page, navigating again if a redirect from an earlier save lands after the first
   * navigation; each read gives up quickly so that the poll, not one hung read, decides the timeout.
   */
  const openCompany = async (id: number, name: string) => {
    const route = `/companies/${id}`;
    await hash(route);
    await eventually(async () => {
      if (new URL(page.url()).hash !== `#${route}`) await hash(route);
      return page
        .locator('input[name="name"]')
        .inputValue({ timeout: 2_000 })
        .catch(() => "");
    }).toBe(name);
  };
  const chooseLevel = async (level: string) => {
    await page.getByRole("combobox", { name: "Level" }).click();
    await page.getByRole("option", { name: level, exact: true }).click();
  };
  const supplier = () => page.getByRole("combobox", { name: "Supplier" });
  const chooseSupplier = async (name: string) => {
    await supplier().fill(name);
    await page.getByRole("option", { name, exact: true }).click();
  };
  const stored = async (id: number) => {
    const [row] = await t.sql<{ level: number; supplier_id: number | null }>(
      "select level, supplier_id from companies where id = $1",
      [id],
    );
    return row;
  };
  const clients = () => page.getByRole("region", { name: "Companies it supplies" });
  const employees = () => page.getByRole("region", { name: "Employees" });

  beforeAll(async () => {
    await ensureAdminBuilt();
    chains.Alpha = await createChain(t.testDb, "Alpha", "Moscow");
    chains.Beta = await createChain(t.testDb, "Beta", "Kazan");
    for (const name of ["Alpha L2c", "Alpha L2b"]) {
      const [row] = await t.sql<{ id: number }>(
        `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
         values ($1, $2, 'Russia', 'Tver', 'Lenina', '1', 2, $3, '12.30') returning id`,
        [name, `${name.replace(" ", ".").toLowerCase()}@example.com`, company("Alpha", 1)],
      );
      alphaDealerships.push(row?.id as number);
    }
    await createUsers(t.testDb, company("Alpha", 2));
    mailbox = await startMailbox();
    server = await startApp(t.testDb, mailbox);
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    await logIn(page, server.url, STAFF);
    await page.getByTestId("total-debt").waitFor();
  });

  closeAfterTests(() => ({ page, browser, server, mailbox }));

  it("lists the companies it supplies, each linked to its own page", async () => {
    await openCompany(company("Alpha", 1), "Alpha L1");
    const rows = clients().locator("tbody tr");
    await eventually(() => rows.locator("td.column-name").allTextContents()).toEqual([
      "Alpha L2",
      "Alpha L2b",
      "Alpha L2c",
    ]);
    expect(await rows.first().textContent()).toContain("Dealership");
    expect(await rows.nth(1).textContent()).toContain("₽12.30");
    await screenshot(page, "company-clients");

    await clients().getByRole("link", { name: "Alpha L2b" }).click();
    await eventually(() => page.locator('input[name="name"]').inputValue()).toBe("Alpha L2b");
    expect(page.url()).toContain(`#/companies/${alphaDealerships[1]}`);
    // A dealership that supplies nobody yet says so.
    await clients().getByText("It supplies no company yet.").waitFor();

    // An individual entrepreneur is the end of the chain: there is nothing to list.
    await openCompany(company("Alpha", 4), "Alpha L4");
    await employees().waitFor();
    expect(await clients().count()).toBe(0);
  });

  it("clears the supplier when a new level no longer fits it, and saves the one chosen then", async () => {
    const entrepreneur = company("Beta", 4);
    await openCompany(entrepreneur, "Beta L4");
    await eventually(() => supplier().inputValue()).toBe("Beta L3");

    // A retail chain's supplier is a dealership: Beta L3, a retail chain itself, no longer fits.
    await chooseLevel("Retail chain");
    await eventually(() => supplier().inputValue()).toBe("");
    await page.getByText("Only a dealership can supply a retail chain").waitFor();
    await chooseSupplier("Beta L2");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Element updated").waitFor();
    await page.waitForURL((url) => url.hash === "#/companies");
    expect(await stored(entrepreneur)).toEqual({ level: 3, supplier_id: company("Beta", 2) });

    // A factory has no supplier at all.
    await openCompany(entrepreneur, "Beta L4");
    await chooseLevel("Factory");
    await page.getByText("A factory is the top of the chain").waitFor();
    expect(await supplier().count()).toBe(0);
    await chooseLevel("Retail chain");
    await eventually(() => supplier().inputValue()).toBe("");
  });

  it("clears a supplier chosen on the new-company form when the level is changed after it", async () => {
    await hash("/companies/create");
    await chooseLevel("Dealership");
    await chooseSupplier("Alpha L1");
    await chooseLevel("Retail chain");
    await eventually(() => supplier().inputValue()).toBe("");
    // The required supplier is asked for on the form; nothing reaches the server.
    const posted: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/api/v1/companies"))
        posted.push(request.url());
    });
    await page.fill('input[name="name"]', "Gamma Retail");
    await page.fill('input[name="email"]', "gamma@example.com");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("A company below factory level needs a supplier.").waitFor();
    expect(posted).toEqual([]);
  });

  it("shows the server's refusal to move a company that supplies others, under the level", async () => {
    const dealership = company("Alpha", 2);
    await openCompany(dealership, "Alpha L2");
    await chooseLevel("Distributor");
    await eventually(() => supplier().inputValue()).toBe("");
    await chooseSupplier("Beta L0");
    await page.getByRole("button", { name: "Save" }).click();
    await eventually(() => page.locator(".ra-input-level").textContent()).toContain(
      "Cannot change while the company supplies others.",
    );
    expect(await stored(dealership)).toEqual({ level: 2, supplier_id: company("Alpha", 1) });
  });

  it("shows a message that the server gives both overall and for one field once, under the field", async () => {
    const factory = company("Beta", 0);
    await openCompany(factory, "Beta L0");
    // As the API answers a lone field's problem (registration does): the same words for the field and overall.
    const message = "This name is taken by a company in the same city.";
    await page.route(`**/api/v1/companies/${factory}`, (route) =>
      route.request().method() === "PATCH"
        ? route.fulfill({
            status: 400,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "bad_request", message, fields: { name: [message] } } }),
          })
        : route.fallback(),
    );
    try {
      await page.fill('input[name="name"]', "Beta L0 renamed");
      await page.getByRole("button", { name: "Save" }).click();
      await eventually(() => page.locator(".ra-input-name").textContent()).toContain(message);
      await page.getByText("The form is not valid.", { exact: false }).waitFor();
      expect(await page.getByText(message).count()).toBe(1);
    } finally {
      await page.unroute(`**/api/v1/companies/${factory}`);
    }
  });

  it("returns to the company's page after inviting an employee from it", async () => {
    const dealership = company("Beta", 2);
    await openCompany(dealership, "Beta L2");
    await employees().getByRole("link", { name: "Invite an employee" }).click();
    await eventually(() => page.getByRole("combobox", { name: "Company" }).inputValue()).toBe("Beta L2");
    await page.fill('input[name="email"]', "olga@supplynet.test");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Invitation sent to olga@supplynet.test").waitFor();
    await eventually(() => page.url()).toMatch(new RegExp(`#/companies/${dealership}$`));
    await eventually(() => page.locator('input[name="name"]').inputValue()).toBe("Beta L2");
    const invited = employees().locator("tbody tr").filter({ hasText: "olga@supplynet.test" });
    await invited.filter({ hasText: "pending" }).waitFor();
    await screenshot(page, "company-after-invite");

    // The invitation can be resent from the company's page too. The first mail is awaited before: a link
    // replaced before its job ran is not mailed at all (send-invitation-task), so a quick resend sends one.
    const toOlga = (mail: { to?: unknown }) => JSON.stringify(mail.to).includes("olga@supplynet.test");
    const linkIn = (mail: { text?: string }) => /\/register\?token=[^\s"<>]+/.exec(mail.text ?? "")?.[0];
    const first = linkIn(await mailbox.waitFor(toOlga));
    expect(first).toBeDefined();
    await invited.getByRole("button", { name: "Resend invitation" }).click();
    await page.getByText("A new invitation is on its way to olga@supplynet.test").waitFor();
    await eventually(() => mailbox.messages.filter(toOlga).length).toBe(2);
    const second = linkIn(mailbox.messages.filter(toOlga)[1] as { text?: string });
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it("goes on to the employees list after an invitation started there", async () => {
    await hash("/employees/create");
    await page.fill('input[name="email"]', "pavel@supplynet.test");
    await page.getByRole("combobox", { name: "Company" }).fill("Beta L3");
    await page.getByRole("option", { name: "Beta L3" }).click();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Invitation sent to pavel@supplynet.test").waitFor();
    await eventually(() => page.url()).toMatch(/#\/employees$/);
  });
});
