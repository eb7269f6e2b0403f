import { type AuditOrigin, cliOrigin } from "../auth/audit.js";
import type { Database } from "../db/client.js";
import { databaseErrorOf } from "../db/errors.js";
import { JobQueue } from "../queue/queue.js";
import { UserError } from "../user-error.js";
import { cancelJob, listQueues, retryJob } from "./service.js";

/**
 * What `supplynet jobs` does, as Celery's `inspect`: plain JSON in and out, so that it can run inside a running
 * `start` (src/cli/operations.ts). pg-boss is not started for it (JobQueue.inspect): a command that looks at the
 * jobs creates nothing, and a database no supplynet process has served yet has no queue to show.
 */

/** How many recent failures `supplynet jobs` lists. */
const RECENT_FAILURES = 10;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** pg-boss's tables appear when `start`, `serve` or `worker` first runs on the database. */
async function withQueueTables<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (databaseErrorOf(error).code === "42P01") {
      throw new UserError(
        "This database has no job queue yet: it is set up when supplynet start, serve or worker first runs on it.",
        { cause: error },
      );
    }
    throw error;
  }
}

export interface JobsOverview {
  queues: Awaited<ReturnType<typeof listQueues>>;
  failures: { id: string; name: string; at: string; error: string | null }[];
}

export function jobsOverview(database: Database): Promise<JobsOverview> {
  const jobs = JobQueue.inspect(database);
  return withQueueTables(async () => {
    const queues = await listQueues({ jobs });
    const { jobs: failed } = await jobs.listJobs({ state: "failed" }, { limit: RECENT_FAILURES, offset: 0 });
    return {
      queues,
      failures: failed.map((job) => ({
        id: job.id,
        name: job.name,
        at: (job.completedAt ?? job.createdAt).toISOString(),
        error: job.error,
      })),
    };
  });
}

const REFUSAL = {
  retry: "only a failed (or cancelled) job can be retried",
  cancel: "only a queued job can be cancelled; a running one finishes or fails on its own",
};

/** `supplynet jobs retry|cancel ID`: one line saying what was done, or a UserError saying what to do. */
export async function changeJobFromCli(
  database: Database,
  action: "retry" | "cancel",
  id: string,
  origin: AuditOrigin = cliOrigin(),
): Promise<string> {
  if (!UUID.test(id)) {
    throw new UserError(`"${id}" is not a job id: ids are UUIDs, as \`supplynet jobs\` lists them.`);
  }
  const deps = { db: database.db, jobs: JobQueue.inspect(database) };
  return withQueueTables(async () => {
    const change = action === "retry" ? retryJob : cancelJob;
    const outcome = await change(deps, origin, id.toLowerCase());
    if (!outcome) {
      throw new UserError(
        `No job has the id ${id}; pg-boss deletes archived jobs after 7 days. Run \`supplynet jobs\` for the recent failures.`,
      );
    }
    const { job } = outcome;
    if (!outcome.changed) {
      throw new UserError(
        `Job ${job.id} (${job.name}) is ${job.state}: ${REFUSAL[action]}. Nothing was changed; run \`supplynet jobs\` to see the queues.`,
      );
    }
    return action === "retry"
      ? `Job ${job.id} (${job.name}) is queued again; a worker takes it within its polling interval.`
      : `Job ${job.id} (${job.name}) is cancelled.`;
  });
}
