import { sql } from "drizzle-orm";
import { type AuditOrigin, recordAudit } from "../auth/audit.js";
import type { Services } from "../auth/services.js";
import { type DbOrTx, selectRows } from "../db/client.js";
import { INTERRUPTED_AFTER_SECONDS, SCHEDULED_DEBT_TASKS, type ScheduledDebtTask } from "../debts/debt.js";
import { MAINTENANCE_SCHEDULE } from "../debts/maintenance-task.js";
import { nextCronTime, SCHEDULES } from "../debts/schedules.js";
import type { Page } from "../http/listing.js";
import type { JobChange, JobInspection, JobName, JobStatus } from "../queue/queue.js";
import { toResponse } from "../queue/routes.js";
import { type JobListFilters, SCHEDULE_NAMES, type ScheduleName } from "./schemas.js";

/** The services' parts these use; a command has a JobQueue.inspect() in place of the app's queue. */
interface Inspecting {
  db: DbOrTx;
  jobs: JobInspection;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export const jobListItem = (job: JobStatus) => ({
  ...toResponse(job),
  started_at: job.startedAt?.toISOString() ?? null,
  retry_count: job.retryCount,
  retry_limit: job.retryLimit,
});

export async function listJobs({ jobs }: Pick<Inspecting, "jobs">, filters: JobListFilters, page: Page) {
  const { count, jobs: found } = await jobs.listJobs(
    { state: filters.state, name: filters.name },
    { limit: page.pageSize, offset: page.offset },
  );
  return { count, results: found.map(jobListItem) };
}

export async function listQueues({ jobs }: Pick<Inspecting, "jobs">) {
  const queues = await jobs.queueCounts();
  return queues.map((queue) => ({
    name: queue.name,
    queued: queue.queued,
    active: queue.active,
    failed: queue.failed,
    completed: queue.completed ?? 0,
    oldest_queued_seconds: queue.oldest_queued_seconds,
  }));
}

export const isScheduleName = (name: string): name is ScheduleName =>
  (SCHEDULE_NAMES as readonly string[]).includes(name);

const isDebtTask = (name: ScheduleName): name is ScheduledDebtTask =>
  (SCHEDULED_DEBT_TASKS as readonly string[]).includes(name);

interface RunRow {
  task: string;
  slot: Date | string;
  started_at: Date | string;
  finished_at: Date | string | null;
  companies_touched: number;
  total_change: string;
  live: boolean;
}

/** The latest run of each debt task by when it started: a run-now's slot may come before a cron slot's. */
async function latestRuns(db: DbOrTx) {
  const rows = await selectRows<RunRow>(
    db,
    sql`
      select distinct on (task) task, slot, started_at, finished_at, companies_touched::int as companies_touched,
        total_change::text as total_change,
        progress_at > now() - make_interval(secs => ${INTERRUPTED_AFTER_SECONDS}) as live
      from task_runs where task = any(${sql.param([...SCHEDULED_DEBT_TASKS])}::text[])
      order by task, started_at desc, id desc`,
  );
  return new Map(
    rows.map((row) => [
      row.task,
      {
        slot: iso(row.slot),
        started_at: iso(row.started_at),
        finished_at: row.finished_at === null ? null : iso(row.finished_at),
        companies_touched: row.companies_touched,
        total_change: row.total_change,
        state: row.finished_at !== null ? "finished" : row.live ? "running" : "interrupted",
      } as const,
    ]),
  );
}

/** Maintenance keeps no task_runs row: its last run is its latest completed job. */
function maintenanceRun(job: JobStatus | null) {
  if (!job?.completedAt) return null;
  const started = (job.startedAt ?? job.createdAt).toISOString();
  return {
    slot: started,
    started_at: started,
    finished_at: job.completedAt.toISOString(),
    companies_touched: 0,
    total_change: "0.00",
    state: "finished" as const,
  };
}

/** Each schedule with its cron, its next slot, its latest run and its queue's latest failure. */
export async function listSchedules({ db, jobs }: Inspecting, timezone: string, now = new Date()) {
  const [runs, lastMaintenance, ...failures] = await Promise.all([
    latestRuns(db),
    jobs.latestJob("maintenance", "completed"),
    ...SCHEDULE_NAMES.map((name) => jobs.latestJob(name, "failed")),
  ]);
  return SCHEDULE_NAMES.map((name, index) => {
    const failure = failures[index];
    const cron = isDebtTask(name) ? SCHEDULES[name] : MAINTENANCE_SCHEDULE;
    const next = nextCronTime(cron, timezone, now);
    return {
      name,
      cron,
      timezone,
      next_run_at: next.toISOString(),
      last_run: isDebtTask(name) ? (runs.get(name) ?? null) : maintenanceRun(lastMaintenance),
      last_failure: failure
        ? {
            at: (failure.completedAt ?? failure.createdAt).toISOString(),
            error: failure.error,
            job_id: failure.id,
          }
        : null,
    };
  });
}

/**
 * Runs a schedule now: a job of its queue, which a worker takes as any other. A debt run's job carries its
 * slot, the instant it was asked for, as `run-task` takes now for its own: every attempt of the job (a retry,
 * a second delivery) claims that one slot, so the run is applied once, and a job whose slot was applied
 * already changes nothing and says so in its result. Maintenance is idempotent and needs no slot. Recorded in
 * the audit log with the enqueue, in one transaction: the entry exists exactly when the job does.
 */
export async function runScheduleNow(
  { db, jobs }: Pick<Services, "db" | "jobs">,
  origin: AuditOrigin,
  name: ScheduleName,
  now = new Date(),
): Promise<string> {
  const jobId = await db.transaction(async (tx) => {
    const slot = now.toISOString();
    const jobId = isDebtTask(name)
      ? await jobs.enqueue(name, { slot }, { db: tx })
      : await jobs.enqueue("maintenance", {}, { db: tx });
    await recordAudit(tx, origin, {
      action: "run_task",
      objectType: "task",
      objectId: name,
      details: isDebtTask(name) ? { job_id: jobId, slot } : { job_id: jobId },
    });
    return jobId;
  });
  jobs.wake(name);
  return jobId;
}

/** A retry or a cancel, audited in the transaction that makes it; a refused one changes and records nothing. */
async function changeJob(
  { db, jobs }: Inspecting,
  origin: AuditOrigin,
  id: string,
  action: "retry_job" | "cancel_job",
): Promise<JobChange> {
  const outcome = await db.transaction(async (tx) => {
    const outcome =
      action === "retry_job" ? await jobs.retryJob(id, { db: tx }) : await jobs.cancelJob(id, { db: tx });
    if (outcome?.changed) {
      await recordAudit(tx, origin, {
        action,
        objectType: "job",
        objectId: id,
        details: { queue: outcome.job.name },
      });
    }
    return outcome;
  });
  if (outcome?.changed && action === "retry_job") jobs.wake(outcome.job.name as JobName);
  return outcome;
}

/** A failed (or cancelled) job queued again; null for an unknown id, `changed` false for any other state. */
export const retryJob = (deps: Inspecting, origin: AuditOrigin, id: string) =>
  changeJob(deps, origin, id, "retry_job");

/** A queued job cancelled; null for an unknown id, `changed` false once a worker has taken it or it finished. */
export const cancelJob = (deps: Inspecting, origin: AuditOrigin, id: string) =>
  changeJob(deps, origin, id, "cancel_job");
