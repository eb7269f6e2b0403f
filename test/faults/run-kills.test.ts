import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { DEBT_RUN_CHUNK } from "../../src/debts/debt.js";
import type { JobQueue } from "../../src/queue/queue.js";
import { openSendQueue } from "../../src/worker.js";
import { type RunningCli, startCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { insertNetwork, sleep } from "../helpers/worker.js";

/**
 * One accrual run over six chunks, its real `supplynet worker` SIGKILLed three times: while the second chunk
 * waits for its rows (after the first committed), while a chunk runs in the middle, and while the last one
 * waits. Each time a fresh worker takes pg-boss's retry of the same job, which goes on after done_through_id.
 * In the end every company with a supplier was changed exactly once, by 5.00..500.00, and the run's totals are
 * what its ledger entries say. Runs in the pg project only: several processes share the database.
 */

/** Six chunks at the run's own chunk size: five full ones and a shorter last. */
const COMPANIES = 6 * DEBT_RUN_CHUNK;
/** Small, so that a dead worker's job expires within 2 + 3 + 5 = 10 s; a chunk takes well under 3 s. */
const WORKER_ENV = {
  DB_LOCK_TIMEOUT: "2s",
  DB_STATEMENT_TIMEOUT: "3s",
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
};
const SLOT = "2001-01-01T00:00:00.000Z";

interface Progress {
  id: number;
  done_through_id: number;
  last_company_id: number;
  finished: boolean;
}

describe.skipIf(testDriver !== "pg")(
  "a chunked accrual whose worker is SIGKILLed",
  { timeout: 240_000 },
  () => {
    const t = testApp({ app: false, truncate: false });
    let queue: JobQueue;
    let env: NodeJS.ProcessEnv;
    let dataDir: string;
    let worker: RunningCli | undefined;
    /** Companies with a supplier, in id order: the order the run's chunks take them in. */
    let distributors: number[];
    const holders: pg.Client[] = [];

    beforeAll(async () => {
      const url = t.testDb.url as string;
      dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-run-kills-"));
      env = { DATABASE_URL: url, DATA_DIR: dataDir, ...WORKER_ENV };
      // The queue's settings (the run's expiry) are written by whoever opens it: the same env as the workers'.
      queue = await openSendQueue({
        config: loadConfig({}, env),
        database: t.testDb.database,
        databaseUrl: url,
      });
      await insertNetwork(t.testDb, COMPANIES);
      distributors = (
        await t.sql<{ id: number }>("select id from companies where supplier_id is not null order by id")
      ).map((row) => row.id);
      await t.sql("create table run_snapshot as select id, debt from companies");
    });
    afterAll(async () => {
      for (const holder of holders) await holder.end().catch(() => {});
      if (worker) await worker.stop();
      await queue?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const progress = async () => {
      const [row] = await t.sql<Progress>(
        `select id, done_through_id, last_company_id, finished_at is not null as finished
       from task_runs where task = 'accrue-debt' and slot = $1`,
        [SLOT],
      );
      return row;
    };
    const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline)
          throw new Error(`${what}: not within ${timeoutMs} ms\n${worker?.output()}`);
        await sleep(5);
      }
    };
    /** The last company of the `n`th chunk (1-based), which done_through_id names once that chunk committed. */
    const endOfChunk = (n: number) => distributors[n * DEBT_RUN_CHUNK - 1] as number;

    /** Holds the first company of chunk `n` in a transaction of the test's, so that chunk waits for it. */
    const holdChunk = async (n: number) => {
      const client = new pg.Client({ connectionString: t.testDb.url });
      await client.connect();
      holders.push(client);
      const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
      await client.query("begin");
      await client.query("select id from companies where id = $1 for update", [endOfChunk(n - 1) + 1]);
      return {
        pid: rows[0]?.pid as number,
        release: async () => {
          await client.query("rollback");
          await client.end();
          holders.splice(holders.indexOf(client), 1);
        },
      };
    };

    const startWorker = async () => {
      worker = startCli(["worker"], env);
      await worker.waitFor(/supplynet worker is running/);
    };
    const killWorker = async () => {
      const killed = worker as RunningCli;
      worker = undefined;
      const exited = new Promise((resolve) => killed.child.once("exit", resolve));
      killed.child.kill("SIGKILL");
      await exited;
    };
    /**
     * A SIGKILLed worker's backend lives on until it next talks to it: a running or waiting statement finishes
     * first, then its transaction rolls back, never committed.
     */
    const waitForOrphans = () =>
      waitFor(async () => {
        const [row] = await t.sql<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend' and state <> 'idle'
           and pid <> pg_backend_pid() and application_name not like 'supplynet-send%'`,
        );
        return row?.n === 0 ? true : undefined;
      }, "the killed worker's backends to end");
    const committedEntries = async (causeId: number) => {
      const [row] = await t.sql<{ n: number }>(
        "select count(*)::int as n from debt_ledger where cause_id = $1",
        [causeId],
      );
      return row?.n ?? -1;
    };

    /** A fresh worker takes the run; while its chunk `n` waits for its first row, it dies: no trace of that chunk. */
    const killWhileChunkWaits = async (n: number, causeId: () => Promise<number>) => {
      const held = await holdChunk(n);
      await startWorker();
      await waitFor(
        async () => ((await progress())?.done_through_id === endOfChunk(n - 1) ? true : undefined),
        `chunk ${n - 1} committed`,
      );
      await waitFor(async () => {
        const rows = await t.sql("select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))", [
          held.pid,
        ]);
        return rows.length ? true : undefined;
      }, `chunk ${n} waiting for its first company`);
      await killWorker();
      // The dead worker's chunk goes on now, gets its rows and changes them, and must still not commit.
      await held.release();
      await waitForOrphans();
      const after = (await progress()) as Progress;
      expect(after.done_through_id, `killed while chunk ${n} waited`).toBe(endOfChunk(n - 1));
      expect(after.finished).toBe(false);
      expect(await committedEntries(await causeId())).toBe((n - 1) * DEBT_RUN_CHUNK);
    };

    it("changes every company exactly once, whatever chunk the kills land in", async () => {
      // pg-boss's own retry of this one job takes the run after each kill; the queue's 30 s delay, doubled per
      // attempt, would only make the test wait minutes for the same code path.
      const jobId = await queue.enqueue("accrue-debt", { slot: SLOT }, { retryDelay: 1 });
      const causeId = async () => {
        const [row] = await t.sql<{ cause_id: number }>("select cause_id from task_runs where id = $1", [
          (await progress())?.id,
        ]);
        return row?.cause_id as number;
      };

      await killWhileChunkWaits(2, causeId);

      // In the middle, nothing held: the kill lands wherever the chunk after the third happens to be.
      await startWorker();
      await waitFor(
        async () => ((await progress())?.done_through_id ?? 0) >= endOfChunk(3) || undefined,
        "the third chunk committed",
      );
      await killWorker();
      await waitForOrphans();
      const middle = (await progress()) as Progress;
      expect(middle.finished, "the kill in the middle came after the run's end").toBe(false);
      expect(await committedEntries(await causeId())).toBe(
        distributors.filter((id) => id <= middle.done_through_id).length,
      );

      await killWhileChunkWaits(6, causeId);

      await startWorker();
      const deadline = Date.now() + 90_000;
      let job = await queue.getJob(jobId);
      while (job?.state !== "completed" && job?.state !== "failed" && Date.now() < deadline) {
        await sleep(200);
        job = await queue.getJob(jobId);
      }
      expect(job?.state, worker?.output()).toBe("completed");

      const [run] = await t.sql<{
        id: number;
        cause_id: number;
        slots: number;
        finished: boolean;
        done_through_id: number;
        last_company_id: number;
        companies_touched: number;
        total_change: string;
      }>(
        `select id, cause_id, (select count(*)::int from task_runs) as slots, finished_at is not null as finished,
         done_through_id, last_company_id, companies_touched::int, total_change::text
       from task_runs where task = 'accrue-debt' and slot = $1`,
        [SLOT],
      );
      expect(run?.slots, "a cron slot ran meanwhile: the test proves nothing").toBe(1);
      expect(run?.finished).toBe(true);
      expect(run?.done_through_id).toBe(run?.last_company_id);
      expect(run?.companies_touched).toBe(distributors.length);
      expect(job?.result).toMatchObject({
        companies_touched: distributors.length,
        total_change: run?.total_change,
      });

      const [changes] = await t.sql<Record<string, number | string>>(
        `with entries as (
         select company_id, count(*) as n, sum(amount) as amount from debt_ledger where cause_id = $1
         group by company_id
       ), companies_seen as (
         select s.id, s.debt as before, c.debt as after, (c.supplier_id is not null) as owes,
           coalesce(e.n, 0) as n, e.amount
         from run_snapshot s join companies c using (id) left join entries e on e.company_id = s.id
       )
       select
         count(*) filter (where owes and n = 0)::int as skipped,
         count(*) filter (where n > 1)::int as twice,
         count(*) filter (where not owes and n > 0)::int as factories_changed,
         count(*) filter (where owes and not (after - before between 5.00 and 500.00))::int as out_of_range,
         count(*) filter (where after - before <> coalesce(amount, 0))::int as unexplained,
         (select count(*)::int from entries where company_id not in (select id from run_snapshot)) as strangers,
         (select sum(amount)::text from entries) as ledger_total,
         sum(after - before)::text as actual_total
       from companies_seen`,
        [run?.cause_id],
      );
      expect(changes).toEqual({
        skipped: 0,
        twice: 0,
        factories_changed: 0,
        out_of_range: 0,
        unexplained: 0,
        strangers: 0,
        ledger_total: run?.total_change,
        actual_total: run?.total_change,
      });

      const broken = await t.sql(
        `select c.id, c.debt, coalesce(l.total, 0) as ledger from companies c
       left join (select company_id, sum(amount) as total from debt_ledger group by company_id) l
         on l.company_id = c.id
       where c.debt <> coalesce(l.total, 0) limit 5`,
      );
      expect(broken, "companies whose debt is not the sum of their ledger entries").toEqual([]);
    });
  },
);
