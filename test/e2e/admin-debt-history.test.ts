import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { applyScheduledDebtChange } from "../../src/debts/debt.js";
import { createChain, PASSWORD_ONE_HASH, type TestCompany } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
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

/** A staff user whose saved language is Russian, which the admin follows after login. */
const RUSSIAN_STAFF = { email: "olga.staff@supplynet.test", password: "1" };

/** The admin's words that each step reads. */
const WORDS = {
  en: {
    user: STAFF,
    history: "Debt history",
    chart: "Debt over time",
    kind: "Kind",
    accrual: "Accrual",
    opening: "Opening balance",
    totals: "Total debt over time",
    recent: "Recent actions",
    changed: "Changed",
    save: "Save",
    saved: "Element updated",
  },
  ru: {
    user: RUSSIAN_STAFF,
    history: "История долга",
    chart: "Долг по дням",
    kind: "Вид",
    accrual: "Начисление",
    opening: "Начальный долг",
    totals: "Общий долг по дням",
    recent: "Последние действия",
    changed: "Изменение",
    save: "Сохранить",
    saved: "Изменения сохранены",
  },
} as const;

/** Scheduled accruals before the admin opens, each on the day after the one before. */
const RUNS = 3;

/** Only the digits of a sum, as a check that an amount shown in any language is the stored one. */
const digits = (text: string | null) => (text ?? "").replace(/\D/g, "");

describeInBrowser("a company's debt history and the debt charts in Chromium", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let page: Page | undefined;
  let chain: TestCompany[];

  const company = (level: number) => (chain[level] as TestCompany).id;
  const debtOf = async (id: number) =>
    (await t.sql<{ debt: string }>("select debt::text as debt from companies where id = $1", [id]))[0]?.debt;
  /** The days (in APP_TIMEZONE, UTC in the tests) on which the company's debt changed. */
  const daysChanged = async (id: number) =>
    (
      await t.sql<{ days: number }>(
        "select count(distinct (at at time zone 'UTC')::date)::int as days from debt_ledger where company_id = $1",
        [id],
      )
    )[0]?.days;
  /** The days the dashboard charts: those stored before today, and today as it is now. */
  const daysOfTotals = async () =>
    (
      await t.sql<{ days: number }>(
        `select count(*)::int + 1 as days from debt_daily_totals
         where day > current_date - 90 and day < current_date`,
      )
    )[0]?.days;

  /**
   * A day passes: everything the ledger and the daily totals hold so far moves one day back, so that the next
   * run lands on a day of its own, as the scheduled runs of several days would.
   */
  const dayPasses = async () => {
    await t.sql("update debt_ledger set at = at - interval '1 day'");
    await t.sql(
      `with moved as (delete from debt_daily_totals returning day, total_debt, recorded_at)
       insert into debt_daily_totals (day, total_debt, recorded_at)
       select day - 1, total_debt, recorded_at - interval '1 day' from moved`,
    );
  };

  beforeAll(async () => {
    await ensureAdminBuilt();
    chain = await createChain(t.testDb, "Alpha", "Moscow");
    await createUsers(t.testDb, company(2));
    await t.sql(
      `insert into users (email, password_hash, first_name, last_name, role, company_id, language)
       values ($1, $2, 'Ольга', 'Смирнова', 'staff', null, 'ru')`,
      [RUSSIAN_STAFF.email, PASSWORD_ONE_HASH],
    );
    for (let run = 0; run < RUNS; run++) {
      await dayPasses();
      const slot = new Date(Date.UTC(2026, 0, 1 + run));
      await applyScheduledDebtChange(t.testDb.database.db, "accrue-debt", slot);
    }
    server = await startApp(t.testDb);
    browser = await launchBrowser();
  });

  closeAfterTests(() => ({ page, browser, server }));

  for (const language of ["en", "ru"] as const) {
    const words = WORDS[language];

    describe(`in ${language === "en" ? "English" : "Russian"}`, () => {
      let tab: Page;
      /** What admin/src/i18n logs for a key that the language lacks. */
      const missing: string[] = [];
      const hash = (route: string) => tab.goto(`${server.url}/admin/#${route}`);
      const history = () => tab.getByRole("region", { name: words.history });
      const rows = () => history().locator("tbody tr");

      beforeAll(async () => {
        ({ page: tab } = await newPage(browser));
        page = tab;
        tab.on("console", (message) => {
          if (message.text().includes("supplynet: missing translation")) missing.push(message.text());
        });
        await logIn(tab, server.url, words.user);
        await tab.getByTestId("total-debt").waitFor();
      });

      it("shows a company's history with its debt on top, under a chart with a point per day", async () => {
        const entrepreneur = company(4);
        await hash(`/companies/${entrepreneur}`);
        // The opening debt and one entry per run, newest first.
        await eventually(() => rows().count()).toBe(RUNS + 1);
        const debt = await debtOf(entrepreneur);
        expect(digits(await rows().first().locator("td.column-balance").textContent())).toBe(
          digits(debt ?? ""),
        );
        expect(await rows().locator("td.column-kind").allTextContents()).toEqual([
          ...Array<string>(RUNS).fill(words.accrual),
          words.opening,
        ]);
        // An accrual adds to the debt: its change is signed.
        expect(await rows().first().locator("td.column-amount").textContent()).toMatch(/^\+/);
        expect(digits(await rows().last().locator("td.column-balance").textContent())).toBe("10050");

        const chart = history().getByRole("img");
        const label = await chart.getAttribute("aria-label");
        expect(label?.startsWith(words.chart)).toBe(true);
        const days = await daysChanged(entrepreneur);
        expect(days).toBe(RUNS + 1);
        expect(await chart.locator("circle").count()).toBe(days);
        await screenshot(tab, `debt-history-${language}`);

        // One kind: the opening alone.
        await history().getByRole("combobox", { name: words.kind }).click();
        await tab.getByRole("option", { name: words.opening, exact: true }).click();
        await eventually(() => rows().locator("td.column-kind").allTextContents()).toEqual([words.opening]);

        // From today on: the last run alone, in the table and in the chart.
        await hash(`/companies/${company(3)}`);
        await eventually(() => rows().count()).toBe(RUNS + 1);
        const today = new Date().toISOString().slice(0, 10);
        await history().locator('input[name="date_from"]').fill(today);
        await eventually(() => rows().count()).toBe(1);
        expect(await rows().locator("td.column-kind").textContent()).toBe(words.accrual);
        await eventually(() => history().getByRole("img").locator("circle").count()).toBe(1);
        expect(missing, "missing translation keys").toEqual([]);
      });

      it("shows the network's total debt day by day, and the recent actions after a staff edit", async () => {
        const dealership = company(2);
        const name = `Alpha L2 ${language}`;
        await hash(`/companies/${dealership}`);
        await eventually(() => tab.locator('input[name="name"]').inputValue()).not.toBe("");
        await tab.fill('input[name="name"]', name);
        await tab.getByRole("button", { name: words.save }).click();
        await tab.getByText(words.saved).waitFor();

        await hash("/");
        const totals = tab.getByRole("img", { name: new RegExp(`^${words.totals}`) });
        await totals.waitFor();
        expect(await daysOfTotals()).toBe(RUNS);
        expect(await totals.locator("circle").count()).toBe(RUNS);
        // Today's point is the total beside the chart.
        const total = await tab.getByTestId("total-debt").textContent();
        const lastPoint = await totals.locator("circle").last().locator("title").textContent();
        expect(lastPoint?.endsWith(`: ${total}`), `${lastPoint} ends with ${total}`).toBe(true);

        const recent = tab.getByRole("table", { name: words.recent });
        const latest = recent.locator("tr").first();
        await eventually(() => latest.textContent()).toContain(words.changed);
        expect(await latest.textContent()).toContain(words.user.email);
        await screenshot(tab, `dashboard-debt-${language}`);
        await latest.getByRole("link", { name }).click();
        await eventually(() => tab.locator('input[name="name"]').inputValue()).toBe(name);
        expect(tab.url()).toContain(`#/companies/${dealership}`);
        expect(missing, "missing translation keys").toEqual([]);
      });
    });
  }
});
