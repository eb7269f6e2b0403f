import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createChain } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import {
  createUsers,
  describeInBrowser,
  ensureAdminBuilt,
  launchBrowser,
  logIn,
  newPage,
  type RunningApp,
  STAFF,
  startApp,
} from "./harness.js";

const ACCESS_TTL_MS = 3000;

describeInBrowser("the admin session", () => {
  let testDb: TestDatabase;
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  let refreshesInFlight = 0;
  let mostInFlight = 0;
  let refreshes = 0;

  beforeAll(async () => {
    await ensureAdminBuilt();
    testDb = await createTestDatabase();
    const chain = await createChain(testDb, "Solo");
    await createUsers(testDb, chain[1]?.id as number);
    server = await startApp(testDb, undefined, { jwtAccessTtl: `${ACCESS_TTL_MS / 1000}s` });
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    const isRefresh = (url: string) => url.endsWith("/api/v1/auth/token/refresh");
    page.on("request", (request) => {
      if (!isRefresh(request.url())) return;
      refreshes++;
      refreshesInFlight++;
      mostInFlight = Math.max(mostInFlight, refreshesInFlight);
    });
    const done = (request: { url(): string }) => {
      if (isRefresh(request.url())) refreshesInFlight--;
    };
    page.on("requestfinished", done);
    page.on("requestfailed", done);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await testDb?.destroy();
  });

  it("refreshes an expired access token silently, one refresh at a time", async () => {
    await logIn(page, server.url, STAFF);
    await page.getByText("Largest debtors").waitFor();
    expect(refreshes).toBe(0);
    await page.waitForTimeout(ACCESS_TTL_MS + 500);
    // The dashboard asks for two things at once with the expired token: they must share one refresh.
    await page.getByRole("button", { name: "Refresh" }).first().click();
    await page.goto(`${server.url}/admin/#/companies`);
    await page.getByText("Solo L0").first().waitFor();
    await page.goto(`${server.url}/admin/#/`);
    await page.getByText("Largest debtors").waitFor();
    await page.getByText("Solo L1").first().waitFor();
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(mostInFlight).toBe(1);
    expect(page.url()).not.toContain("login");
  });

  it("logs out on the server too: the old refresh token stops working", async () => {
    const tokens = await page.evaluate(() => JSON.parse(localStorage.getItem("supplynet.tokens") ?? "null"));
    expect(tokens?.refresh).toBeTruthy();
    await page.getByRole("button", { name: "Profile" }).click();
    await page.getByRole("menuitem", { name: "Logout" }).click();
    await page.locator('input[name="username"]').waitFor();
    expect(await page.evaluate(() => localStorage.getItem("supplynet.tokens"))).toBeNull();
    const reuse = await fetch(`${server.url}/api/v1/auth/token/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refresh: tokens.refresh }),
    });
    expect(reuse.status).toBe(401);
  });
});
