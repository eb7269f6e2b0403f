import { Gauge, Registry } from "prom-client";
import type { Database } from "../db/client.js";
import { queueCounts } from "../queue/queue.js";

/** Scrapes within this long of one another share one read of the database. */
export const DATABASE_METRICS_CACHE_MS = 1500;
/** A scrape waits no longer than this on the database, then reports it down. */
const DATABASE_METRICS_TIMEOUT_MS = 1000;

interface RunRow {
  task: string;
  finished_at: number;
  duration_seconds: number;
  companies_touched: number;
  total_change: number;
}

/**
 * The latest finished run of each scheduled task. Total change is read as a float8 here only, for a gauge
 * (Prometheus values are floats): money stays exact numeric everywhere else.
 */
const RUN_QUERY = `
  select distinct on (task) task, extract(epoch from finished_at)::float8 as finished_at,
    extract(epoch from finished_at - started_at)::float8 as duration_seconds,
    companies_touched::float8 as companies_touched, total_change::float8 as total_change
  from task_runs where finished_at is not null order by task, slot desc`;

function gauge(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

function poolMetrics(registry: Registry, database: Database) {
  const pool = database.pool;
  // PGlite is one connection inside this process, never waited for in a queue of clients.
  const figures = pool
    ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
    : { total: 1, idle: 0, waiting: 0 };
  gauge(registry, "supplynet_db_pool_total", "Connections the app's pool holds").set(figures.total);
  gauge(registry, "supplynet_db_pool_idle", "Connections of the pool not in use").set(figures.idle);
  gauge(registry, "supplynet_db_pool_waiting", "Queries waiting for a connection of the pool").set(
    figures.waiting,
  );
}

async function readDatabase(database: Database) {
  const [queues, runs] = await Promise.all([queueCounts(database), database.executeSql<RunRow>(RUN_QUERY)]);
  return { queues, runs: runs.rows };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database metrics timed out")), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

type Figures = Awaited<ReturnType<typeof readDatabase>> | null;

function render(database: Database, figures: Figures): Promise<string> {
  const registry = new Registry();
  gauge(registry, "supplynet_database_up", "1 when the last read of the database for metrics succeeded").set(
    figures ? 1 : 0,
  );
  poolMetrics(registry, database);
  if (figures) {
    const job = (name: string, help: string) => gauge(registry, name, help, ["queue"]);
    const jobs = gauge(
      registry,
      "supplynet_queue_jobs",
      "Jobs in the queue by state (queued: created or retry)",
      ["queue", "state"],
    );
    const oldest = job(
      "supplynet_queue_oldest_queued_seconds",
      "Age of the oldest due queued job, 0 if none",
    );
    const lastFailure = job(
      "supplynet_queue_last_failure_timestamp_seconds",
      "When the queue's latest failed job (still in pgboss.job) failed",
    );
    for (const row of figures.queues) {
      for (const state of ["queued", "active", "failed"] as const) {
        jobs.set({ queue: row.name, state }, row[state]);
      }
      oldest.set({ queue: row.name }, row.oldest_queued_seconds);
      if (row.last_failure_at !== null) lastFailure.set({ queue: row.name }, row.last_failure_at);
    }
    const run = (name: string, help: string) => gauge(registry, name, help, ["task"]);
    const finished = run("supplynet_schedule_last_run_timestamp_seconds", "When the last run finished");
    const duration = run("supplynet_schedule_last_run_duration_seconds", "How long the last run took");
    const touched = run("supplynet_schedule_last_run_companies_touched", "Companies the last run changed");
    const change = run(
      "supplynet_schedule_last_run_total_change",
      "The last run's total change of debt, a float here only",
    );
    for (const row of figures.runs) {
      finished.set({ task: row.task }, row.finished_at);
      duration.set({ task: row.task }, row.duration_seconds);
      touched.set({ task: row.task }, row.companies_touched);
      change.set({ task: row.task }, row.total_change);
    }
  }
  return registry.metrics();
}

/**
 * The figures /metrics reads from the database, as Prometheus text. A read younger than
 * DATABASE_METRICS_CACHE_MS is shared, so that many scrapers cost one read; a failed read, or one slower than
 * DATABASE_METRICS_TIMEOUT_MS, gives `supplynet_database_up 0` and the pool, never an error. While a read is
 * still in flight no other starts: against a database that hangs, scrapes would otherwise take one pooled
 * connection each until the statement timeout, and starve the requests.
 */
export function databaseMetrics(database: Database) {
  let inFlight: Promise<Figures> | null = null;
  let last: { at: number; figures: Figures } | null = null;
  return async (): Promise<string> => {
    if (!last || performance.now() - last.at > DATABASE_METRICS_CACHE_MS) {
      inFlight ??= readDatabase(database).finally(() => {
        inFlight = null;
      });
      const figures = await withTimeout(inFlight, DATABASE_METRICS_TIMEOUT_MS).catch(() => null);
      last = { at: performance.now(), figures };
    }
    return render(database, last.figures);
  };
}
