import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createChain, PASSWORD_ONE_HASH, type TestCompany } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { type Mailbox, startMailbox } from "../helpers/mailbox.js";
import {
  createUsers,
  describeInBrowser,
  EMPLOYEE,
  ensureAdminBuilt,
  eventually,
  launchBrowser,
  logIn,
  newPage,
  type RunningApp,
  screenshot,
  startApp,
} from "./harness.js";

const CHANGER = { email: "pat.changer@supplynet.test", password: "1" };
const FORGETFUL = { email: "fay.forgets@supplynet.test", password: "1" };
const NEW_PASSWORD = "correct horse battery staple";
const RESET_REQUESTED =
  "If an account with this email exists, a link to set a new password has been sent to it. The link works for one hour.";

/** The messages the page shows in red: its alerts and the texts under its inputs. */
const shownErrors = (page: Page) =>
  page.locator(".MuiAlert-colorError, .MuiFormHelperText-root.Mui-error").allInnerTexts();

describeInBrowser("passwords in the admin", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  let mailbox: Mailbox;

  const dashboard = () => page.getByText("Largest debtors").waitFor();
  const loginRefused = () =>
    page.getByText("No active account found with the given email and password.").first().waitFor();
  const openUserMenu = () => page.getByRole("button", { name: "Profile" }).click();
  /** The reset link of the newest email to `email` (it points at PUBLIC_URL, so only its route is kept). */
  const resetRouteFor = async (email: string) => {
    const toThem = (mail: { to?: unknown }) => JSON.stringify(mail.to).includes(email);
    await mailbox.waitFor(toThem);
    const mails = mailbox.messages.filter(toThem);
    const route = /\/reset-password\?token=[^\s"<>]+/.exec(mails[mails.length - 1]?.text ?? "")?.[0];
    expect(route).toBeDefined();
    return route as string;
  };
  const askForReset = async (email: string) => {
    await page.goto(`${server.url}/admin/#/login`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Forgot your password" }).waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByText(RESET_REQUESTED).waitFor();
  };
  const setNewPassword = async (password: string) => {
    await page.getByLabel("New password", { exact: true }).fill(password);
    await page.getByLabel("Repeat the new password").fill(password);
    await page.getByRole("button", { name: "Set the password" }).click();
  };

  beforeAll(async () => {
    await ensureAdminBuilt();
    const chain = await createChain(t.testDb, "Solo");
    await createUsers(t.testDb, (chain[1] as TestCompany).id);
    await t.sql(
      `insert into users (email, password_hash, first_name, last_name, role, language)
       values ($1, $3, 'Pat', 'Changer', 'staff', 'en'), ($2, $3, 'Fay', 'Forgets', 'staff', 'en')`,
      [CHANGER.email, FORGETFUL.email, PASSWORD_ONE_HASH],
    );
    mailbox = await startMailbox();
    server = await startApp(t.testDb, mailbox);
    browser = await launchBrowser();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await screenshot(page, `failed-${task.name.replace(/\W+/g, "-")}`);
    await page?.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mailbox?.close();
  });

  it("changes the password from the user menu: the session goes on with the new token, and only the new password logs in", async () => {
    ({ page } = await newPage(browser));
    await logIn(page, server.url, CHANGER);
    await dashboard();
    await openUserMenu();
    await page.getByRole("menuitem", { name: "Change password" }).click();
    await eventually(() => page.url()).toMatch(/#\/account\/password$/);
    const rules = page.getByRole("list", { name: "Your password" });
    await rules.waitFor();
    await expect(rules.getByRole("listitem").count()).resolves.toBe(4);
    expect(await shownErrors(page)).toEqual([]);
    await screenshot(page, "change-password");

    const submit = async (current: string, next: string, repeat = next) => {
      await page.getByLabel("Current password").fill(current);
      await page.getByLabel("New password", { exact: true }).fill(next);
      await page.getByLabel("Repeat the new password").fill(repeat);
      await page.getByRole("button", { name: "Change password" }).click();
    };
    await submit("not the password", NEW_PASSWORD);
    await page.getByText("The current password is not correct.").waitFor();
    expect(await shownErrors(page)).toEqual(["The current password is not correct."]);

    await submit(CHANGER.password, "pat.changer");
    const weak = "The password must not be your email address or its part before the @.";
    await page.getByText(weak).waitFor();
    expect(await shownErrors(page)).toEqual([weak]);

    await submit(CHANGER.password, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    await page.getByText("The passwords differ.").waitFor();
    expect(await shownErrors(page)).toEqual(["The passwords differ."]);

    const answer = page.waitForResponse((response) => response.url().endsWith("/auth/session/password"));
    await submit(CHANGER.password, NEW_PASSWORD);
    const changed = await answer;
    expect(changed.status()).toBe(200);
    const { access } = (await changed.json()) as { access: string };
    await page
      .getByText("Your password has been changed. Your other sessions have been signed out.")
      .waitFor();

    // The next call carries the token the change answered (the one before is refused from now on).
    const next = page.waitForRequest((request) => new URL(request.url()).pathname === "/api/v1/companies");
    await page.getByRole("menuitem", { name: "Companies" }).click();
    expect((await next).headers().authorization).toBe(`Bearer ${access}`);
    await page.getByText("Solo L0", { exact: true }).first().waitFor();

    await openUserMenu();
    await page.getByRole("menuitem", { name: "Logout" }).click();
    await page.locator('input[name="username"]').waitFor();
    await logIn(page, server.url, CHANGER);
    await loginRefused();
    await logIn(page, server.url, { email: CHANGER.email, password: NEW_PASSWORD });
    await dashboard();
  });

  it("sends a reset link from the login page; the reset page names the account, and the new password logs staff in", async () => {
    ({ page } = await newPage(browser));
    // The same words for an email that names no account, so the page tells nobody which ones exist.
    await askForReset("nobody@supplynet.test");
    await askForReset(FORGETFUL.email);
    await screenshot(page, "forgot-password");

    await page.goto(`${server.url}/admin/#${await resetRouteFor(FORGETFUL.email)}`);
    await page.getByText(`New password for ${FORGETFUL.email}, staff user of the admin.`).waitFor();
    await page.getByRole("list", { name: "Your password" }).waitFor();
    await setNewPassword("short");
    await page.getByText("At least 8 characters.").waitFor();
    expect(await shownErrors(page)).toEqual(["At least 8 characters."]);
    await setNewPassword(NEW_PASSWORD);
    await page
      .getByText(
        "Your password has been set, and every session has been signed out. Log in with the new password.",
      )
      .waitFor();
    expect(await page.getByText("POST /api/v1/auth/token").count()).toBe(0);
    await screenshot(page, "reset-password-staff");

    await page.getByRole("link", { name: "Log in" }).click();
    await page.locator('input[name="username"]').waitFor();
    await logIn(page, server.url, FORGETFUL);
    await loginRefused();
    await logIn(page, server.url, { email: FORGETFUL.email, password: NEW_PASSWORD });
    await dashboard();
  });

  it("tells an employee who reset their password how to use it, the API, and a used link says so at once", async () => {
    ({ page } = await newPage(browser));
    await askForReset(EMPLOYEE.email);
    const route = await resetRouteFor(EMPLOYEE.email);
    await page.goto(`${server.url}/admin/#${route}`);
    await page.getByText(`New password for ${EMPLOYEE.email}, employee of Solo L1.`).waitFor();
    await setNewPassword(NEW_PASSWORD);
    await page.getByText("Your password has been set").waitFor();
    await page.getByText("POST /api/v1/auth/token").waitFor();
    expect(await page.getByRole("link", { name: "Log in" }).count()).toBe(0);
    await screenshot(page, "reset-password-employee");

    const login = await fetch(`${server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: EMPLOYEE.email, password: NEW_PASSWORD }),
    });
    expect(login.status).toBe(200);

    await page.goto(`${server.url}/admin/#/login`);
    await page.goto(`${server.url}/admin/#${route}`);
    await page.getByText("This link has already been used. Ask for a new one if you need it.").waitFor();
    expect(await page.getByLabel("New password", { exact: true }).count()).toBe(0);
    await page.getByRole("link", { name: "Ask for a new link" }).waitFor();
  });
});
