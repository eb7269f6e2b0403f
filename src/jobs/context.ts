import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Mailer } from "../mail/transport.js";
import type { Job, JobName, JobQueue, QueueSettings } from "./queue.js";

/** What a job handler may use. */
export interface JobContext {
  config: Config;
  database: Database;
  mailer: Mailer;
  queue: JobQueue;
}

/** One task: its queue's settings and the handler; the handler's return value is the job's result. */
export interface TaskDefinition<N extends JobName> {
  name: N;
  /** Some follow the configuration (timeouts, how long mail retries). */
  settings(config: Config): QueueSettings;
  /** Its jobs are independent of each other, so one worker runs `config.workerConcurrency` at a time. */
  concurrent?: boolean;
  handle(job: Job<N>, context: JobContext): Promise<object | undefined>;
}
