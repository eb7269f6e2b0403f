/**
 * A chunked accrual over six chunks whose real `supplynet worker` is SIGKILLed three times: while the second
 * chunk waits for its rows (after the first committed), while a chunk runs in the middle, and while the last one
 * waits. Each time a fresh worker takes pg-boss's retry of the same job, which goes on after done_through_id.
 * Shared by test/faults/run-kills.test.ts (once, in CI) and scripts/fault-loops.ts (`npm run faults -- --runs
 * N`): neither asserts here, both read a RunKillOutcome. What was applied is read from the ledger and from a
 * snapshot of the debts taken before the run. PostgreSQL only: several processes share the database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../../src/config.js";
import { DEBT_RUN_CHUNK } from "../../src/debts/debt.js";
import type { JobQueue } from "../../src/queue/queue.js";
import { openSendQueue } from "../../src/worker.js";
import { type RunningCli, startWorkerCli } from "./cli.js";
import { rowsOf, type TestDatabase } from "./database.js";
import { insertNetwork, sleep } from "./worker.js";

/** Six chunks of the run's own size: ids 1 to 60,000, the factories among the first. */
const COMPANIES = 6 * DEBT_RUN_CHUNK;
/** Small, so that a dead worker's job expires within 2 + 3 + 5 = 10 s; a chunk takes well under 3 s. */
const WORKER_ENV = {
  DB_LOCK_TIMEOUT: "2s",
  DB_STATEMENT_TIMEOUT: "3s",
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
};

export interface RunKill {
  point: "second chunk waiting" | "middle" | "last chunk waiting";
  /** The run's progress once the dead worker's backends had ended, and what the committed chunks give. */
  doneThroughId: number;
  expectedDoneThroughId: number;
  finished: boolean;
  /** The run's ledger entries then, and the companies its committed chunks had passed. */
  entries: number;
  expectedEntries: number;
}

export interface RunKillOutcome {
  kills: RunKill[];
  state: string;
  /** Runs in task_runs besides this one (a cron slot meanwhile would disturb the counts). */
  otherRuns: number;
  finished: boolean;
  doneThroughLast: boolean;
  distributors: number;
  companiesTouched: number;
  totalChange: string;
  /** The job's result, as pg-boss recorded it for the last attempt. */
  resultTouched: unknown;
  resultTotal: unknown;
  /** Companies with a supplier and no entry of the run, with more than one, factories with one. */
  skipped: number;
  twice: number;
  factoriesChanged: number;
  /** Companies whose change is outside 5.00..500.00, or differs from their entry. */
  outOfRange: number;
  unexplained: number;
  ledgerTotal: string | null;
  actualTotal: string | null;
  /** Companies (all of them) whose debt is not the sum of their ledger entries. */
  brokenInvariant: number;
  /** From the first attempt's start until the job completed. */
  ms: number;
}

interface Progress {
  id: number;
  cause_id: number;
  done_through_id: number;
  last_company_id: number;
  finished: boolean;
}

export class RunKillLab {
  private worker: RunningCli | undefined;
  private readonly holders: pg.Client[] = [];
  /** Companies with a supplier, in id order: the order the run's chunks take them in. */
  private distributors: number[] = [];
  private runs = 0;

  private constructor(
    private readonly testDb: TestDatabase & { url: string },
    private readonly queue: JobQueue,
    private readonly dataDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** On a migrated PostgreSQL database of the caller's, which it fills with the companies. */
  static async open(testDb: TestDatabase): Promise<RunKillLab> {
    const url = testDb.url;
    if (!url) throw new Error("the run kill scenarios need PostgreSQL (a database URL)");
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-run-kills-"));
    const env = { DATABASE_URL: url, DATA_DIR: dataDir, ...WORKER_ENV };
    // The queue's settings (the run's expiry) are written by whoever opens it: the same env as the workers'.
    const queue = await openSendQueue({
      config: loadConfig({}, env),
      database: testDb.database,
      databaseUrl: url,
    });
    const lab = new RunKillLab({ ...testDb, url }, queue, dataDir, env);
    await insertNetwork(testDb, COMPANIES);
    lab.distributors = (
      await lab.sql<{ id: number }>("select id from companies where supplier_id is not null order by id")
    ).map((row) => row.id);
    return lab;
  }

  private sql<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]> {
    return rowsOf(this.testDb)<Row>(text, values);
  }

  private async progress(slot: string): Promise<Progress | undefined> {
    const [row] = await this.sql<Progress>(
      `select id, cause_id, done_through_id, last_company_id, finished_at is not null as finished
       from task_runs where task = 'accrue-debt' and slot = $1`,
      [slot],
    );
    return row;
  }

  private async waitFor<T>(
    probe: () => Promise<T | undefined>,
    what: string,
    timeoutMs = 60_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await sleep(5);
    }
  }

  /** The last id of the `n`th chunk (1-based), which done_through_id names once that chunk committed. */
  private endOfChunk(n: number): number {
    return Math.min(n * DEBT_RUN_CHUNK, this.distributors.at(-1) as number);
  }

  /** Holds the first company of chunk `n` (n > 1, past the factories) in a transaction of the lab's, so that chunk waits for it. */
  private async holdChunk(n: number) {
    const client = new pg.Client({ connectionString: this.testDb.url });
    await client.connect();
    this.holders.push(client);
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    await client.query("begin");
    await client.query("select id from companies where id = $1 for update", [this.endOfChunk(n - 1) + 1]);
    return {
      pid: rows[0]?.pid as number,
      release: async () => {
        await client.query("rollback");
        await client.end();
        this.holders.splice(this.holders.indexOf(client), 1);
      },
    };
  }

  private async startWorker(): Promise<void> {
    this.worker = await startWorkerCli(this.env);
  }

  private async killWorker(): Promise<void> {
    const killed = this.worker as RunningCli;
    this.worker = undefined;
    await killed.kill();
  }

  /**
   * A SIGKILLed worker's backend lives on until it next talks to it: a running or waiting statement finishes
   * first, then its transaction rolls back, never committed.
   */
  private waitForOrphans(): Promise<true> {
    return this.waitFor(async () => {
      const [row] = await this.sql<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend' and state <> 'idle'
           and pid <> pg_backend_pid() and application_name not like 'supplynet-send%'`,
      );
      return row?.n === 0 ? true : undefined;
    }, "the killed worker's backends to end");
  }

  /** Where the run stands once the dead worker's backends have ended. */
  private async afterKill(slot: string, point: RunKill["point"], expectedDoneThroughId: number) {
    await this.waitForOrphans();
    const run = (await this.progress(slot)) as Progress;
    const [entries] = await this.sql<{ n: number }>(
      "select count(*)::int as n from debt_ledger where cause_id = $1",
      [run.cause_id],
    );
    return {
      point,
      doneThroughId: run.done_through_id,
      expectedDoneThroughId,
      finished: run.finished,
      entries: entries?.n ?? -1,
      expectedEntries: this.distributors.filter((id) => id <= run.done_through_id).length,
    };
  }

  /** A fresh worker takes the run; while its chunk `n` waits for its first company, the worker dies. */
  private async killWhileChunkWaits(slot: string, n: number, point: RunKill["point"]): Promise<RunKill> {
    const held = await this.holdChunk(n);
    await this.startWorker();
    await this.waitFor(
      async () =>
        (await this.progress(slot))?.done_through_id === this.endOfChunk(n - 1) ? true : undefined,
      `chunk ${n - 1} committed`,
    );
    await this.waitFor(async () => {
      const rows = await this.sql("select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))", [
        held.pid,
      ]);
      return rows.length ? true : undefined;
    }, `chunk ${n} waiting for its first company`);
    await this.killWorker();
    // The dead worker's chunk goes on now, gets its rows and changes them, and must still not commit.
    await held.release();
    return this.afterKill(slot, point, this.endOfChunk(n - 1));
  }

  /** One run of its own slot, killed three times and finished by the last retry, and what came of it. */
  async run(): Promise<RunKillOutcome> {
    const slot = new Date(Date.UTC(2001, 0, 1) + ++this.runs * 1000).toISOString();
    const started = Date.now();
    await this.sql("drop table if exists run_snapshot");
    await this.sql("create table run_snapshot as select id, debt from companies");
    // pg-boss's own retry of this one job takes the run after each kill; the queue's 30 s delay, doubled per
    // attempt, would only make the run wait minutes for the same code path.
    const jobId = await this.queue.enqueue("accrue-debt", { slot }, { retryDelay: 1 });
    const kills: RunKill[] = [];
    try {
      kills.push(await this.killWhileChunkWaits(slot, 2, "second chunk waiting"));
      // In the middle, nothing held: the kill lands wherever the chunk after the third happens to be.
      await this.startWorker();
      await this.waitFor(
        async () => ((await this.progress(slot))?.done_through_id ?? 0) >= this.endOfChunk(3) || undefined,
        "the third chunk committed",
      );
      await this.killWorker();
      const middle = await this.afterKill(slot, "middle", 0);
      kills.push({ ...middle, expectedDoneThroughId: middle.doneThroughId });
      kills.push(await this.killWhileChunkWaits(slot, 6, "last chunk waiting"));
      await this.startWorker();
    } catch (error) {
      // A job left behind would apply its slot during the next run, which would then prove nothing.
      await this.queue.cancel("accrue-debt", jobId).catch(() => {});
      throw error;
    }
    let job = await this.queue.getJob(jobId);
    while (job?.state !== "completed" && job?.state !== "failed" && Date.now() - started < 180_000) {
      await sleep(200);
      job = await this.queue.getJob(jobId);
    }
    const ms = Date.now() - started;
    await this.worker?.stop();
    this.worker = undefined;
    const run = (await this.progress(slot)) as Progress;
    const [totals] = await this.sql<{ other_runs: number; companies_touched: number; total_change: string }>(
      `select (select count(*)::int from task_runs where id <> $1 and started_at >= $2::timestamptz) as other_runs,
         companies_touched::int, total_change::text
       from task_runs where id = $1`,
      [run.id, new Date(started).toISOString()],
    );
    const [changes] = await this.sql<Record<string, number> & { ledger_total: string; actual_total: string }>(
      `with entries as (
         select company_id, count(*) as n, sum(amount) as amount from debt_ledger where cause_id = $1
         group by company_id
       ), seen as (
         select s.id, s.debt as before, c.debt as after, (c.supplier_id is not null) as owes,
           coalesce(e.n, 0) as n, e.amount
         from run_snapshot s join companies c using (id) left join entries e on e.company_id = s.id
       )
       select
         count(*) filter (where owes and n = 0)::int as skipped,
         count(*) filter (where n > 1)::int as twice,
         count(*) filter (where not owes and n > 0)::int as factories_changed,
         count(*) filter (where owes and not (after - before between 5.00 and 500.00))::int as out_of_range,
         (count(*) filter (where after - before <> coalesce(amount, 0))
           + (select count(*) from entries where company_id not in (select id from run_snapshot)))::int
           as unexplained,
         (select sum(amount)::text from entries) as ledger_total,
         sum(after - before)::text as actual_total
       from seen`,
      [run.cause_id],
    );
    const [broken] = await this.sql<{ n: number }>(
      `select count(*)::int as n from companies c
       left join (select company_id, sum(amount) as total from debt_ledger group by company_id) l
         on l.company_id = c.id
       where c.debt <> coalesce(l.total, 0)`,
    );
    return {
      kills,
      state: job?.state ?? "missing",
      otherRuns: totals?.other_runs ?? -1,
      finished: run.finished,
      doneThroughLast: run.done_through_id === run.last_company_id,
      distributors: this.distributors.length,
      companiesTouched: totals?.companies_touched ?? -1,
      totalChange: totals?.total_change ?? "",
      resultTouched: job?.result?.companies_touched,
      resultTotal: job?.result?.total_change,
      skipped: changes?.skipped ?? -1,
      twice: changes?.twice ?? -1,
      factoriesChanged: changes?.factories_changed ?? -1,
      outOfRange: changes?.out_of_range ?? -1,
      unexplained: changes?.unexplained ?? -1,
      ledgerTotal: changes?.ledger_total ?? null,
      actualTotal: changes?.actual_total ?? null,
      brokenInvariant: broken?.n ?? -1,
      ms,
    };
  }

  /** The worker's output so far, to explain a failure. */
  workerOutput(): string {
    return this.worker?.output() ?? "";
  }

  async close(): Promise<void> {
    for (const holder of this.holders) await holder.end().catch(() => {});
    await this.worker?.stop();
    await this.queue.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
