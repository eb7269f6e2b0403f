import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Job, JobName, JobQueue, QueueSettings } from "./queue.js";

/**
 * The expiry of a job that does one database transaction: it waits at most `lockTimeoutMs` for its locks and
 * runs at most `statementTimeoutMs`, so a job still active past both (and a margin) belongs to a dead worker.
 * Any shorter, and a live job would be failed and retried while its UPDATE then commits.
 */
export function expiryPastDatabaseTimeouts(config: Config): number {
  return Math.ceil((config.lockTimeoutMs + config.statementTimeoutMs) / 1000) + 5;
}

/** What every job handler may use; a layer above adds its own (the mail tasks get the mailer). */
export interface JobContext {
  config: Config;
  database: Database;
  queue: JobQueue;
}

/** One task: its queue's settings and the handler; the handler's return value is the job's result. */
export interface TaskDefinition<N extends JobName, Context extends JobContext = JobContext> {
  name: N;
  /** Some follow the configuration (timeouts, how long mail retries). */
  settings(config: Config): QueueSettings;
  /** Its jobs are independent of each other, so one worker runs `config.workerConcurrency` at a time. */
  concurrent?: boolean;
  handle(job: Job<N>, context: Context): Promise<object | undefined>;
}
