import type { Browser, BrowserContext, Page, Request, Route } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/auth/admin-session.js";
import { createChain } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import {
  createUsers,
  describeInBrowser,
  ensureAdminBuilt,
  launchBrowser,
  logIn,
  newPage,
  type RunningApp,
  STAFF,
  screenshot,
  startApp,
} from "./harness.js";

const ACCESS_TTL_MS = 5000;
const SESSION_PATH = "/api/v1/auth/session";

describeInBrowser("the admin session", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let tabA: Page;
  let tabB: Page;
  /** Refresh requests of both tabs: how many, and the most in flight at once across the tabs. */
  const refreshes = { sent: 0, inFlight: 0, mostInFlight: 0 };
  /** Every JSON answer of the session routes, to check that none carries a refresh token. */
  const sessionAnswers: string[] = [];
  /** Cookie headers sent with API calls outside the session routes. */
  const cookiesSentElsewhere: string[] = [];

  const tokenRows = () =>
    t.testDb.database
      .executeSql<{ live: number; revoked: number }>(
        `select count(*) filter (where revoked_at is null and rotated_at is null)::int as live,
                count(*) filter (where revoked_at is not null)::int as revoked from refresh_tokens`,
      )
      .then((result) => result.rows[0]);
  const sessionCookie = async () =>
    (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
  const goto = (page: Page, route: string) => page.goto(`${server.url}/admin/#${route}`);
  /** The companies list, as a user opening it sees it: it shows the companies, or the login form. */
  const openCompanies = async (page: Page) => {
    await goto(page, "/companies");
    await page.getByText("Solo L0").or(page.locator('input[name="username"]')).first().waitFor();
  };
  const openDashboard = async (page: Page) => {
    await goto(page, "/");
    await page.getByText("Largest debtors").or(page.locator('input[name="username"]')).first().waitFor();
  };
  const onLoginPage = (page: Page) => page.locator('input[name="username"]').isVisible();
  const replay = (cookie: string) =>
    fetch(`${server.url}${SESSION_PATH}/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${cookie}` },
      body: "{}",
    });
  const expired = () => new Promise((resolve) => setTimeout(resolve, ACCESS_TTL_MS + 300));

  beforeAll(async () => {
    await ensureAdminBuilt();
    const chain = await createChain(t.testDb, "Solo");
    await createUsers(t.testDb, chain[1]?.id as number);
    server = await startApp(t.testDb, undefined, { jwtAccessTtlMs: ACCESS_TTL_MS });
    browser = await launchBrowser();
    ({ context, page: tabA } = await newPage(browser));
    const isRefresh = (request: Request) => request.url().endsWith(`${SESSION_PATH}/refresh`);
    context.on("request", async (request) => {
      if (isRefresh(request)) {
        refreshes.sent++;
        refreshes.inFlight++;
        refreshes.mostInFlight = Math.max(refreshes.mostInFlight, refreshes.inFlight);
      }
      const url = new URL(request.url());
      if (url.pathname.startsWith("/api/") && !url.pathname.startsWith(SESSION_PATH)) {
        const cookie = (await request.allHeaders()).cookie;
        if (cookie) cookiesSentElsewhere.push(`${url.pathname}: ${cookie}`);
      }
    });
    const done = (request: Request) => {
      if (isRefresh(request)) refreshes.inFlight--;
    };
    context.on("requestfinished", done);
    context.on("requestfailed", done);
    context.on("response", async (response) => {
      if (new URL(response.url()).pathname.startsWith(SESSION_PATH) && response.status() === 200) {
        sessionAnswers.push(await response.text());
      }
    });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") {
      await screenshot(tabA, `failed-session-A-${task.name.replace(/\W+/g, "-")}`);
      if (tabB) await screenshot(tabB, `failed-session-B-${task.name.replace(/\W+/g, "-")}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("keeps the refresh token in an httpOnly cookie and restores the session from it after a reload", async () => {
    await logIn(tabA, server.url, STAFF);
    await tabA.getByText("Largest debtors").waitFor();
    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: SESSION_PATH, secure: false });

    await tabA.reload();
    await tabA.getByText("Largest debtors").waitFor();
    await tabA.getByText("Solo L1").first().waitFor();
    expect(tabA.url()).not.toContain("login");

    // Nothing a script can read holds a token: no storage entry, and not document.cookie.
    const readable = await tabA.evaluate(() => ({
      storage: [localStorage, sessionStorage].flatMap((store) =>
        Object.keys(store).map((key) => `${key}=${store.getItem(key)}`),
      ),
      cookie: document.cookie,
    }));
    const current = (await sessionCookie())?.value as string;
    for (const entry of [...readable.storage, readable.cookie]) {
      expect(entry).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+/);
      expect(entry).not.toContain(current);
      expect(entry).not.toContain(cookie?.value);
    }
    expect(sessionAnswers.length).toBeGreaterThanOrEqual(2);
    for (const answer of sessionAnswers) expect(Object.keys(JSON.parse(answer))).toEqual(["access"]);
    // The cookie goes only to the session routes, never with the API calls.
    expect(cookiesSentElsewhere).toEqual([]);
  });

  it("refreshes an expired access token silently, one refresh at a time", async () => {
    const before = refreshes.sent;
    await expired();
    // The dashboard asks for two things at once with the expired token: they must share one refresh.
    await tabA.getByRole("button", { name: "Refresh" }).first().click();
    await openCompanies(tabA);
    await goto(tabA, "/");
    await tabA.getByText("Largest debtors").waitFor();
    await tabA.getByText("Solo L1").first().waitFor();
    expect(refreshes.sent).toBeGreaterThan(before);
    expect(refreshes.mostInFlight).toBe(1);
    expect(await onLoginPage(tabA)).toBe(false);
  });

  it("keeps two tabs signed in through several refreshes: the tabs rotate the cookie one at a time", async () => {
    tabB = await context.newPage();
    await goto(tabB, "/");
    await tabB.getByText("Largest debtors").waitFor();
    // A refresh takes milliseconds, so two tabs seldom overlap by chance. Hold each refresh request until a
    // second one is issued (or 400 ms pass), then send them together: two tabs that did not wait for each other
    // would now present the same cookie twice.
    const held: Route[] = [];
    const release = () => {
      // A tab that navigated away meanwhile has cancelled its request: nothing to send.
      for (const route of held.splice(0)) route.continue().catch(() => undefined);
    };
    await context.route(`**${SESSION_PATH}/refresh`, (route) => {
      held.push(route);
      if (held.length >= 2) release();
      else setTimeout(release, 400);
    });
    const before = refreshes.sent;
    for (let round = 0; round < 3; round++) {
      await expired();
      // Both tabs find their access token expired at the same moment and refresh with the one cookie.
      await Promise.all([openCompanies(tabA), openCompanies(tabB)]);
      expect(await onLoginPage(tabA), `tab A, round ${round}`).toBe(false);
      expect(await onLoginPage(tabB), `tab B, round ${round}`).toBe(false);
      await Promise.all([goto(tabA, "/"), goto(tabB, "/")]);
    }
    release();
    await context.unrouteAll({ behavior: "wait" });
    // Each tab refreshes once a round, but a list shown from react-admin's cache refetches (and so refreshes) a
    // moment after the test saw it: on a busy machine the last of them may still be on its way.
    const settled = Date.now() + 10_000;
    while (refreshes.sent - before < 6 && Date.now() < settled) await tabA.waitForTimeout(100);
    expect(refreshes.sent - before).toBeGreaterThanOrEqual(6);
    expect(refreshes.mostInFlight).toBe(1);
    // No rotated cookie was ever presented again: nothing was revoked.
    expect(await tokenRows()).toMatchObject({ revoked: 0, live: 1 });
  });

  it("logs out in one tab, and the other tab is signed out on its next call", async () => {
    // Tab B gets a fresh access token, which the server alone could not take back before it expires.
    await tabA.bringToFront();
    await expired();
    await openCompanies(tabB);
    const tabBRefreshed = Date.now();
    const cookie = (await sessionCookie())?.value as string;
    await tabA.getByRole("button", { name: "Profile" }).click();
    await tabA.getByRole("menuitem", { name: "Logout" }).click();
    await tabA.locator('input[name="username"]').waitFor();
    expect(await sessionCookie()).toBeUndefined();
    expect(await tokenRows()).toMatchObject({ live: 0 });
    // Tab B's access token has not expired, yet its next call finds the session gone.
    expect(Date.now() - tabBRefreshed).toBeLessThan(ACCESS_TTL_MS * 0.75);
    await openDashboard(tabB);
    await tabB.locator('input[name="username"]').waitFor();
    expect((await replay(cookie)).status).toBe(401);
  });

  it("revokes the whole login when a refresh cookie captured before a rotation is replayed", async () => {
    await logIn(tabA, server.url, STAFF);
    await tabA.getByText("Largest debtors").waitFor();
    const captured = (await sessionCookie())?.value as string;
    await expired();
    await openCompanies(tabA);
    const rotated = (await sessionCookie())?.value;
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(captured);
    expect(await tokenRows()).toMatchObject({ live: 1 });

    // The thief's copy: refused, and every token of the login revoked.
    const stolen = await replay(captured);
    expect(stolen.status).toBe(401);
    expect((await stolen.json()).error.code).toBe("not_authenticated");
    expect(await tokenRows()).toMatchObject({ live: 0 });

    // The user's tab is signed out too at its next refresh.
    await expired();
    await openDashboard(tabA);
    await tabA.locator('input[name="username"]').waitFor();
  });
});
