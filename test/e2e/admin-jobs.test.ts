import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { applyScheduledDebtChange } from "../../src/debts/debt.js";
import { createChain, PASSWORD_ONE_HASH } from "../helpers/app.js";
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

type Language = "en" | "ru";

/** The admin's words that each step reads. */
const WORDS = {
  en: {
    user: STAFF,
    menu: "Jobs",
    queues: "Queues",
    schedules: "Schedules",
    accrual: "Debt accrual",
    repayment: "Debt repayment",
    maintenance: "Maintenance",
    never: "never",
    state: "State",
    queue: "Queue",
    failed: "failed",
    queued: "queued",
    cancelledState: "cancelled",
    retry: "Retry",
    cancel: "Cancel",
    runNow: "Run now",
    runQueued: "Debt accrual queued: job",
    retried: "is queued again",
    cancelled: "is cancelled",
  },
  ru: {
    user: RUSSIAN_STAFF,
    menu: "Фоновые задачи",
    queues: "Очереди",
    schedules: "Расписание",
    accrual: "Начисление долга",
    repayment: "Погашение долга",
    maintenance: "Обслуживание",
    never: "не запускалась",
    state: "Состояние",
    queue: "Очередь",
    failed: "с ошибкой",
    queued: "в очереди",
    cancelledState: "отменена",
    retry: "Повторить",
    cancel: "Отменить",
    runNow: "Запустить сейчас",
    runQueued: "«Начисление долга» в очереди: задача",
    retried: "снова в очереди",
    cancelled: "отменена",
  },
} as const;

/** Why the failed job failed, as pg-boss keeps a thrown error; long, so that the list's column cuts it. */
const FAILURE =
  "could not obtain lock on relation debt_ledger_2026_01: the nightly maintenance gave up after waiting 30 seconds for it";

/** Only the digits of a sum, as a check that an amount shown in any language is the stored one. */
const digits = (text: string | null) => (text ?? "").replace(/\D/g, "");

describeInBrowser("the jobs page in the admin", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let page: Page | undefined;

  /** A maintenance job each, written as pg-boss leaves them: one failed, one waiting for tomorrow. */
  let failedId: string;
  let queuedId: string;

  const bossState = async (id: string) =>
    (
      await t.sql<{ state: string }>(
        `select state::text as state from pgboss.job where id = $1
         union all select state::text from pgboss.archive where id = $1`,
        [id],
      )
    )[0]?.state;

  const auditOf = (action: string, objectId: string) =>
    t.sql<{ actor_label: string; source: string; object_type: string }>(
      "select actor_label, source, object_type from audit_log where action = $1 and object_id = $2",
      [action, objectId],
    );

  beforeAll(async () => {
    await ensureAdminBuilt();
    const chain = await createChain(t.testDb, "Acme", "Moscow");
    await createUsers(t.testDb, chain[2]?.id as number);
    await t.sql(
      `insert into users (email, password_hash, first_name, last_name, role, company_id, language)
       values ($1, $2, 'Ольга', 'Смирнова', 'staff', null, 'ru')`,
      [RUSSIAN_STAFF.email, PASSWORD_ONE_HASH],
    );
    // Yesterday's accrual, so that the schedule has a last run with companies and a total to show.
    await applyScheduledDebtChange(t.testDb.database.db, "accrue-debt", new Date(Date.now() - 86_400_000));
    server = await startApp(t.testDb);
    // After the worker has created the queues (each is a partition of pgboss.job).
    [failedId, queuedId] = (
      await t.sql<{ id: string }>(
        `insert into pgboss.job (name, data, state, retry_limit, retry_count, created_on, started_on, completed_on,
                                 start_after, output)
         values ('maintenance', '{}', 'failed', 1, 1, now() - interval '10 minutes', now() - interval '9 minutes',
                 now() - interval '8 minutes', now() - interval '10 minutes', $1::jsonb),
                ('maintenance', '{}', 'created', 1, 0, now() - interval '1 minute', null, null,
                 now() + interval '1 day', null)
         returning id`,
        [JSON.stringify({ name: "Error", message: FAILURE })],
      )
    ).map((row) => row.id) as [string, string];
    browser = await launchBrowser();
  });

  closeAfterTests(() => ({ page, browser, server }));

  /** Each language's tab, logged in as a staff user who reads it, and the locators of the page's parts. */
  const tabs = {} as Record<Language, Page>;
  /** What admin/src/i18n logs for a key that a language lacks. */
  const missing: string[] = [];

  function ui(language: Language) {
    const tab = tabs[language];
    const words = WORDS[language];
    const schedules = () => tab.getByTestId("job-schedules");
    const jobRows = () => tab.locator(".RaDatagrid-tbody > tr.RaDatagrid-row");
    return {
      tab,
      words,
      queues: () => tab.getByTestId("job-queues"),
      schedule: (name: string) => schedules().locator(`tr[data-schedule="${name}"]`),
      jobRows,
      jobRow: (id: string) => jobRows().filter({ has: tab.locator(`[data-job-id="${id}"]`) }),
      chooseState: async (name: string) => {
        await tab.getByRole("combobox", { name: words.state }).click();
        await tab.getByRole("option", { name, exact: true }).click();
      },
      notification: () => tab.locator(".MuiSnackbar-root"),
    };
  }

  beforeAll(async () => {
    for (const language of ["en", "ru"] as const) {
      const { page: tab } = await newPage(browser);
      tab.on("console", (message) => {
        if (message.text().includes("supplynet: missing translation")) missing.push(message.text());
      });
      await logIn(tab, server.url, WORDS[language].user);
      await tab.getByTestId("total-debt").waitFor();
      tabs[language] = tab;
    }
  });

  for (const language of ["en", "ru"] as const) {
    it(`lists the queues with their counts, the schedules with their runs, and the recent jobs (${language})`, async () => {
      const { tab, words, queues, schedule, jobRow } = ui(language);
      page = tab;
      await tab.getByRole("menuitem", { name: words.menu }).click();
      await eventually(() => tab.url()).toMatch(/#\/jobs(\?|$)/);

      // The two maintenance jobs written above: one failed, one queued (waiting for its start).
      const maintenance = queues().locator("tr", { hasText: "maintenance" });
      await eventually(async () => (await maintenance.locator("td").allTextContents()).slice(0, 4)).toEqual([
        "maintenance",
        "1",
        "0",
        "1",
      ]);
      await expect(queues().textContent()).resolves.toContain("accrue-debt");

      // Every schedule, by its name in words, with its cron; the accrual's last run as the database has it.
      const accrual = schedule("accrue-debt");
      await eventually(() => accrual.textContent()).toContain(words.accrual);
      expect(await accrual.textContent()).toContain("0 */3 * * *");
      const [run] = await t.sql<{ companies: string; total: string }>(
        `select companies_touched::text as companies, total_change::text as total from task_runs
         where task = 'accrue-debt' order by started_at desc limit 1`,
      );
      expect(Number(run?.companies)).toBeGreaterThan(0);
      const cells = await accrual.locator("td").allTextContents();
      expect(cells[3]).toBe(run?.companies);
      expect(digits(cells[4] ?? "")).toBe(digits(run?.total ?? "x"));
      expect(cells[4]).toContain("₽");
      await expect(schedule("repay-debt").textContent()).resolves.toContain(words.repayment);
      await expect(schedule("repay-debt").textContent()).resolves.toContain(words.never);
      // The maintenance schedule's last failure is the failed job's, with its error.
      await expect(schedule("maintenance").textContent()).resolves.toContain(words.maintenance);
      await expect(schedule("maintenance").textContent()).resolves.toContain(FAILURE);

      // The list shows both jobs, the failed one with its error and a Retry, the queued one with a Cancel.
      await eventually(() => jobRow(failedId).count()).toBe(1);
      const failed = jobRow(failedId);
      expect(await failed.textContent()).toContain(words.failed);
      expect(await failed.textContent()).toContain(FAILURE);
      expect(await failed.getByRole("button", { name: words.retry }).count()).toBe(1);
      expect(await failed.getByRole("button", { name: words.cancel }).count()).toBe(0);
      const queued = jobRow(queuedId);
      expect(await queued.textContent()).toContain(words.queued);
      expect(await queued.getByRole("button", { name: words.cancel }).count()).toBe(1);
      expect(await queued.getByRole("button", { name: words.retry }).count()).toBe(0);
      await screenshot(tab, `jobs-${language}`);
    });
  }

  it("filters by state and queue, shows a failed job's error whole, and retries it (en)", async () => {
    const { tab, words, jobRows, jobRow, chooseState, notification } = ui("en");
    page = tab;
    await chooseState(words.failed);
    await eventually(() => tab.url()).toContain("failed");
    await eventually(async () =>
      (await jobRows().allTextContents()).every((row) => row.includes(words.failed)),
    ).toBe(true);
    await tab.getByRole("combobox", { name: words.queue }).click();
    await tab.getByRole("option", { name: "maintenance", exact: true }).click();
    await eventually(() => jobRows().count()).toBe(1);
    await expect(jobRow(failedId).count()).resolves.toBe(1);

    // Expanding the row shows the job's whole id and its error as it is.
    // react-admin hides the expand icon from the accessibility tree (aria-hidden): it is found by its cell.
    await jobRow(failedId).locator(".RaDatagrid-expandIconCell").click();
    const details = tab.getByTestId("job-details");
    await eventually(() => details.textContent()).toContain(failedId);
    expect(await details.locator("pre").first().textContent()).toBe(FAILURE);

    await jobRow(failedId).getByRole("button", { name: words.retry }).click();
    await eventually(() => notification().textContent()).toContain(
      `Job ${failedId} (maintenance) ${words.retried}`,
    );
    await eventually(() => bossState(failedId)).toMatch(/^(retry|active|completed)$/);
    const [audit] = await auditOf("retry_job", failedId);
    expect(audit).toMatchObject({ actor_label: STAFF.email, source: "api", object_type: "job" });
    // Refreshed: no longer failed, the job leaves the list narrowed to failed jobs.
    await eventually(() => jobRow(failedId).count()).toBe(0);
    await screenshot(tab, "jobs-retried-en");
  });

  it("runs a schedule now: a job is queued, and the audit log records run_task from the API (en)", async () => {
    const { tab, words, schedule, jobRows, jobRow, notification } = ui("en");
    page = tab;
    // The whole list again: react-admin would bring back the filters last chosen.
    await tab.goto(`${server.url}/admin/#/jobs?${new URLSearchParams({ filter: "{}" })}`);
    await schedule("accrue-debt").getByRole("button", { name: words.runNow }).click();
    const dialog = tab.getByRole("dialog");
    await eventually(() => dialog.textContent()).toContain(words.accrual);
    await dialog.getByRole("button", { name: words.runNow }).click();

    await eventually(() => notification().textContent()).toContain(words.runQueued);
    const jobId = /[0-9a-f]{8}-[0-9a-f-]{27}/.exec((await notification().textContent()) ?? "")?.[0] as string;
    expect(jobId).toBeDefined();
    const [job] = await t.sql<{ name: string }>(
      "select name from pgboss.job where id = $1 union all select name from pgboss.archive where id = $1",
      [jobId],
    );
    expect(job?.name).toBe("accrue-debt");
    await eventually(async () => (await auditOf("run_task", "accrue-debt")).length).toBe(1);
    const [audit] = await auditOf("run_task", "accrue-debt");
    expect(audit).toMatchObject({ actor_label: STAFF.email, source: "api", object_type: "task" });
    // Refreshed: the job heads the list, newest first.
    await eventually(() => jobRow(jobId).count()).toBe(1);
    await expect(jobRows().first().locator(`[data-job-id="${jobId}"]`).count()).resolves.toBe(1);
    await screenshot(tab, "jobs-run-now-en");
  });

  it("cancels a queued job, which then shows as cancelled with a Retry (ru)", async () => {
    const { tab, words, jobRows, jobRow, chooseState, notification } = ui("ru");
    page = tab;
    await chooseState(words.queued);
    await eventually(async () => {
      const rows = await jobRows().allTextContents();
      return rows.length > 0 && rows.every((row) => row.includes(words.queued));
    }).toBe(true);
    await expect(jobRow(queuedId).count()).resolves.toBe(1);
    await jobRow(queuedId).getByRole("button", { name: words.cancel }).click();
    await eventually(() => notification().textContent()).toContain(
      `Задача ${queuedId} (maintenance) ${words.cancelled}`,
    );
    await eventually(() => bossState(queuedId)).toBe("cancelled");
    const [audit] = await auditOf("cancel_job", queuedId);
    expect(audit).toMatchObject({ actor_label: RUSSIAN_STAFF.email, source: "api", object_type: "job" });
    await eventually(() => jobRow(queuedId).count()).toBe(0);

    // A state of its own, not a failure: the list narrowed to it shows the job, which can be queued again.
    await chooseState(words.cancelledState);
    await eventually(() => jobRow(queuedId).count()).toBe(1);
    const cancelled = jobRow(queuedId);
    expect(await cancelled.textContent()).toContain(words.cancelledState);
    expect(await cancelled.textContent()).not.toContain(words.failed);
    expect(await cancelled.getByRole("button", { name: words.retry }).count()).toBe(1);
    expect(await cancelled.getByRole("button", { name: words.cancel }).count()).toBe(0);
    await screenshot(tab, "jobs-cancelled-ru");
  });

  it("has every word it showed in both languages", () => {
    expect(missing).toEqual([]);
  });
});
