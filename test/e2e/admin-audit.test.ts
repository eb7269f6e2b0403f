import type { Browser, BrowserContext, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createChain, type TestCompany } from "../helpers/app.js";
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

/** The admin's words that each step reads, and the city each language's edit moves the company to. */
const WORDS = {
  en: {
    locale: "en-US",
    city: "City",
    save: "Save",
    history: "History",
    menu: "Audit log",
    action: "Action",
    objectType: "Object type",
    company: "Company",
    changed: "Changed",
    taskRun: "Task run",
    api: "API",
    cli: "Command line",
    from: "Moscow",
    to: "Tver",
  },
  ru: {
    locale: "ru-RU",
    city: "Город",
    save: "Сохранить",
    history: "История",
    menu: "Журнал действий",
    action: "Действие",
    objectType: "Тип объекта",
    company: "Компания",
    changed: "Изменение",
    taskRun: "Запуск задачи",
    api: "API",
    cli: "Командная строка",
    from: "Tver",
    to: "Тверь",
  },
} as const;

describeInBrowser("the audit log in the admin", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  let companyId: number;

  const rows = () => page.locator("tbody tr");
  const texts = () => rows().allTextContents();

  beforeAll(async () => {
    await ensureAdminBuilt();
    const chain = await createChain(t.testDb, "Acme");
    companyId = (chain[2] as TestCompany).id;
    await createUsers(t.testDb, companyId);
    // What `supplynet run-task` leaves from a shell: the operating-system user, no IP, the command line.
    await t.sql(
      `insert into audit_log (actor_label, source, object_type, object_id, action, details)
       values ('operator', 'cli', 'task', 'accrue-debt', 'run_task', '{"companies": 4}')`,
    );
    server = await startApp(t.testDb);
    browser = await launchBrowser();
  });

  closeAfterTests(() => ({ page, browser, server }));

  for (const language of ["en", "ru"] as const) {
    const words = WORDS[language];

    it(`shows a company's edit in its History, before → after (${language})`, async () => {
      await t.sql("update users set language = $1 where email = $2", [language, STAFF.email]);
      await context?.close();
      ({ context, page } = await newPage(browser, undefined, words.locale));
      await logIn(page, server.url, STAFF);
      await page.getByTestId("total-debt").waitFor();

      await page.goto(`${server.url}/admin/#/companies/${companyId}`);
      const city = page.locator('input[name="city"]');
      await eventually(() => city.inputValue()).toBe(words.from);
      await city.fill(words.to);
      await page.getByRole("button", { name: words.save }).click();
      await eventually(
        async () =>
          (await t.sql<{ city: string }>("select city from companies where id = $1", [companyId]))[0]?.city,
      ).toBe(words.to);

      await page.getByRole("link", { name: words.history, exact: true }).click();
      await eventually(() => page.url()).toContain("/audit_log?");
      // Narrowed to this company: its filters show, and the newest entry is the edit just made.
      await expect(page.getByRole("combobox", { name: words.objectType }).textContent()).resolves.toBe(
        words.company,
      );
      await eventually(async () => (await texts())[0]).toContain(
        `${words.city}: ${words.from} → ${words.to}`,
      );
      const newest = rows().first();
      const text = await newest.textContent();
      for (const wanted of [STAFF.email, words.api, words.changed, `${words.company} Acme L2`]) {
        expect(text).toContain(wanted);
      }
      expect(text).not.toContain(words.cli);
      // The object links to its page while it exists.
      await expect(newest.getByRole("link", { name: "Acme L2" }).getAttribute("href")).resolves.toBe(
        `#/companies/${companyId}`,
      );
      expect(await texts()).toHaveLength(language === "en" ? 1 : 2);
      await screenshot(page, `audit-history-${language}`);
    });

    it(`filters the audit log by action (${language})`, async () => {
      await page.getByRole("menuitem", { name: words.menu }).click();
      await eventually(() => page.url()).toMatch(/#\/audit_log(\?|$)/);
      // Both sources are there before filtering: the staff user's edits and the command line's run.
      await eventually(async () => (await texts()).join("\n")).toContain(words.cli);
      expect((await texts()).join("\n")).toContain(words.changed);

      const chooseAction = async (name: string) => {
        await page.getByRole("combobox", { name: words.action }).click();
        await page.getByRole("option", { name, exact: true }).click();
      };
      await chooseAction(words.taskRun);
      await eventually(texts).toHaveLength(1);
      const run = (await texts())[0];
      for (const wanted of [words.taskRun, words.cli, "operator", "#accrue-debt"])
        expect(run).toContain(wanted);

      await chooseAction(words.changed);
      await eventually(async () => (await texts()).every((row) => row.includes(words.changed))).toBe(true);
      expect(await texts()).toHaveLength(language === "en" ? 1 : 2);
      await screenshot(page, `audit-log-by-action-${language}`);
    });
  }
});
