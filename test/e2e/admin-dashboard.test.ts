import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createChain, type TestCompany } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import {
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

/**
 * Runs in the page before its scripts: keeps the text of every notification (react-admin's snackbar) that is
 * shown, however briefly, in window.notificationsSeen.
 */
function recordNotifications() {
  const seen: string[] = [];
  (window as unknown as { notificationsSeen: string[] }).notificationsSeen = seen;
  new MutationObserver(() => {
    for (const snackbar of document.querySelectorAll(".MuiSnackbar-root")) {
      const text = snackbar.textContent ?? "";
      if (text && !seen.includes(text)) seen.push(text);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

const notificationsSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { notificationsSeen: string[] }).notificationsSeen);

describeInBrowser("the dashboard in Chromium", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;

  /** A browser tab that has never logged in, recording notifications and the API paths it asks for. */
  const freshTab = async () => {
    const { context, page } = await newPage(browser);
    await context.addInitScript(recordNotifications);
    const asked: string[] = [];
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith("/api/")) asked.push(pathname);
    });
    return { context, page, asked };
  };

  beforeAll(async () => {
    await ensureAdminBuilt();
    const chain = await createChain(t.testDb, "Alpha", "Moscow");
    await createUsers(t.testDb, (chain[2] as TestCompany).id);
    server = await startApp(t.testDb);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sends a first visit straight to the login page, with no error notification", async () => {
    const { context, page, asked } = await freshTab();
    await page.goto(`${server.url}/admin/`);
    await page.locator('input[name="username"]').waitFor();
    expect(page.url()).toContain("#/login");
    // Long enough for a notification that would follow a refused request to show.
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
    expect(await notificationsSeen(page)).toEqual([]);
    // The dashboard asked for nothing before the redirect: only whether there is a session.
    expect(asked.filter((path) => !path.startsWith("/api/v1/auth/"))).toEqual([]);
    await context.close();
  });

  it("sends a visit to a list's address to the login page too, with no error notification", async () => {
    const { context, page, asked } = await freshTab();
    await page.goto(`${server.url}/admin/#/companies`);
    await page.locator('input[name="username"]').waitFor();
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
    expect(await notificationsSeen(page)).toEqual([]);
    expect(asked.filter((path) => !path.startsWith("/api/v1/auth/"))).toEqual([]);

    // After logging in, the dashboard loads as usual.
    await logIn(page, server.url, STAFF);
    await page.getByTestId("total-debt").waitFor();
    expect(await notificationsSeen(page)).toEqual([]);
    await context.close();
  });

  it("counts the companies above the average debt, their share, and links to exactly them", async () => {
    const alpha = await t.sql<{ id: number }>(
      "select id from companies where name like 'Alpha L_' order by level",
    );
    const beta = await createChain(t.testDb, "Beta", "Kazan");
    // Over the eight companies with a supplier the average is 2.00, which two of them owe: only the two 3.00 count.
    for (const chain of [alpha, beta]) {
      for (const [index, debt] of ["1.00", "2.00", "2.00", "3.00"].entries()) {
        await t.sql("update companies set debt = $1 where id = $2", [
          debt,
          (chain[index + 1] as { id: number }).id,
        ]);
      }
    }
    const { context, page } = await freshTab();
    await logIn(page, server.url, STAFF);
    await page.getByText("Debt above average").waitFor();
    expect(await page.getByTestId("above-average-count").textContent()).toBe("2");
    expect(await page.getByTestId("above-average-summary").textContent()).toBe(
      "companies owe more than the average, ₽2.00",
    );
    // 6.00 of 16.00
    expect(await page.getByTestId("above-average-share").textContent()).toBe(
      "Together ₽6.00: 37.50% of the total debt",
    );
    await screenshot(page, "dashboard-above-average");

    await page.getByRole("link", { name: "Open the list of these companies" }).click();
    await eventually(async () =>
      (await page.locator("tbody tr td.column-name").allTextContents()).sort(),
    ).toEqual(["Alpha L4", "Beta L4"]);
    // The first cent above the average, so that the 2.00 debts stay out.
    expect(decodeURIComponent(page.url())).toContain('filter={"debt_min":"2.01"}');
    await context.close();
  });

  it("still says so when a session ends while the admin is open", async () => {
    const { context, page } = await freshTab();
    await logIn(page, server.url, STAFF);
    await page.getByTestId("total-debt").waitFor();
    // The session ends elsewhere (another tab logs out): the cookie and every token are gone.
    await context.clearCookies();
    await page.evaluate(() => {
      new BroadcastChannel("supplynet-session").postMessage("signed-out");
    });
    await page.goto(`${server.url}/admin/#/companies`);
    await page.locator('input[name="username"]').waitFor();
    await expect
      .poll(() => notificationsSeen(page), { timeout: 10_000 })
      .toEqual(["Your session has expired. Please log in again."]);
    await context.close();
  });
});
