import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, describe, expect } from "vitest";
import { type App, buildApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { adminBuildFolder, projectRoot } from "../../src/paths.js";
import { GENEROUS_LIMITS, PASSWORD_ONE_HASH, testConfig } from "../helpers/app.js";
import { newestMtime } from "../helpers/build.js";
import type { TestDatabase } from "../helpers/database.js";
import type { Mailbox } from "../helpers/mailbox.js";
import { startTestWorker } from "../helpers/worker.js";

export const CHROMIUM = "/usr/bin/chromium";
// Without the background-networking flags Chromium floods this closed network with connections it refuses.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const chromiumFound = existsSync(CHROMIUM);
if (!chromiumFound) {
  if (process.env.REQUIRE_CHROMIUM === "1") {
    throw new Error(`REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing: install Debian's chromium package.`);
  }
  console.warn(
    [
      "",
      "!".repeat(78),
      `!!  BROWSER TESTS SKIPPED: ${CHROMIUM} was not found.`,
      "!!  Install it with `apt-get install chromium` to run test/e2e (CI sets REQUIRE_CHROMIUM=1).",
      "!".repeat(78),
      "",
    ].join("\n"),
  );
}

/** CSP violations reported by any page of a browser from launchBrowser, since they were last taken. */
const cspViolations: string[] = [];

/**
 * Chromium logs each blocked load, inline script or eval ("Refused to … because it violates the following
 * Content Security Policy directive …") and each blocked frame ("Framing … violates …"); the init script below
 * logs the violation events, which catch the rest.
 */
const isCspViolation = (text: string) =>
  text.includes("Content Security Policy") || text.startsWith("CSP violation:");

/** Runs in every page before its own scripts: reports each violation, including ones Chromium does not log. */
function reportCspViolations() {
  document.addEventListener(
    "securitypolicyviolation",
    (event) =>
      console.error(
        `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} in ${event.documentURI}`,
      ),
    true,
  );
}

async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript(reportCspViolations);
  context.on("console", (message) => {
    if (isCspViolation(message.text())) cspViolations.push(`${message.page()?.url()}: ${message.text()}`);
  });
}

/** Hands over the CSP violations seen so far and forgets them: for a test that provokes some on purpose. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

const expectNoCspViolations = () => expect(takeCspViolations(), "CSP violations").toEqual([]);

/**
 * `describe` when Chromium is installed, a loudly announced skip otherwise. Every test in it fails on a CSP
 * violation in any page: the app runs with its real CSP, and a violation means something is broken or blocked.
 */
export function describeInBrowser(name: string, body: () => void): void {
  (chromiumFound ? describe : describe.skip)(name, () => {
    afterEach(expectNoCspViolations);
    afterAll(expectNoCspViolations);
    body();
  });
}

export const ARTIFACTS = path.join(projectRoot, "test-artifacts");

/** Lists debounce and the machine is shared: wait for what the user would see, within reason. */
export const eventually = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 20_000, interval: 200 });

export const STAFF = { email: "staff@supplynet.test", password: "1" };
export const EMPLOYEE = { email: "employee@supplynet.test", password: "1" };

/** Builds the SPA when dist/admin is missing or older than admin/, so the tests never run a stale bundle. */
export async function ensureAdminBuilt(): Promise<void> {
  const index = path.join(adminBuildFolder, "index.html");
  const sources = path.join(projectRoot, "admin");
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return;
  const { build } = await import("vite");
  await build({ configFile: path.join(sources, "vite.config.ts"), logLevel: "warn" });
}

export interface RunningApp {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/** The real app with its job worker, on a random port, over the given test database. */
export async function startApp(
  testDb: TestDatabase,
  mailbox?: Mailbox,
  overrides: Partial<Config> = {},
): Promise<RunningApp> {
  const config = testConfig({
    dataDir: path.join(ARTIFACTS, "data"),
    smtpUrl: mailbox?.url,
    // Every test logs in through the real form; the per-IP login limit is for the outside world.
    authRateLimit: GENEROUS_LIMITS,
    ...overrides,
  });
  const worker = await startTestWorker(testDb, { config });
  const app = await buildApp({ config, database: testDb.database, jobs: worker.queue });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    app,
    url: address,
    async stop() {
      await app.close();
      await worker.stop();
    },
  };
}

/**
 * A staff user and an employee, both with password "1". The admin follows the staff user's saved language after
 * login, so it is English by default, as newPage's browser is.
 */
export async function createUsers(
  testDb: TestDatabase,
  employeeCompanyId: number,
  staffLanguage: "ru" | "en" = "en",
): Promise<void> {
  await testDb.database.executeSql(
    `insert into users (email, password_hash, first_name, last_name, role, company_id, language)
     values ($1, $3, 'Sam', 'Staff', 'staff', null, $5), ($2, $3, 'Emma', 'Employee', 'employee', $4, 'ru')`,
    [STAFF.email, EMPLOYEE.email, PASSWORD_ONE_HASH, employeeCompanyId, staffLanguage],
  );
}

/** Chromium, with every context it opens (browser.newPage's too) watched for CSP violations. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  return browser;
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * A tab in a new browser context. Its languages (navigator.languages and Accept-Language) choose the admin's
 * language on a first visit: English unless asked, for the tests that read the admin's English words. Its
 * time zone is the machine's unless `timezoneId` names another.
 */
export async function newPage(
  browser: Browser,
  viewport = DESKTOP,
  locale = "en-US",
  timezoneId?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale, timezoneId });
  const page = await context.newPage();
  return { context, page };
}

/** Logs in through the real login form; resolves once the dashboard (or the refusal) is on screen. */
export async function logIn(page: Page, baseUrl: string, user: { email: string; password: string }) {
  await page.goto(`${baseUrl}/admin/#/login`);
  await page.fill('input[name="username"]', user.email);
  await page.fill('input[name="password"]', user.password);
  await page.click('button[type="submit"]');
}

/** A full-page screenshot in test-artifacts (git-ignored); the name may hold folders ("screenshots/ru-dashboard"). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** What a browser test file keeps open across its tests. */
export interface OpenInBrowser {
  page?: Page | undefined;
  browser?: Browser | undefined;
  server?: RunningApp | undefined;
  mailbox?: Mailbox | undefined;
}

/**
 * A failed test leaves a screenshot of its page, and what the file opened is closed after its last test.
 * `opened` is read when each hook runs, since the file's beforeAll assigns those variables.
 */
export function closeAfterTests(opened: () => OpenInBrowser): void {
  afterEach(async ({ task }) => {
    const { page } = opened();
    if (page && task.result?.state === "fail")
      await screenshot(page, `failed-${task.name.replace(/\W+/g, "-")}`);
  });
  afterAll(async () => {
    const { browser, server, mailbox } = opened();
    await browser?.close();
    await server?.stop();
    await mailbox?.close();
  });
}
