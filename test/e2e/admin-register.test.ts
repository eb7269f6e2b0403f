import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { hashOpaqueToken } from "../../src/auth/opaque-tokens.js";
import { createChain, type TestCompany } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import {
  closeAfterTests,
  describeInBrowser,
  ensureAdminBuilt,
  launchBrowser,
  newPage,
  type RunningApp,
  screenshot,
  startApp,
} from "./harness.js";

const INVITEE = "nina.hire@supplynet.test";
const TOKENS = { valid: "a-valid-invitation-token", expired: "an-expired-invitation-token" };

/**
 * Every message the page shows (its alerts and the texts under its inputs), cut into sentences: a message
 * printed twice shows as a sentence that repeats.
 */
async function shownSentences(page: Page): Promise<string[]> {
  const texts = await page.locator('[role="alert"], .MuiFormHelperText-root.Mui-error').allInnerTexts();
  return texts.flatMap((text) =>
    text
      .split(/(?<=[.!?])\s+/)
      .map((sentence) => sentence.trim())
      .filter(Boolean),
  );
}

const repeated = (sentences: string[]) =>
  sentences.filter((sentence, index) => sentences.indexOf(sentence) !== index);

describeInBrowser("the registration page in Chromium", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let page: Page;

  const open = async (token: string) => {
    await page.goto(`${server.url}/admin/#/register?token=${token}`);
    await page.getByLabel("Password", { exact: true }).waitFor();
  };
  const submit = async (password: string, repeat = password) => {
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByLabel("Repeat the password").fill(repeat);
    await page.getByRole("button", { name: "Create my account" }).click();
  };
  const rules = () => page.getByRole("list", { name: "Your password" });

  beforeAll(async () => {
    await ensureAdminBuilt();
    const chain = await createChain(t.testDb, "Alpha", "Moscow");
    for (const [email, token, expiresIn] of [
      [INVITEE, TOKENS.valid, "3 days"],
      ["late@supplynet.test", TOKENS.expired, "-1 day"],
    ] as const) {
      const [user] = await t.sql<{ id: number }>(
        `insert into users (email, role, company_id, language) values ($1, 'employee', $2, 'en') returning id`,
        [email, (chain[2] as TestCompany).id],
      );
      await t.sql(
        "insert into invitations (user_id, token_hash, expires_at) values ($1, $2, now() + $3::interval)",
        [user?.id, hashOpaqueToken(token), expiresIn],
      );
    }
    server = await startApp(t.testDb);
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });

  closeAfterTests(() => ({ page, browser, server }));

  it("shows the password rules before the first try", async () => {
    await open(TOKENS.valid);
    await expect(rules().getByRole("listitem").allInnerTexts()).resolves.toEqual([
      "have at least 8 characters;",
      "not be only spaces;",
      "not be your email address or its part before the @;",
      "not be a commonly used password.",
    ]);
    expect(await shownSentences(page)).toEqual([]);
    await screenshot(page, "register");
  });

  it("names the rule a refused password breaks once, under the password, with the rules still shown", async () => {
    await open(TOKENS.valid);
    await submit("nina.hire");
    const message = "The password must not be your email address or its part before the @.";
    await page.getByText(message).first().waitFor();
    expect(await page.getByText(message).count()).toBe(1);
    expect(repeated(await shownSentences(page))).toEqual([]);
    await rules().waitFor();
    await screenshot(page, "register-refused");

    await submit("password123");
    await page.getByText("This password is too common", { exact: false }).waitFor();
    expect(repeated(await shownSentences(page))).toEqual([]);
  });

  it("says once that a short password is short", async () => {
    await open(TOKENS.valid);
    await submit("short");
    await page.getByText("At least 8 characters.").waitFor();
    expect(repeated(await shownSentences(page))).toEqual([]);
  });

  it("says once that the passwords differ", async () => {
    await open(TOKENS.valid);
    await submit("correct horse battery staple", "correct horse battery stapler");
    await page.getByText("The passwords differ.").waitFor();
    expect(await page.getByText("The passwords differ.").count()).toBe(1);
  });

  it("says at once, and once, that an invitation has expired, with no password to type", async () => {
    await page.goto(`${server.url}/admin/#/register?token=${TOKENS.expired}`);
    const message = "This invitation has expired. Ask your administrator to resend it.";
    await page.getByRole("alert").filter({ hasText: "This invitation has expired." }).waitFor();
    const sentences = await shownSentences(page);
    expect(repeated(sentences)).toEqual([]);
    expect(sentences.join(" ")).toContain(message);
    expect(await page.getByLabel("Password", { exact: true }).count()).toBe(0);
  });

  it("creates the account with a password that keeps the rules", async () => {
    await open(TOKENS.valid);
    await submit("correct horse battery staple");
    await page.getByText(`Your account ${INVITEE} is ready`).waitFor();
    const [row] = await t.sql<{ registered: boolean }>(
      "select password_hash is not null as registered from users where email = $1",
      [INVITEE],
    );
    expect(row?.registered).toBe(true);
  });
});
