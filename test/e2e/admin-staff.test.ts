import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { hashOpaqueToken } from "../../src/auth/opaque-tokens.js";
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

const INVITEE = "olga.kim@supplynet.test";
const EMPLOYEE_TOKEN = "an-employee-invitation-token";

describeInBrowser("staff users in the admin", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  let mailbox: Mailbox;

  const goto = (route: string) => page.goto(`${server.url}/admin/#${route}`);
  const rowOf = (email: string) => page.locator("tbody tr").filter({ hasText: email });
  const isActive = async (email: string) =>
    (await t.sql<{ is_active: boolean }>("select is_active from users where email = $1", [email]))[0]
      ?.is_active;

  beforeAll(async () => {
    await ensureAdminBuilt();
    const chain = await createChain(t.testDb, "Acme");
    await createUsers(t.testDb, (chain[1] as TestCompany).id);
    // An employee invited by the staff user, for the registration page to name the company and the inviter.
    const [employee] = await t.sql<{ id: number }>(
      `insert into users (email, role, company_id, language) values ('anna@supplynet.test', 'employee', $1, 'en')
       returning id`,
      [(chain[2] as TestCompany).id],
    );
    await t.sql(
      `insert into invitations (user_id, token_hash, expires_at, invited_by)
       values ($1, $2, now() + interval '3 days', (select id from users where email = $3))`,
      [employee?.id, hashOpaqueToken(EMPLOYEE_TOKEN), STAFF.email],
    );
    mailbox = await startMailbox();
    server = await startApp(t.testDb, mailbox);
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    await logIn(page, server.url, STAFF);
    await page.getByText("Largest debtors").waitFor();
  });

  closeAfterTests(() => ({ page, browser, server, mailbox }));

  it("lists the staff under Staff in the menu, without a deactivate control on one's own row", async () => {
    await page.getByRole("menuitem", { name: "Staff" }).click();
    const own = rowOf(STAFF.email);
    await own.waitFor();
    await expect(own.textContent()).resolves.toContain("Sam Staff");
    expect(await own.getByRole("button", { name: "Deactivate" }).count()).toBe(0);
    expect(await own.getByRole("button", { name: "Resend invitation" }).count()).toBe(0);
    await screenshot(page, "staff-list");
  });

  it("invites a staff user by email, who gets the invitation and can be sent another", async () => {
    await goto("/staff/create");
    await page.fill('input[name="email"]', INVITEE);
    await page.fill('input[name="first_name"]', "Olga");
    await page.fill('input[name="last_name"]', "Kim");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText(`Invitation sent to ${INVITEE}`).waitFor();
    await eventually(() => page.url()).toMatch(/#\/staff$/);
    const row = rowOf(INVITEE);
    await row.waitFor();
    const [created] = await t.sql<{ role: string; registered: boolean; language: string }>(
      "select role, password_hash is not null as registered, language from users where email = $1",
      [INVITEE],
    );
    expect(created).toEqual({ role: "staff", registered: false, language: "en" });
    const toOlga = (mail: { to?: unknown }) => JSON.stringify(mail.to).includes(INVITEE);
    await mailbox.waitFor(toOlga);

    await row.getByRole("button", { name: "Resend invitation" }).click();
    await page.getByText(`A new invitation is on its way to ${INVITEE}`).waitFor();
    await eventually(() => mailbox.messages.filter(toOlga).length).toBe(2);
  });

  it("shows a staff invitee whom the invitation is for, and after registering, the way into the admin", async () => {
    const toOlga = (mail: { to?: unknown }) => JSON.stringify(mail.to).includes(INVITEE);
    const mails = mailbox.messages.filter(toOlga);
    const link = /\/register\?token=[^\s"<>]+/.exec(mails[mails.length - 1]?.text ?? "")?.[0];
    expect(link).toBeDefined();
    const { context, page: invitee } = await newPage(browser);
    try {
      await invitee.goto(`${server.url}/admin/#${link}`);
      await invitee
        .getByText(`Invitation for ${INVITEE}, staff user of the admin, from Sam Staff.`)
        .waitFor();
      await invitee.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
      await invitee.getByLabel("Repeat the password").fill("correct horse battery staple");
      await invitee.getByRole("button", { name: "Create my account" }).click();
      await invitee.getByText(`Your account ${INVITEE} is ready.`).waitFor();
      expect(await invitee.getByText("POST /api/v1/auth/token").count()).toBe(0);
      await invitee.getByRole("link", { name: "Log in" }).click();
      await invitee.locator('input[name="username"]').waitFor();
    } finally {
      await context.close();
    }
  });

  it("shows an employee invitee their company and who invited them, and a used link's problem at once", async () => {
    const { context, page: invitee } = await newPage(browser);
    try {
      await invitee.goto(`${server.url}/admin/#/register?token=${EMPLOYEE_TOKEN}`);
      await invitee
        .getByText("Invitation for anna@supplynet.test, employee of Acme L2, from Sam Staff.")
        .waitFor();
      await screenshot(invitee, "register-for-whom");
      // Once the link is used, the page says so before any password is typed.
      await t.sql("update invitations set used_at = now() where token_hash = $1", [
        hashOpaqueToken(EMPLOYEE_TOKEN),
      ]);
      await invitee.reload();
      await invitee
        .getByRole("alert")
        .filter({ hasText: "This invitation has already been used." })
        .waitFor();
      expect(await invitee.getByLabel("Password", { exact: true }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("refuses to deactivate oneself, and says why", async () => {
    const [own] = await t.sql<{ id: number }>("select id from users where email = $1", [STAFF.email]);
    await goto(`/staff/${own?.id}`);
    const active = page.getByLabel("Active", { exact: true });
    await active.waitFor();
    await active.uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByText("You cannot deactivate your own account. Ask another staff user to do it.")
      .waitFor();
    expect(await isActive(STAFF.email)).toBe(true);
    await screenshot(page, "staff-deactivate-self");
  });

  it("says why in the staff user's own language", async () => {
    const [own] = await t.sql<{ id: number }>("select id from users where email = $1", [STAFF.email]);
    await t.sql("update users set language = 'ru' where email = $1", [STAFF.email]);
    const { context, page: russian } = await newPage(browser, undefined, "ru-RU");
    try {
      await logIn(russian, server.url, STAFF);
      await russian.getByText("Крупнейшие должники").waitFor();
      await russian.goto(`${server.url}/admin/#/staff/${own?.id}`);
      const active = russian.getByLabel("Активен", { exact: true });
      await active.waitFor();
      await active.uncheck();
      await russian.getByRole("button", { name: "Сохранить" }).click();
      await russian
        .getByText("Нельзя отключить собственную учётную запись. Попросите об этом другого администратора.")
        .waitFor();
      expect(await isActive(STAFF.email)).toBe(true);
    } finally {
      await context.close();
      await t.sql("update users set language = 'en' where email = $1", [STAFF.email]);
    }
  });

  it("deactivates another staff user, and activates them again", async () => {
    await goto("/staff");
    const row = rowOf(INVITEE);
    await row.getByRole("button", { name: "Deactivate" }).click();
    await page.getByText(`${INVITEE} has been deactivated and signed out`).waitFor();
    expect(await isActive(INVITEE)).toBe(false);
    await row.getByRole("button", { name: "Activate" }).click();
    await page.getByText(`${INVITEE} is active again`).waitFor();
    expect(await isActive(INVITEE)).toBe(true);
  });

  it("filters the staff by search and by status", async () => {
    await t.sql("update users set is_active = false where email = $1", [INVITEE]);
    await goto("/staff?filter=%7B%22is_active%22%3A%22false%22%7D");
    await rowOf(INVITEE).waitFor();
    await eventually(() => page.locator("tbody tr").count()).toBe(1);
    await goto("/staff?filter=%7B%22q%22%3A%22sam%22%7D");
    await rowOf(STAFF.email).waitFor();
    await eventually(() => page.locator("tbody tr").count()).toBe(1);
  });
});
