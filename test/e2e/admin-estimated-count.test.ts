import type { Browser, Page } from "playwright-core";
import { beforeAll, it } from "vitest";
import { createChain } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
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
  startApp,
} from "./harness.js";

/** One more than the API counts exactly when nothing filters the list. */
const PRODUCTS = 100_050;

describeInBrowser("an estimated count in the admin, in Chromium", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let page: Page | undefined;

  /** The pagination's "1-25 of …", or null while the list is not on screen. */
  const range = () =>
    (page as Page)
      .locator(".MuiTablePagination-displayedRows")
      .first()
      .textContent({ timeout: 2_000 })
      .catch(() => null);
  /**
   * The products list's range under `filter`, going to the list again whenever the admin is elsewhere (it may
   * still be settling on its dashboard after the login).
   */
  const productsRange =
    (filter: Record<string, string> = {}) =>
    async () => {
      const url = `${server.url}/admin/#/products?filter=${encodeURIComponent(JSON.stringify(filter))}&page=1&perPage=25`;
      const shown = decodeURIComponent((page as Page).url());
      if (!shown.includes("#/products") || !shown.includes(filter.q ?? "")) await (page as Page).goto(url);
      return range();
    };

  beforeAll(async () => {
    await ensureAdminBuilt();
    const chain = await createChain(t.testDb, "Alpha");
    await createUsers(t.testDb, chain[2]?.id as number);
    await t.sql(
      `insert into products (name, model)
       select 'Lamp ' || substr(md5(g::text), 1, 6), 'L-' || g from generate_series(1, $1::int) g`,
      [PRODUCTS],
    );
    // The estimate is the planner's: it knows the table's rows once ANALYZE has counted them (PGlite has no
    // autovacuum to do it).
    await t.sql("analyze products");
    server = await startApp(t.testDb);
    browser = await launchBrowser();
  });
  closeAfterTests(() => ({ page, browser, server }));

  it("shows the unfiltered list's total as approximate in English, and a search's as exact", async () => {
    ({ page } = await newPage(browser));
    await logIn(page, server.url, STAFF);
    await eventually(productsRange()).toMatch(/^1-25 of ≈ 100,0\d\d$/);
    await eventually(productsRange({ q: "L-100049" })).toBe("1-1 of 1");
  });

  it("and in Russian, grouped as Russian writes numbers", async () => {
    await page?.context().close();
    await t.sql("update users set language = 'ru' where email = $1", [STAFF.email]);
    ({ page } = await newPage(browser, DESKTOP, "ru-RU"));
    await logIn(page, server.url, STAFF);
    // Intl groups Russian thousands with a no-break space.
    await eventually(productsRange()).toMatch(/^1–25 из ≈ 100\u00a00\d\d$/);
    await eventually(productsRange({ q: "L-100049" })).toBe("1–1 из 1");
  });
});
