import pg from "pg";
import { describe, expect, it } from "vitest";
import { type CliDatabase, isReadableFailure, runCli, sqlOn } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { ledgerMismatches } from "../helpers/ledger.js";

/** A child starts the whole CLI: a few seconds each, far more on a busy machine. */
const CHILD_TIMEOUT = 240_000;

const t = testApp({ app: false, cli: true, truncate: false });

const debts = (cli: CliDatabase) =>
  sqlOn<{ debt: string }>(cli, "select debt::text as debt from companies order by id").then((rows) =>
    rows.map((row) => row.debt),
  );

describe("supplynet run-task, as a child process", () => {
  it(
    "accrues with one company at the debt ceiling, reports a stopped run in one line, and finishes it when run again",
    async () => {
      const { cli } = t;
      await sqlOn(
        cli,
        `insert into companies (name, email, country, city, street, house_number, level) values
           ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0);
         insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
         select 'Distributor ' || n, 'd' || n || '@example.com', 'Russia', 'Kazan', 'Baumana', n::text, 1,
                (select id from companies where level = 0),
                case n when 1 then 9999999999999.99 else 100 end
         from generate_series(1, 3) n`,
      );

      const accrued = await runCli(["run-task", "accrue-debt"], cli.env);
      expect(accrued.stderr).toBe("");
      expect(accrued.code).toBe(0);
      expect(accrued.stdout.trim()).toMatch(
        /^accrue-debt: 3 companies changed by \d+\.\d\d in total \(slot [^)]+\)\. 1 at the ceiling of 9999999999999\.99, where accrual stops\.$/,
      );
      const [, ...after] = await debts(cli);
      expect(after[0]).toBe("9999999999999.99");
      for (const debt of after.slice(1)) expect(Number(debt)).toBeGreaterThanOrEqual(105);

      // A rule the next accrual breaks, for a reason that is not a company's value: the run stops at it.
      await sqlOn(
        cli,
        "alter table companies add constraint test_debt_cap check (debt < 1000 or debt > 1e12)",
      );
      await sqlOn(cli, "update companies set debt = 999.99 where name = 'Distributor 2'");
      const before = await debts(cli);
      const failed = await runCli(["run-task", "accrue-debt"], cli.env);
      expect(failed.stderr).toMatch(
        /^Error: accrue-debt stopped: [^\n]*test_debt_cap[^\n]*\. The companies it had reached keep their change; run it again to finish the run\./,
      );
      expect(isReadableFailure(failed), failed.stderr).toBe(true);
      // Its one chunk failed, so nothing changed; the run stays unfinished, for the next run-task to finish.
      expect(await debts(cli)).toEqual(before);
      const unfinished = () =>
        sqlOn<{ slot: Date }>(cli, "select slot from task_runs where finished_at is null").then((rows) =>
          rows.map((row) => new Date(row.slot).toISOString()),
        );
      const [slot] = await unfinished();
      expect(slot).toBeDefined();
      expect(await sqlOn(cli, "select count(*)::int as n from task_runs")).toEqual([{ n: 2 }]);

      // The cause fixed, run-task run again at once finishes the run that stopped.
      await sqlOn(cli, "alter table companies drop constraint test_debt_cap");
      const resumed = await runCli(["run-task", "accrue-debt"], cli.env);
      expect(resumed.stderr).toBe("");
      expect(resumed.stdout).toContain(`3 companies changed by`);
      expect(resumed.stdout).toContain(`(slot ${slot})`);
      expect(await unfinished()).toEqual([]);
      const [, ...finished] = await debts(cli);
      const [, ...owed] = before;
      expect(finished[0]).toBe("9999999999999.99");
      for (const index of [1, 2]) {
        const change = Number(finished[index]) - Number(owed[index]);
        expect(change).toBeGreaterThanOrEqual(5);
        expect(change).toBeLessThanOrEqual(500);
      }
      const database = await cli.open();
      try {
        expect(await ledgerMismatches(database)).toEqual([]);
        // One entry for each of the two below the ceiling, under that run's cause.
        const entries = await database.executeSql(
          `select count(*)::int as entries, count(distinct company_id)::int as companies
           from debt_ledger l join task_runs r on r.cause_id = l.cause_id where r.slot = $1`,
          [slot],
        );
        expect(entries.rows).toEqual([{ entries: 2, companies: 2 }]);
      } finally {
        await database.close();
      }
    },
    CHILD_TIMEOUT,
  );

  // Two processes at once need a database that two processes can open.
  it.runIf(testDriver === "pg")(
    "refuses a second run of a task while one is under way, so a charge is never doubled",
    async () => {
      const { cli } = t;
      await sqlOn(cli, "alter table companies drop constraint if exists test_debt_cap; truncate task_runs");
      // The first run's first chunk waits behind this row lock; the second starts while it does.
      const blocker = new pg.Client({ connectionString: cli.env.DATABASE_URL });
      await blocker.connect();
      await blocker.query("begin");
      await blocker.query(
        "select id from companies where supplier_id is not null order by id limit 1 for update",
      );
      try {
        let firstResult: unknown;
        const first = runCli(["run-task", "accrue-debt"], cli.env).then((result) => {
          firstResult = result;
          return result;
        });
        const deadline = Date.now() + 60_000;
        for (;;) {
          if (firstResult) expect.fail(`the first run ended without waiting: ${JSON.stringify(firstResult)}`);
          // Asked outside the blocker's transaction, whose view of pg_stat_activity is frozen at its first look.
          const [waiting] = await sqlOn<{ n: number }>(
            cli,
            "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
          );
          if (waiting?.n) break;
          if (Date.now() > deadline) expect.fail("the first run never waited for the lock");
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const second = await runCli(["run-task", "accrue-debt"], cli.env);
        expect(second.stderr).toMatch(/^Error: accrue-debt is already running .*nothing was changed/);
        expect(isReadableFailure(second), second.stderr).toBe(true);
        await blocker.query("rollback");
        expect((await first).code).toBe(0);
      } finally {
        await blocker.end();
      }
      const runs = await sqlOn<{ n: number; has_duration: boolean }>(
        cli,
        "select count(*)::int as n, bool_and(finished_at > started_at) as has_duration from task_runs",
      );
      // finished_at is the clock's time at the end, not the transaction's start.
      expect(runs).toEqual([{ n: 1, has_duration: true }]);
    },
    CHILD_TIMEOUT,
  );
});
