import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { type Database, type DbOrTx, selectRows, withAdvisoryLock } from "../db/client.js";
import { type BossConnection, bossConnection } from "./boss-connection.js";

/** pg-boss keeps its tables in their own schema, beside the application's. */
export const QUEUE_SCHEMA = "pgboss";
/** Any constant unlike the migration lock's; the same in every supplynet process. */
const QUEUE_SETUP_LOCK_KEY = 7_283_115;

/**
 * Every queue and the data its jobs carry. The queue knows no feature: each feature adds its own queues here by
 * declaration merging, beside its task (`declare module "../queue/queue.js" { interface JobPayloads {…} }`).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface JobPayloads {}
export type JobName = keyof JobPayloads;
export type Job<N extends JobName> = PgBoss.JobWithMetadata<JobPayloads[N]>;

/** How a queue retries and how fast its workers look for work. */
export interface QueueSettings {
  retryLimit: number;
  /** Seconds before the first retry. */
  retryDelay: number;
  /** Doubles the delay (with jitter) on each next retry; without it every retry waits `retryDelay`. */
  retryBackoff: boolean;
  /** A job still active after this long is taken for dead (its worker was killed) and retried. */
  expireInSeconds: number;
  pollingIntervalSeconds: number;
}

export interface EnqueueOptions {
  /** The transaction to enqueue in: the job exists if and only if the transaction commits. */
  db?: DbOrTx;
  /** Overrides of the queue's retry settings for this one job. */
  retryLimit?: number;
  retryDelay?: number;
  expireInSeconds?: number;
}

export type JobState = "queued" | "active" | "completed" | "failed" | "cancelled";

/** pg-boss's six states, as the API reports them: a cancel is no failure, and shows as what it is. */
const STATE_OF: Record<string, JobState> = {
  created: "queued",
  retry: "queued",
  active: "active",
  completed: "completed",
  failed: "failed",
  cancelled: "cancelled",
};

/** pg-boss's states behind each of the API's, for a filter that finds what the API shows in that state. */
const BOSS_STATES_OF = (state: JobState) =>
  Object.keys(STATE_OF).filter((bossState) => STATE_OF[bossState] === state);

export interface JobStatus {
  id: string;
  name: string;
  state: JobState;
  result: Record<string, unknown> | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** Attempts after the first, and how many pg-boss allows before it fails the job. */
  retryCount: number;
  retryLimit: number;
}

interface JobRow {
  id: string;
  name: string;
  state: string;
  output: Record<string, unknown> | null;
  created_on: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  retry_count: number;
  retry_limit: number;
}

/** The columns of a JobRow, the same in pgboss.job and pgboss.archive. */
const JOB_COLUMNS =
  "id, name, state::text as state, output, created_on, started_on, completed_on, retry_count, retry_limit";

/** What a job list may be narrowed to. */
export interface JobFilters {
  state?: JobState | undefined;
  name?: string | undefined;
}

/**
 * A retry or a cancel: null when no job has the id; `changed` false when its state did not allow it, with the
 * job as it is.
 */
export type JobChange = { changed: boolean; job: JobStatus } | null;

/** pg-boss stores a thrown error as the serialized Error, and a timeout as {value: {message}}. */
function errorMessage(output: Record<string, unknown> | null): string | null {
  if (!output) return null;
  const value = output.value as { message?: unknown } | string | undefined;
  const message = output.message ?? (typeof value === "object" ? value?.message : value);
  return message === undefined ? JSON.stringify(output) : String(message);
}

function toJobStatus(row: JobRow): JobStatus {
  const state = STATE_OF[row.state] ?? "queued";
  return {
    id: row.id,
    name: row.name,
    state,
    result: state === "completed" ? row.output : null,
    error: state === "failed" ? errorMessage(row.output) : null,
    createdAt: new Date(row.created_on),
    startedAt: row.started_on ? new Date(row.started_on) : null,
    completedAt: row.completed_on ? new Date(row.completed_on) : null,
    retryCount: row.retry_count,
    retryLimit: row.retry_limit,
  };
}

/** Anything pg-boss can run its SQL on: its own connection, a Database, or a transaction (see below). */
type QueueDb = Pick<PgBoss.Db, "executeSql">;

export interface QueueCounts {
  name: string;
  queued: number;
  active: number;
  failed: number;
  /** Only when asked for: completed jobs are the bulk of pgboss.job until pg-boss archives them. */
  completed?: number;
  oldest_queued_seconds: number;
  last_failure_at: number | null;
}

/**
 * Each queue's jobs by state, from one query over pgboss.job (pg-boss archives finished jobs after 12 hours, so
 * `completed` counts those of about the last 12 hours). `failed` and the last failure are pg-boss's failed jobs
 * only: a cancelled job is a staff user's choice, not a failure, and is counted nowhere (GET
 * /jobs?state=cancelled lists them). Without `completed`, the completed jobs are left out by the join's state
 * filter, which keeps a frequent reader (/metrics) off the bulk of the table. A queued job's
 * age counts from when it became due (start_after), so a retry waiting out its delay or a slot not yet reached
 * does not look like a backlog. pg-boss's own queues (`__pgboss__send-it`, which carries the cron schedules)
 * are its machinery, not work, and are left out.
 */
export async function queueCounts(db: QueueDb, { completed = false } = {}): Promise<QueueCounts[]> {
  const states = `'created', 'retry', 'active', 'failed'${completed ? ", 'completed'" : ""}`;
  const { rows } = await db.executeSql(
    `select q.name,
      count(j.id) filter (where j.state in ('created', 'retry'))::int as queued,
      count(j.id) filter (where j.state = 'active')::int as active,
      count(j.id) filter (where j.state = 'failed')::int as failed,
      ${completed ? "count(j.id) filter (where j.state = 'completed')::int as completed," : ""}
      coalesce(extract(epoch from greatest(interval '0', now() - min(j.start_after)
        filter (where j.state in ('created', 'retry')))), 0)::float8 as oldest_queued_seconds,
      extract(epoch from max(j.completed_on) filter (where j.state = 'failed'))::float8 as last_failure_at
    from ${QUEUE_SCHEMA}.queue q
    left join ${QUEUE_SCHEMA}.job j on j.name = q.name and j.state in (${states})
    where not starts_with(q.name, '__pgboss__')
    group by q.name order by q.name`,
    [],
  );
  return rows as QueueCounts[];
}

/**
 * pg-boss talks to the database through `executeSql(text, values)`. Inside a transaction that must be the
 * transaction's own connection (on PGlite there is no other), so the text is rebuilt as a Drizzle query
 * with the same parameters and run on `tx`.
 */
function transactionExecutor(tx: DbOrTx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      const query = sql.join(
        parts.map((part, index) => (index % 2 === 1 ? sql.param(values[Number(part) - 1]) : sql.raw(part))),
      );
      return { rows: await selectRows(tx, query) };
    },
  };
}

export interface OpenQueueOptions {
  /** PostgreSQL gets a pool of pg-boss's own; PGlite is shared through `database.executeSql`. */
  databaseUrl: string | undefined;
  /**
   * "send" only enqueues (for `serve`, which must never take jobs); "work" also runs pg-boss's maintenance
   * (expiring jobs of dead workers, archiving) and, with `schedule`, fires the cron schedules.
   */
  mode: "send" | "work";
  /** Queues to create (idempotent) with their retry settings. */
  queues: Partial<Record<JobName, QueueSettings>>;
  onError?: (error: Error) => void;
}

/** What JobQueue.inspect offers: the reads and changes of pg-boss's tables that need no running pg-boss. */
export type JobInspection = Pick<
  JobQueue,
  "getJob" | "listJobs" | "queueCounts" | "latestJob" | "retryJob" | "cancelJob" | "wake"
>;

/** A typed wrapper over pg-boss: queue names and their data are checked at compile time. */
export class JobQueue {
  private readonly localWorkers = new Map<JobName, string[]>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly settings: Partial<Record<JobName, QueueSettings>>,
    private readonly connection: BossConnection | undefined,
  ) {}

  static async open(database: Database, options: OpenQueueOptions): Promise<JobQueue> {
    const onError = options.onError ?? ((error: Error) => console.error("pg-boss:", error.message));
    const connection = options.databaseUrl
      ? bossConnection({
          connectionString: options.databaseUrl,
          applicationName: `supplynet-${options.mode}`,
          schema: QUEUE_SCHEMA,
          onError,
        })
      : undefined;
    const working = options.mode === "work";
    const boss = new PgBoss({
      db: connection ?? { executeSql: (text, values) => database.executeSql(text, values) },
      schema: QUEUE_SCHEMA,
      supervise: working,
      schedule: working,
      // The cron clock is checked every 30 s by default; 10 s keeps a slot's job within seconds of its time.
      cronMonitorIntervalSeconds: 10,
      // Maintenance is what notices a job whose worker died (its expiry): look every 10 s, not every 30.
      maintenanceIntervalSeconds: 10,
    });
    boss.on("error", onError);
    const setUp = async () => {
      await boss.start();
      for (const [name, settings] of Object.entries(options.queues) as [JobName, QueueSettings][]) {
        const queueOptions = {
          name,
          retryLimit: settings.retryLimit,
          retryDelay: settings.retryDelay,
          retryBackoff: settings.retryBackoff,
          expireInSeconds: settings.expireInSeconds,
        };
        await boss.createQueue(name, queueOptions);
        // createQueue leaves an existing queue alone; this applies changed settings to it.
        await boss.updateQueue(name, queueOptions);
      }
    };
    // Creating a queue attaches a partition to pg-boss's job table: two processes doing it at once (serve and
    // worker started together on a fresh database) deadlock (40P01). One process at a time sets up; on PGlite
    // there is only one.
    if (database.pool) await withAdvisoryLock(database.pool, QUEUE_SETUP_LOCK_KEY, setUp);
    else await setUp();
    return new JobQueue(boss, options.queues, connection);
  }

  /** Enqueues a job and returns its id. With `db: tx` it is written in that transaction. */
  async enqueue<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    const { db, ...retry } = options;
    const id = await this.boss.send(name, data, {
      ...retry,
      ...(db ? { db: transactionExecutor(db) } : {}),
    });
    if (!id) throw new Error(`pg-boss refused a ${name} job`);
    if (!db) this.wake(name);
    return id;
  }

  /**
   * A worker in this process need not wait for its next poll (a minute for maintenance) for a job just queued
   * or requeued; one elsewhere finds it within its interval. After the commit, for a job made in a transaction.
   */
  wake(name: JobName): void {
    for (const workerId of this.localWorkers.get(name) ?? []) this.boss.notifyWorker(workerId);
  }

  /**
   * Runs `handler` for each job of `name`, `concurrency` at a time (each in a pg-boss worker of its own, taking
   * one job per fetch: a batch would fail together, sending again what was already sent); its return value is
   * the job's result.
   */
  async work<N extends JobName>(
    name: N,
    handler: (job: Job<N>) => Promise<object | undefined>,
    concurrency = 1,
  ): Promise<void> {
    const settings = this.settings[name];
    for (let slot = 0; slot < concurrency; slot++) {
      let workerId: string | undefined;
      workerId = await this.boss.work<JobPayloads[N]>(
        name,
        { includeMetadata: true, pollingIntervalSeconds: settings?.pollingIntervalSeconds ?? 2 },
        async ([job]) => {
          if (!job) return undefined;
          // pg-boss waits out the polling interval after each job; a worker that just had one fetches the next
          // at once instead, so a backlog drains at the pace of the work, not one job per interval.
          if (workerId) this.boss.notifyWorker(workerId);
          return handler(job);
        },
      );
      this.localWorkers.set(name, [...(this.localWorkers.get(name) ?? []), workerId]);
    }
  }

  /**
   * For a command that reads and changes jobs (`supplynet jobs`) but neither sends nor works any: pg-boss is not
   * started, so nothing is created or migrated, and only the methods that read its tables are offered.
   */
  static inspect(database: Database): JobInspection {
    return new JobQueue(
      new PgBoss({
        db: { executeSql: (text, values) => database.executeSql(text, values) },
        schema: QUEUE_SCHEMA,
      }),
      {},
      undefined,
    );
  }

  /** Within `db` when given (a transaction, so that an audit entry commits with the change), else on its own. */
  private sqlOn(db: DbOrTx | undefined): QueueDb {
    return db ? transactionExecutor(db) : this.boss.getDb();
  }

  /** Looks a job up by id in the live table and the archive, whatever its queue. */
  async getJob(id: string, options: { db?: DbOrTx } = {}): Promise<JobStatus | null> {
    const { rows } = await this.sqlOn(options.db).executeSql(
      `select ${JOB_COLUMNS} from ${QUEUE_SCHEMA}.job where id = $1
       union all
       select ${JOB_COLUMNS} from ${QUEUE_SCHEMA}.archive where id = $1
       limit 1`,
      [id],
    );
    return rows[0] ? toJobStatus(rows[0] as JobRow) : null;
  }

  /**
   * Jobs newest first (by creation), from the live table and the archive, with the count of all that match. A
   * state filter finds what the API shows in that state (queued: created or retry).
   */
  async listJobs(
    filters: JobFilters,
    page: { limit: number; offset: number },
  ): Promise<{ count: number; jobs: JobStatus[] }> {
    const where = "($1::text is null or name = $1) and ($2::text[] is null or state::text = any($2::text[]))";
    const matching = `select ${JOB_COLUMNS} from ${QUEUE_SCHEMA}.job where ${where}
      union all
      select ${JOB_COLUMNS} from ${QUEUE_SCHEMA}.archive where ${where}`;
    const values = [filters.name ?? null, filters.state ? BOSS_STATES_OF(filters.state) : null];
    const db = this.boss.getDb();
    const [rows, counted] = await Promise.all([
      db.executeSql(`${matching} order by created_on desc, id desc limit $3 offset $4`, [
        ...values,
        page.limit,
        page.offset,
      ]),
      db.executeSql(`select count(*)::int as count from (${matching}) as matching`, values),
    ]);
    return {
      count: (counted.rows[0] as { count: number } | undefined)?.count ?? 0,
      jobs: (rows.rows as JobRow[]).map(toJobStatus),
    };
  }

  /** Each queue's jobs by state, completed ones included (see queueCounts). */
  queueCounts(): Promise<QueueCounts[]> {
    return queueCounts(this.boss.getDb(), { completed: true });
  }

  /** The queue's job that most recently completed, or failed (a cancel is no failure), wherever it is kept. */
  async latestJob(name: JobName, outcome: "completed" | "failed"): Promise<JobStatus | null> {
    const { rows } = await this.boss.getDb().executeSql(
      `select * from (
        select ${JOB_COLUMNS} from ${QUEUE_SCHEMA}.job where name = $1 and state = $2::text::${QUEUE_SCHEMA}.job_state
        union all
        select ${JOB_COLUMNS} from ${QUEUE_SCHEMA}.archive where name = $1 and state = $2::text::${QUEUE_SCHEMA}.job_state
      ) as finished order by completed_on desc nulls last limit 1`,
      [name, outcome],
    );
    return rows[0] ? toJobStatus(rows[0] as JobRow) : null;
  }

  /**
   * Queues a failed (or cancelled) job again, as pg-boss's retry() does, but also from the archive, where pg-boss
   * moves finished jobs after 12 hours. It gets one more attempt than it has had, is due now (its wait counts
   * from now), and loses its completion time, which would otherwise let pg-boss archive it while it waits.
   * One statement, so a job is moved and requeued at once or not at all.
   */
  async retryJob(id: string, options: { db?: DbOrTx } = {}): Promise<JobChange> {
    const requeued = `state = case when state = 'failed' then 'retry' else 'created' end::${QUEUE_SCHEMA}.job_state`;
    const columns =
      "id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, " +
      "started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, " +
      "policy, output";
    const { rows } = await this.sqlOn(options.db).executeSql(
      `with archived as (
        delete from ${QUEUE_SCHEMA}.archive where id = $1 and state in ('failed', 'cancelled') returning ${columns}
      ), restored as (
        insert into ${QUEUE_SCHEMA}.job (${columns})
        select id, name, priority, data,
          case when state = 'failed' then 'retry' else 'created' end::${QUEUE_SCHEMA}.job_state,
          greatest(retry_limit, retry_count + 1), retry_count, retry_delay, retry_backoff, now(), started_on,
          singleton_key, singleton_on, expire_in, created_on, null, greatest(keep_until, now() + interval '14 days'),
          dead_letter, policy, output
        from archived
        returning name
      ), live as (
        update ${QUEUE_SCHEMA}.job set ${requeued}, retry_limit = greatest(retry_limit, retry_count + 1),
          start_after = now(), completed_on = null, keep_until = greatest(keep_until, now() + interval '14 days')
        where id = $1 and state in ('failed', 'cancelled')
        returning name
      )
      select name from restored union all select name from live`,
      [id],
    );
    const name = (rows[0] as { name: JobName } | undefined)?.name;
    if (name && !options.db) this.wake(name);
    return this.changeOutcome(id, name !== undefined, options.db);
  }

  /**
   * Cancels a job that is waiting (queued, or waiting to retry), never one a worker has taken: pg-boss's
   * cancel() would mark a running job cancelled while its work goes on.
   */
  async cancelJob(id: string, options: { db?: DbOrTx } = {}): Promise<JobChange> {
    const cancel = (table: string) =>
      `update ${QUEUE_SCHEMA}.${table} set state = 'cancelled', completed_on = now()
       where id = $1 and state in ('created', 'retry') returning id`;
    const { rows } = await this.sqlOn(options.db).executeSql(
      `with live as (${cancel("job")}), archived as (${cancel("archive")})
       select id from live union all select id from archived`,
      [id],
    );
    return this.changeOutcome(id, rows.length > 0, options.db);
  }

  private async changeOutcome(id: string, changed: boolean, db: DbOrTx | undefined): Promise<JobChange> {
    const job = await this.getJob(id, db ? { db } : {});
    return job && { changed, job };
  }

  /** Keeps a cron schedule: pg-boss creates one `name` job per slot, however many workers keep it. */
  async schedule(name: JobName, cron: string, timezone: string): Promise<void> {
    await this.boss.schedule(name, cron, {}, { tz: timezone });
  }

  async unschedule(name: JobName): Promise<void> {
    await this.boss.unschedule(name);
  }

  /** Removes a job (and its data) at once, rather than when pg-boss archives and later deletes it. */
  async deleteJob(name: JobName, id: string): Promise<void> {
    await this.boss.deleteJob(name, id);
  }

  async cancel(name: JobName, id: string): Promise<void> {
    await this.boss.cancel(name, id);
  }

  /** Runs pg-boss's maintenance now (expiring the jobs of dead workers) instead of at its next interval. */
  async maintain(): Promise<void> {
    await this.boss.maintain();
  }

  /** Stops taking new jobs and waits (up to `timeoutMs`) for the ones in flight to finish. */
  async stop(timeoutMs = 60_000): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    await this.connection?.close();
  }
}
