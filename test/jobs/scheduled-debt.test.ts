import { beforeEach, describe, expect, it } from "vitest";
import { databaseErrorOf } from "../../src/db/errors.js";
import { applyScheduledDebtChange, type ScheduledDebtTask } from "../../src/debts/debt.js";
import { runTaskNow } from "../../src/debts/run-task.js";
import { nextRunAt, slotOf } from "../../src/debts/schedules.js";
import type { MailJobContext } from "../../src/mail/mail-task.js";
import type { Job } from "../../src/queue/queue.js";
import { UserError } from "../../src/user-error.js";
import { TASKS } from "../../src/worker.js";
import { testConfig } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { ledgerMismatches } from "../helpers/ledger.js";
import { insertNetwork } from "../helpers/worker.js";

const t = testApp({ app: false });
beforeEach(async () => {
  await t.sql("drop table if exists debt_before");
});

/** Keeps every company's debt, to compare with after a run, in SQL. */
const snapshot = () =>
  t.sql("create table debt_before as select id, level, supplier_id, debt from companies");

interface Changes {
  changed: number;
  factories_changed: number;
  min_change: string;
  max_change: string;
  distinct_changes: number;
  negative: number;
  sub_kopeck: number;
  total: string;
}

const changes = async () =>
  (
    await t.sql<Changes>(`
      select count(*) filter (where c.level > 0)::int as changed,
             count(*) filter (where c.level = 0 and c.debt <> b.debt)::int as factories_changed,
             min(c.debt - b.debt) filter (where c.level > 0)::text as min_change,
             max(c.debt - b.debt) filter (where c.level > 0)::text as max_change,
             count(distinct c.debt - b.debt) filter (where c.level > 0)::int as distinct_changes,
             count(*) filter (where c.debt < 0)::int as negative,
             count(*) filter (where c.debt <> round(c.debt, 2))::int as sub_kopeck,
             coalesce(sum(c.debt - b.debt), 0)::text as total
      from companies c join debt_before b using (id)`)
  )[0] as Changes;

/**
 * A rule the next accrual breaks for one company, the last (a check it will be just past, with every other
 * debt far enough under it), so that the run fails at that company's chunk; the caller drops the rule again.
 */
const breakAccrualForOneCompany = async () => {
  await t.sql(
    `update companies set debt = case when id = (select max(id) from companies where level = 1) then 999.99
       else least(debt, 400) end`,
  );
  await t.sql("alter table companies add constraint test_debt_cap check (debt < 1000)");
};

/** A job as pg-boss hands it to the handler; only the fields the scheduled handlers read matter. */
const scheduledJob = <N extends ScheduledDebtTask>(name: N, createdOn: Date) =>
  ({ id: "00000000-0000-4000-8000-000000000000", name, data: {}, createdOn }) as unknown as Job<N>;

const context = () => ({ config: testConfig(), database: t.testDb.database }) as MailJobContext;

describe("a scheduled run applies once per slot", () => {
  it("runs the accrual handler twice for the same slot (a retry after a crash): debt changes once", async () => {
    await insertNetwork(t.testDb, 200);
    await snapshot();
    // pg-boss creates the 03:00 job a few seconds late; the retry keeps that creation time.
    const job = scheduledJob("accrue-debt", new Date("2026-03-01T03:00:07Z"));
    const first = await TASKS["accrue-debt"].handle(job, context());
    const afterFirst = await changes();
    const second = await TASKS["accrue-debt"].handle(job, context());

    expect(first).toMatchObject({ slot: "2026-03-01T03:00:00.000Z", companies_touched: 198 });
    expect(second).toEqual({ slot: "2026-03-01T03:00:00.000Z", skipped: "this slot was already applied" });
    expect(await changes()).toEqual(afterFirst);
    const runs = await t.sql("select task, slot, companies_touched, total_change::text from task_runs");
    expect(runs).toEqual([
      {
        task: "accrue-debt",
        slot: new Date("2026-03-01T03:00:00Z"),
        companies_touched: 198,
        total_change: afterFirst.total,
      },
    ]);
    // The next slot is a new run.
    await TASKS["accrue-debt"].handle(
      scheduledJob("accrue-debt", new Date("2026-03-01T06:00:02Z")),
      context(),
    );
    expect(await t.sql("select count(*)::int as n from task_runs")).toEqual([{ n: 2 }]);
  });

  it("records a chunk's progress with its change: a failed chunk changes nothing, the retry finishes the run", async () => {
    await insertNetwork(t.testDb, 100);
    // The company that breaks the rule has the largest id, so it is in the run's last chunk.
    await breakAccrualForOneCompany();
    await snapshot();
    const slot = new Date("2026-03-01T09:00:00Z");
    const db = t.testDb.database.db;
    try {
      const failure = await applyScheduledDebtChange(db, "accrue-debt", slot, { chunkSize: 10 }).catch(
        (error: unknown) => error,
      );
      expect(databaseErrorOf(failure).message).toMatch(/test_debt_cap/);
      // 100 ids in chunks of 10: nine chunks committed (the first holds the factory); the tenth changed nothing.
      const [progress] = await t.sql<{ unfinished: boolean; touched: number; total: string; done: number }>(
        `select finished_at is null as unfinished, companies_touched::int as touched, total_change::text as total,
           done_through_id as done from task_runs`,
      );
      expect(progress).toMatchObject({ unfinished: true, touched: 89, done: 90 });
      expect(progress?.total).toBe((await changes()).total);
      expect(
        await t.sql(
          `select count(*) filter (where c.id <= $1 and c.debt <> b.debt)::int as changed,
             count(*) filter (where c.id > $1 and c.debt <> b.debt)::int as beyond
           from companies c join debt_before b using (id) where c.level > 0`,
          [progress?.done],
        ),
      ).toEqual([{ changed: 89, beyond: 0 }]);
      expect(await ledgerMismatches(t)).toEqual([]);
    } finally {
      await t.sql("alter table companies drop constraint test_debt_cap");
    }
    // Once the cause is fixed, the retry of that slot goes on from the last committed chunk.
    const finished = await applyScheduledDebtChange(db, "accrue-debt", slot, { chunkSize: 10 });
    expect(finished).toMatchObject({ companiesTouched: 99, totalChange: (await changes()).total });
    await expectEachAccruedOnce();
  });
});

/** Every company with a supplier accrued exactly once since the snapshot, by one run, as its ledger says. */
async function expectEachAccruedOnce() {
  const result = await changes();
  expect(Number(result.min_change)).toBeGreaterThanOrEqual(5);
  expect(Number(result.max_change)).toBeLessThanOrEqual(500);
  expect(
    await t.sql(`select count(*)::int as entries, count(distinct company_id)::int as companies,
      count(distinct cause_id)::int as causes from debt_ledger where kind = 'accrual'`),
  ).toEqual([{ entries: result.changed, companies: result.changed, causes: 1 }]);
  expect(await t.sql("select count(*)::int as unfinished from task_runs where finished_at is null")).toEqual([
    { unfinished: 0 },
  ]);
  expect(await ledgerMismatches(t)).toEqual([]);
}

describe("the debt ceiling", () => {
  it("an accrual stops at 9999999999999.99: that company stays there, everyone else accrues, the total is exact", async () => {
    await insertNetwork(t.testDb, 100);
    const ids = (
      await t.sql<{ id: number }>("select id from companies where level = 1 order by id limit 3")
    ).map((row) => row.id);
    const [atCeiling, justUnder] = ids as [number, number];
    await t.sql(
      `update companies set debt = case id when $1 then 9999999999999.99 when $2 then 9999999999999.00
         else 9999999999000.00 end where id = any($3::int[])`,
      [atCeiling, justUnder, ids],
    );
    await snapshot();
    const job = scheduledJob("accrue-debt", new Date("2026-03-01T12:00:03Z"));
    const result = await TASKS["accrue-debt"].handle(job, context());

    const debts = await t.sql<{ id: number; debt: string; change: string }>(
      `select c.id, c.debt::text as debt, (c.debt - b.debt)::text as change
       from companies c join debt_before b using (id) where c.id = any($1::int[]) order by c.id`,
      [ids],
    );
    expect(debts.map((row) => row.debt).slice(0, 2)).toEqual(["9999999999999.99", "9999999999999.99"]);
    expect(debts.map((row) => row.change).slice(0, 2)).toEqual(["0.00", "0.99"]);
    const far = debts[2] as { change: string };
    expect(Number(far.change)).toBeGreaterThanOrEqual(5);
    expect(Number(far.change)).toBeLessThanOrEqual(500);
    // Everyone else accrued as usual.
    const [others] = await t.sql<{ n: number; min: string; max: string }>(
      `select count(*)::int as n, min(c.debt - b.debt)::text as min, max(c.debt - b.debt)::text as max
       from companies c join debt_before b using (id) where c.level > 0 and not c.id = any($1::int[])`,
      [ids.slice(0, 2)],
    );
    expect(others?.n).toBe(97);
    expect(Number(others?.min)).toBeGreaterThanOrEqual(5);
    expect(Number(others?.max)).toBeLessThanOrEqual(500);

    const total = (await changes()).total;
    expect(result).toEqual({
      slot: "2026-03-01T12:00:00.000Z",
      companies_touched: 99,
      total_change: total,
      companies_at_ceiling: 2,
    });
    expect(
      await t.sql("select total_change::text as total, finished_at is not null as finished from task_runs"),
    ).toEqual([{ total, finished: true }]);
  });
});

describe("the amounts are right over 10,000 companies", () => {
  it("accrual: each company with a supplier gains its own 5.00..500.00, factories untouched", async () => {
    await insertNetwork(t.testDb, 10_000);
    await snapshot();
    const run = await applyScheduledDebtChange(
      t.testDb.database.db,
      "accrue-debt",
      new Date("2026-03-02T00:00:00Z"),
    );
    const result = await changes();
    expect(result.changed).toBe(9_900);
    expect(result.factories_changed).toBe(0);
    expect(Number(result.min_change)).toBeGreaterThanOrEqual(5);
    expect(Number(result.max_change)).toBeLessThanOrEqual(500);
    // 49,501 possible amounts for 9,900 companies: nearly all differ; a shared amount would show far fewer.
    expect(result.distinct_changes).toBeGreaterThan(8_500);
    expect(result.negative).toBe(0);
    expect(result.sub_kopeck).toBe(0);
    expect(run).toMatchObject({ companiesTouched: 9_900, totalChange: result.total });
    expect(
      await t.sql(
        "select count(*)::int as n from companies c join debt_before b using (id) where c.level > 0 and c.debt - b.debt <> round(c.debt - b.debt, 2)",
      ),
    ).toEqual([{ n: 0 }]);
  });

  it("repayment: each loses its own 100.00..10000.00, never below 0", async () => {
    await insertNetwork(t.testDb, 10_000);
    // Large debts for half of them, so the amounts themselves show, not only the floor at 0.
    await t.sql("update companies set debt = 20000 + id where level = 1 and id % 2 = 0");
    await snapshot();
    const run = await applyScheduledDebtChange(
      t.testDb.database.db,
      "repay-debt",
      new Date("2026-03-02T06:30:00Z"),
    );
    const result = await changes();
    expect(result.factories_changed).toBe(0);
    expect(result.negative).toBe(0);
    expect(result.sub_kopeck).toBe(0);
    const [large] = await t.sql<{ min: string; max: string; distinct: number }>(
      `select min(b.debt - c.debt)::text as min, max(b.debt - c.debt)::text as max,
              count(distinct b.debt - c.debt)::int as distinct
       from companies c join debt_before b using (id) where b.debt >= 10000`,
    );
    expect(Number(large?.min)).toBeGreaterThanOrEqual(100);
    expect(Number(large?.max)).toBeLessThanOrEqual(10_000);
    expect(large?.distinct).toBeGreaterThan(4_500);
    // Debts under 100 always end at exactly 0.
    expect(
      await t.sql(
        "select count(*)::int as n from companies c join debt_before b using (id) where b.debt < 100 and c.level > 0 and c.debt <> 0",
      ),
    ).toEqual([{ n: 0 }]);
    expect(run).toMatchObject({ companiesTouched: 9_900, totalChange: result.total });
    expect(Number(run?.totalChange)).toBeLessThan(0);
  });
});

describe("slots and run-task", () => {
  it("floors a job's creation time to its cron slot, in the schedule's time zone", () => {
    expect(slotOf("accrue-debt", new Date("2026-03-01T03:00:40Z"), "UTC")).toEqual(
      new Date("2026-03-01T03:00:00Z"),
    );
    expect(slotOf("accrue-debt", new Date("2026-03-01T05:59:59Z"), "UTC")).toEqual(
      new Date("2026-03-01T03:00:00Z"),
    );
    expect(slotOf("repay-debt", new Date("2026-03-01T06:31:00Z"), "UTC")).toEqual(
      new Date("2026-03-01T06:30:00Z"),
    );
    // 06:30 in Moscow (UTC+3) is 03:30 UTC.
    expect(slotOf("repay-debt", new Date("2026-03-01T03:30:20Z"), "Europe/Moscow")).toEqual(
      new Date("2026-03-01T03:30:00Z"),
    );
    expect(nextRunAt("repay-debt", "Europe/Moscow", new Date("2026-03-01T04:00:00Z"))).toEqual(
      new Date("2026-03-02T03:30:00Z"),
    );
  });

  /** A run-task that stops at the broken company: here the whole run is one chunk, so nothing changed. */
  async function failedRunTask() {
    await insertNetwork(t.testDb, 100);
    await breakAccrualForOneCompany();
    await snapshot();
    try {
      const failure = await runTaskNow(t.testDb.database, "accrue-debt", "UTC").catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(UserError);
      expect((failure as Error).message).toMatch(
        /^accrue-debt stopped: [^\n]*test_debt_cap[^\n]*\. The companies it had reached keep their change; run it again to finish the run\.$/,
      );
    } finally {
      await t.sql("alter table companies drop constraint test_debt_cap");
    }
    expect((await changes()).total).toBe("0.00");
    const runs = await t.sql<{ slot: Date; unfinished: boolean; touched: number }>(
      "select slot, finished_at is null as unfinished, companies_touched::int as touched from task_runs",
    );
    expect(runs).toMatchObject([{ unfinished: true, touched: 0 }]);
    return (runs[0] as { slot: Date }).slot;
  }

  it("run-task says in one line when a run stops, and run again finishes that run", async () => {
    const slot = await failedRunTask();
    // run-task takes an unfinished run quiet for under a minute for a live one (see the test below).
    const done = await runTaskNow(t.testDb.database, "accrue-debt", "UTC");
    expect(done).toBe(
      `accrue-debt: 99 companies changed by ${(await changes()).total} in total (slot ${slot.toISOString()}).`,
    );
    await expectEachAccruedOnce();
  });

  it("run-task run again at once after a failure finishes the run", async () => {
    await failedRunTask();
    await expect(runTaskNow(t.testDb.database, "accrue-debt", "UTC")).resolves.toMatch(/^accrue-debt: 99/);
  });

  it("run-task applies a run now, in a slot of its own, and says what it did", async () => {
    await insertNetwork(t.testDb, 100);
    expect(await runTaskNow(t.testDb.database, "accrue-debt", "UTC")).toMatch(
      /^accrue-debt: 99 companies changed by \d+\.\d\d in total/,
    );
    expect(await runTaskNow(t.testDb.database, "repay-debt", "UTC")).toMatch(
      /^repay-debt: 99 companies changed by -\d+\.\d\d/,
    );
    await expect(runTaskNow(t.testDb.database, "clear-everything", "UTC")).rejects.toThrow(
      /Unknown task "clear-everything"/,
    );
    expect(await t.sql("select task from task_runs order by id")).toEqual([
      { task: "accrue-debt" },
      { task: "repay-debt" },
    ]);
  });
});
