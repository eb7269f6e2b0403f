import pg from "pg";
import { describe, expect, it } from "vitest";
import { type CliDatabase, isReadableFailure, runCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";

/** A child starts tsx and the whole CLI: a few seconds each, far more on a busy machine. */
const CHILD_TIMEOUT = 240_000;

const t = testApp({ app: false, cli: true, truncate: false });

/** Runs SQL from the test process (on PGlite only while no child holds the data directory). */
async function sql<Row = Record<string, unknown>>(cli: CliDatabase, text: string): Promise<Row[]> {
  const database = await cli.open();
  try {
    return (await database.executeSql<Row>(text)).rows;
  } finally {
    await database.close();
  }
}

const debts = (cli: CliDatabase) =>
  sql<{ debt: string }>(cli, "select debt::text as debt from companies order by id").then((rows) =>
    rows.map((row) => row.debt),
  );

describe("supplynet run-task, as a child process", () => {
  it(
    "accrues with one company at the debt ceiling, then reports a failed run in one line",
    async () => {
      const { cli } = t;
      await sql(
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

      // A rule the next accrual breaks: the run fails as a whole, for a reason that is not a company's value.
      await sql(cli, "alter table companies add constraint test_debt_cap check (debt < 1000 or debt > 1e12)");
      await sql(cli, "update companies set debt = 999.99 where name = 'Distributor 2'");
      const before = await debts(cli);
      const failed = await runCli(["run-task", "accrue-debt"], cli.env);
      expect(failed.stderr).toMatch(/^Error: accrue-debt failed and changed nothing: .*test_debt_cap/);
      expect(isReadableFailure(failed), failed.stderr).toBe(true);
      expect(await debts(cli)).toEqual(before);
      expect(await sql(cli, "select count(*)::int as n from task_runs")).toEqual([{ n: 1 }]);
    },
    CHILD_TIMEOUT,
  );

  // Two processes at once need a database that two processes can open.
  it.runIf(testDriver === "pg")(
    "refuses a second run of a task while one is under way, so a charge is never doubled",
    async () => {
      const { cli } = t;
      await sql(cli, "alter table companies drop constraint if exists test_debt_cap; truncate task_runs");
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
          const [waiting] = await sql<{ n: number }>(
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
      const runs = await sql<{ n: number; has_duration: boolean }>(
        cli,
        "select count(*)::int as n, bool_and(finished_at > started_at) as has_duration from task_runs",
      );
      // finished_at is the clock's time at the end, not the transaction's start.
      expect(runs).toEqual([{ n: 1, has_duration: true }]);
    },
    CHILD_TIMEOUT,
  );
});
