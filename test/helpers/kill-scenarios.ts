/**
 * A clear-debt job whose `supplynet worker` is SIGKILLed at one of four points, then retried by a fresh worker
 * with debt added in between. Shared by test/faults/kill-points.test.ts (each point once, in CI) and
 * scripts/fault-loops.ts (`npm run faults`, many times per point): neither asserts here, both read a KillOutcome.
 *
 * What was applied is read from the database itself, not from our code: a trigger of the test's own logs every
 * committed clear of a company, so a clear that ran twice shows as two rows whatever applyJobOnce did.
 * PostgreSQL only: several processes share the database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../../src/config.js";
import { applyScheduledDebtChange } from "../../src/debts/debt.js";
import type { JobQueue } from "../../src/queue/queue.js";
import { openSendQueue } from "../../src/worker.js";
import { type RunningCli, startWorkerCli } from "../helpers/cli.js";
import { insertNetwork } from "../helpers/worker.js";
import { rowsOf, type TestDatabase } from "./database.js";

export const KILL_POINTS = ["before-pickup", "lock-wait", "mid-update", "after-commit"] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

/**
 * The worker's database timeouts: small, so that a dead worker's job expires after 2 + 3 + 5 = 10 s. The
 * statement's must still outlast mid-update's clear of every company (about 0.5 s for 10,000 on a busy machine).
 */
const WORKER_TIMEOUTS = { DB_LOCK_TIMEOUT: "2s", DB_STATEMENT_TIMEOUT: "3s" };
/** The companies of every job but mid-update's, whose job takes them all so that its UPDATE lasts. */
const SMALL_JOB = 30;
/** What an admin edit adds to each company of the job between the kill and the retry. */
const EDIT = "123.45";
const RESET_DEBT = "100.00";

export interface KillOutcome {
  point: KillPoint;
  jobId: string;
  companies: number;
  /** The kill landed where it was meant to (for mid-update: its UPDATE was still running after the kill). */
  reached: boolean;
  /** The killed worker's clear committed before anything else happened (expected only after-commit). */
  firstCommitted: boolean;
  /** Committed clears per company, fewest and most (1 and 1 when each was cleared exactly once). */
  clears: { min: number; max: number };
  /**
   * Companies whose final debt is not what one clear gives: the debt added after the kill when the first clear
   * had committed (a second clear would wipe it), else 0 (the only clear came after the debt was added).
   */
  wrongDebts: number;
  appliedJobsRows: number;
  state: string;
  /** The retry found the job applied (applied_jobs) and changed nothing. */
  alreadyApplied: boolean;
  /** From the SIGKILL until the dead worker's last backend ended (a running statement finishes first). */
  orphanMs: number;
  /** From the SIGKILL until the job was seen completed (or failed). */
  retryMs: number;
  /** Set when something outside the scenario (a cron slot) changed debts meanwhile: the run proves nothing. */
  disturbed?: string;
}

export interface KillLabOptions {
  /** Companies in the database; mid-update's job clears every distributor among them. */
  companies?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** A connection of the test's that holds row locks in an open transaction until released. */
class LockHolder {
  private constructor(
    private readonly client: pg.Client,
    readonly pid: number,
  ) {}

  static async take(url: string, lockSql: string, values: unknown[]): Promise<LockHolder> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    await client.query("begin");
    await client.query(lockSql, values);
    return new LockHolder(client, rows[0]?.pid as number);
  }

  async release(): Promise<void> {
    await this.client.query("rollback");
    await this.client.end();
  }
}

export class KillLab {
  private worker: RunningCli | undefined;
  private smallIds: number[] = [];
  private allIds: number[] = [];
  private slots = 0;

  private constructor(
    private readonly testDb: TestDatabase & { url: string },
    private readonly queue: JobQueue,
    private readonly dataDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** On a migrated PostgreSQL database of the caller's, which it gets companies and the clear log. */
  static async open(testDb: TestDatabase, options: KillLabOptions = {}): Promise<KillLab> {
    const url = testDb.url;
    if (!url) throw new Error("the kill scenarios need PostgreSQL (a database URL)");
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-kill-"));
    const env = {
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      ...WORKER_TIMEOUTS,
    };
    // The queue's settings (its expiry) are written by whoever opens it: the same env as the workers'.
    const config = loadConfig({}, env);
    const queue = await openSendQueue({ config, database: testDb.database, databaseUrl: url });
    const lab = new KillLab({ ...testDb, url }, queue, dataDir, env);
    await lab.setUp(options.companies ?? 10_000);
    return lab;
  }

  private sql<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]> {
    return rowsOf(this.testDb)<Row>(text, values);
  }

  private async setUp(companies: number): Promise<void> {
    await insertNetwork(this.testDb, companies);
    await this.sql(`
      create table fault_clears (company_id int not null);
      create function fault_log_clear() returns trigger language plpgsql as $$
        begin insert into fault_clears (company_id) values (new.id); return null; end $$;
      create trigger fault_log_clear after update of debt on companies
        for each row when (new.debt = 0) execute function fault_log_clear();`);
    const ids = await this.sql<{ id: number }>(
      "select id from companies where supplier_id is not null order by id",
    );
    this.allIds = ids.map((row) => row.id);
    this.smallIds = this.allIds.slice(0, SMALL_JOB);
  }

  private async startWorker(): Promise<void> {
    this.worker = await startWorkerCli(this.env);
  }

  private async killWorker(): Promise<number> {
    const worker = this.worker as RunningCli;
    this.worker = undefined;
    const killedAt = Date.now();
    await worker.kill();
    return killedAt;
  }

  /** Backends blocked by `holder`: the job's UPDATE waiting on the companies, or pg-boss's completion. */
  private async waitForBlocked(holder: LockHolder, what: string): Promise<number[]> {
    return waitUntil(
      async () => {
        const rows = await this.sql<{ pid: number }>(
          "select pid from pg_stat_activity where datname = current_database() and $1 = any(pg_blocking_pids(pid))",
          [holder.pid],
        );
        return rows.length ? rows.map((row) => row.pid) : undefined;
      },
      what,
      20_000,
    );
  }

  /**
   * A SIGKILLed client's backend lives on until it next talks to it: an idle one ends at once, a running or
   * waiting statement finishes first (and without a COMMIT from the dead client, its transaction rolls back).
   */
  private async waitForOrphans(except: number[]): Promise<void> {
    await waitUntil(
      async () => {
        const [row] = await this.sql<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
           where datname = current_database() and backend_type = 'client backend' and state <> 'idle'
             and pid <> pg_backend_pid() and pid <> all($1::int[])`,
          [except],
        );
        return row?.n === 0 ? true : undefined;
      },
      "the killed worker's backends to end",
      30_000,
    );
  }

  private async jobState(jobId: string): Promise<string> {
    return (await this.queue.getJob(jobId))?.state ?? "missing";
  }

  /** One kill at `point`, the debt added after it, the retry by a fresh worker, and what came of it. */
  async run(point: KillPoint): Promise<KillOutcome> {
    const scenario = { jobId: "" };
    try {
      return await this.runScenario(point, scenario);
    } catch (error) {
      // A job left behind would clear companies during the next run, which would then prove nothing.
      if (scenario.jobId) await this.queue.cancel("clear-debt", scenario.jobId).catch(() => {});
      throw error;
    }
  }

  private async runScenario(point: KillPoint, scenario: { jobId: string }): Promise<KillOutcome> {
    const ids = point === "mid-update" ? this.allIds : this.smallIds;
    await this.sql("update companies set debt = $1 where supplier_id is not null", [RESET_DEBT]);
    await this.sql("truncate fault_clears");
    const runsBefore = await this.countTaskRuns();
    if (!this.worker) await this.startWorker();
    let killedAt = 0;
    let reached = false;
    let orphanMs = 0;
    let jobId = "";
    const enqueue = async () => {
      jobId = await this.queue.enqueue("clear-debt", { ids });
      scenario.jobId = jobId;
    };
    const holders: LockHolder[] = [];
    const hold = async (lockSql: string, values: unknown[]) => {
      const holder = await LockHolder.take(this.testDb.url, lockSql, values);
      holders.push(holder);
      return holder;
    };
    const release = (holder: LockHolder) => {
      holders.splice(holders.indexOf(holder), 1);
      return holder.release();
    };
    const lockCompanies = () => hold("select id from companies where id = any($1) for update", [ids]);
    try {
      if (point === "before-pickup") {
        // The worker dies idle; the job is queued while none runs.
        killedAt = await this.killWorker();
        await enqueue();
        reached = (await this.jobState(jobId)) === "queued";
      } else if (point === "lock-wait") {
        const rows = await lockCompanies();
        await enqueue();
        await this.waitForBlocked(rows, "the job's UPDATE waiting on the held rows");
        killedAt = await this.killWorker();
        reached = (await this.jobState(jobId)) === "active";
        // The dead worker's UPDATE goes on now, before its lock timeout: it gets the rows and must still not commit.
        await release(rows);
      } else if (point === "mid-update") {
        await enqueue();
        // The job's statement, seen from outside: ours matches its own text, hence the pid.
        const clearing = `select pid from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
            and wait_event_type is distinct from 'Lock' and query like '%update companies set debt = 0%'`;
        await waitUntil(
          async () => ((await this.sql(clearing)).length ? true : undefined),
          "the job's UPDATE running",
          20_000,
        );
        killedAt = await this.killWorker();
        reached = (await this.sql(clearing)).length > 0 && (await this.jobState(jobId)) === "active";
      } else {
        const rows = await lockCompanies();
        await enqueue();
        await this.waitForBlocked(rows, "the job's UPDATE waiting on the held rows");
        // pg-boss's completion will wait on the job's row; the job's effect commits before it.
        const jobRow = await hold("select id from pgboss.job where id = $1 for update", [jobId]);
        await release(rows);
        const completion = await this.waitForBlocked(jobRow, "pg-boss's completion waiting on the job's row");
        killedAt = await this.killWorker();
        // The dead worker's completion was already sent, so PostgreSQL would carry it out once the row is free;
        // ending its backend stands for a worker killed just before sending it.
        await this.sql("select pg_terminate_backend(pid) from unnest($1::int[]) as pid", [completion]);
        await release(jobRow);
        reached = (await this.jobState(jobId)) === "active";
      }
      await this.waitForOrphans(holders.map((holder) => holder.pid));
      orphanMs = Date.now() - killedAt;
    } finally {
      for (const holder of holders) await holder.release().catch(() => {});
    }

    const [committed] = await this.sql<{ n: number }>("select count(*)::int as n from fault_clears");
    const firstCommitted = (committed?.n ?? 0) > 0;
    // Newer debt, as an admin edit and a scheduled accrual would add it.
    await this.sql("update companies set debt = debt + $1 where id = any($2)", [EDIT, ids]);
    await applyScheduledDebtChange(
      this.testDb.database.db,
      "accrue-debt",
      new Date(Date.UTC(2001, 0, 1) + ++this.slots * 1000),
    );
    await this.sql("drop table if exists fault_expected");
    await this.sql("create table fault_expected as select id, debt from companies where id = any($1)", [ids]);

    await this.startWorker();
    let state = await this.jobState(jobId);
    while (state !== "completed" && state !== "failed" && Date.now() - killedAt < 120_000) {
      await sleep(100);
      state = await this.jobState(jobId);
    }
    const retryMs = Date.now() - killedAt;

    const [clears] = await this.sql<{ min: number; max: number }>(
      `select coalesce(min(n), 0)::int as min, coalesce(max(n), 0)::int as max from (
         select count(c.company_id) as n from fault_expected e left join fault_clears c on c.company_id = e.id
         group by e.id) per_company`,
    );
    const [wrong] = await this.sql<{ n: number }>(
      `select count(*)::int as n from companies c join fault_expected e using (id)
       where c.debt <> case when $1 then e.debt else 0 end`,
      [firstCommitted],
    );
    const [applied] = await this.sql<{ n: number }>(
      "select count(*)::int as n from applied_jobs where job_id = $1",
      [jobId],
    );
    const job = await this.queue.getJob(jobId);
    const runsAfter = await this.countTaskRuns();
    const outcome: KillOutcome = {
      point,
      jobId,
      companies: ids.length,
      reached,
      firstCommitted,
      clears: { min: clears?.min ?? 0, max: clears?.max ?? 0 },
      wrongDebts: wrong?.n ?? -1,
      appliedJobsRows: applied?.n ?? 0,
      state,
      alreadyApplied: job?.result?.already_applied === true,
      orphanMs,
      retryMs,
      ...(runsAfter - runsBefore !== 1 ? { disturbed: "a scheduled run changed the debts meanwhile" } : {}),
    };
    return outcome;
  }

  private async countTaskRuns(): Promise<number> {
    const [row] = await this.sql<{ n: number }>("select count(*)::int as n from task_runs");
    return row?.n ?? 0;
  }

  /** The worker's output so far, to explain a failure. */
  workerOutput(): string {
    return this.worker?.output() ?? "";
  }

  async close(): Promise<void> {
    await this.worker?.stop();
    await this.queue.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
