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

export type JobState = "queued" | "active" | "completed" | "failed";

/** pg-boss's six states, as the API reports them. */
const STATE_OF: Record<string, JobState> = {
  created: "queued",
  retry: "queued",
  active: "active",
  completed: "completed",
  failed: "failed",
  cancelled: "failed",
};

export interface JobStatus {
  id: string;
  name: string;
  state: JobState;
  result: Record<string, unknown> | null;
  error: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

interface JobRow {
  id: string;
  name: string;
  state: string;
  output: Record<string, unknown> | null;
  created_on: Date | string;
  completed_on: Date | string | null;
}

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
    completedAt: row.completed_on ? new Date(row.completed_on) : null,
  };
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
    // A worker in this process need not wait for its next poll; one elsewhere finds it within its interval.
    if (!db) for (const workerId of this.localWorkers.get(name) ?? []) this.boss.notifyWorker(workerId);
    return id;
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

  /** Looks a job up by id in the live table and the archive, whatever its queue. */
  async getJob(id: string): Promise<JobStatus | null> {
    const columns = "id, name, state::text as state, output, created_on, completed_on";
    const { rows } = await this.boss.getDb().executeSql(
      `select ${columns} from ${QUEUE_SCHEMA}.job where id = $1
       union all
       select ${columns} from ${QUEUE_SCHEMA}.archive where id = $1
       limit 1`,
      [id],
    );
    return rows[0] ? toJobStatus(rows[0] as JobRow) : null;
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
