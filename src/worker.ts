import type { Logger } from "pino";
import { sendInvitationTask } from "./accounts/send-invitation-task.js";
import { sendPasswordResetTask } from "./accounts/send-password-reset-task.js";
import { sendQrEmailTask } from "./companies/send-qr-email-task.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { accrueDebtTask } from "./debts/accrue-debt-task.js";
import { clearDebtTask } from "./debts/clear-debt-task.js";
import { MAINTENANCE_SCHEDULE, maintenanceTask } from "./debts/maintenance-task.js";
import { repayDebtTask } from "./debts/repay-debt-task.js";
import { SCHEDULES } from "./debts/schedules.js";
import { createLogger } from "./http/logging.js";
import type { MailJobContext } from "./mail/mail-task.js";
import { createMailer, type Mailer } from "./mail/transport.js";
import { countJobEnded, countJobStarted } from "./metrics/registry.js";
import { startMetricsServer } from "./metrics/server.js";
import { type Job, type JobName, JobQueue, type QueueSettings } from "./queue/queue.js";
import type { TaskDefinition } from "./queue/task.js";

type AnyTask = { [N in JobName]: TaskDefinition<N, MailJobContext> }[JobName];

/** Every task, keyed by its queue. */
export const TASKS: { [N in JobName]: TaskDefinition<N, MailJobContext> } = {
  "clear-debt": clearDebtTask,
  "accrue-debt": accrueDebtTask,
  "repay-debt": repayDebtTask,
  maintenance: maintenanceTask,
  "send-qr-email": sendQrEmailTask,
  "send-invitation": sendInvitationTask,
  "send-password-reset": sendPasswordResetTask,
};

const queueSettings = (config: Config) =>
  Object.fromEntries(Object.values(TASKS).map((task) => [task.name, task.settings(config)])) as Record<
    JobName,
    QueueSettings
  >;

export interface QueueDeps {
  config: Config;
  database: Database;
  /** Defaults to config.databaseUrl; tests pass their own database's URL. */
  databaseUrl?: string | undefined;
  /** For lines of the worker's own (pg-boss's errors, the outbox's mails); by default the logger's. */
  log?: (line: string) => void;
  /** Where each job's start, end and failure are logged; by default one in LOG_FORMAT (src/http/logging.ts). */
  logger?: Logger;
}

/** For `serve`: enqueues jobs, never takes any. */
export function openSendQueue(deps: QueueDeps): Promise<JobQueue> {
  return JobQueue.open(deps.database, {
    databaseUrl: deps.databaseUrl ?? deps.config.databaseUrl,
    mode: "send",
    queues: queueSettings(deps.config),
  });
}

/**
 * Runs one attempt of a job and logs it as a Celery worker does: its start, then its success or its failure
 * (with the error), each with the time it took. Only the queue, the job's id and the attempt: a job's data may
 * hold an invitation's or a password reset's token. A failure that pg-boss will retry is a warning. The same
 * start, outcome and time go to the metrics, so the log and a scrape never disagree.
 */
async function reportedJob<T>(logger: Logger, job: Job<JobName>, run: () => Promise<T>): Promise<T> {
  const attempt = job.retryCount + 1;
  const fields = { queue: job.name, jobId: job.id, attempt };
  const task = `Task ${job.name}[${job.id}]`;
  logger.info(fields, `${task} started${attempt > 1 ? ` (attempt ${attempt})` : ""}`);
  countJobStarted(job.name);
  const started = performance.now();
  const durationMs = () => Math.round((performance.now() - started) * 100) / 100;
  try {
    const result = await run();
    const took = durationMs();
    countJobEnded(job.name, "completed", took);
    logger.info({ ...fields, durationMs: took }, `${task} succeeded in ${took} ms`);
    return result;
  } catch (error) {
    const took = durationMs();
    countJobEnded(job.name, "failed", took);
    const retried = job.retryCount < job.retryLimit;
    logger[retried ? "warn" : "error"](
      { ...fields, durationMs: took, err: error },
      `${task} failed in ${took} ms${retried ? ", to be retried" : ""}: ${(error as Error).message}`,
    );
    throw error;
  }
}

export interface RunningWorker {
  queue: JobQueue;
  mailer: Mailer;
  /**
   * Stops taking jobs and lets the ones in flight finish for up to `timeoutMs` (SHUTDOWN_TIMEOUT by default);
   * pg-boss then fails those still running, for retry. Then closes the mail transport.
   */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Works every queue and keeps the cron schedules. Any number of workers may run against one PostgreSQL
 * database: pg-boss hands each job to one of them and creates each cron slot's job once.
 */
export async function startWorker(deps: QueueDeps & { mailer?: Mailer }): Promise<RunningWorker> {
  const logger = deps.logger ?? createLogger(deps.config);
  const log = deps.log ?? ((line: string) => logger.info(line));
  const queue = await JobQueue.open(deps.database, {
    databaseUrl: deps.databaseUrl ?? deps.config.databaseUrl,
    mode: "work",
    queues: queueSettings(deps.config),
    onError: (error) =>
      deps.log ? deps.log(`pg-boss: ${error.message}`) : logger.error(`pg-boss: ${error.message}`),
  });
  const mailer =
    deps.mailer ??
    createMailer({
      smtpUrl: deps.config.smtpUrl,
      connections: deps.config.workerConcurrency,
      from: deps.config.mailFrom,
      dataDir: deps.config.dataDir,
      log,
    });
  const context: MailJobContext = { config: deps.config, database: deps.database, mailer, queue };
  for (const task of Object.values(TASKS) as AnyTask[]) {
    await queue.work(
      task.name,
      (job) =>
        reportedJob(logger, job, () =>
          (task as TaskDefinition<typeof task.name, MailJobContext>).handle(job as never, context),
        ),
      task.concurrent ? deps.config.workerConcurrency : 1,
    );
  }
  for (const [name, cron] of Object.entries(SCHEDULES) as [keyof typeof SCHEDULES, string][]) {
    await queue.schedule(name, cron, deps.config.appTimezone);
  }
  await queue.schedule("maintenance", MAINTENANCE_SCHEDULE, deps.config.appTimezone);
  const { metricsPort, metricsToken, host } = deps.config;
  const metrics =
    metricsPort === undefined ? undefined : await startMetricsServer(host, metricsPort, metricsToken);
  return {
    queue,
    mailer,
    async stop(timeoutMs = deps.config.shutdownTimeoutMs) {
      await metrics?.close();
      await queue.stop(timeoutMs);
      mailer.close();
    },
  };
}
