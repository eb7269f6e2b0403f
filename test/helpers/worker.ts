import { expect } from "vitest";
import type { Config } from "../../src/config.js";
import type { Mailer } from "../../src/mail/transport.js";
import type { JobQueue, JobStatus } from "../../src/queue/queue.js";
import { type RunningWorker, startWorker } from "../../src/worker.js";
import { testConfig } from "./app.js";
import type { TestDatabase } from "./database.js";

export interface TestWorkerOptions {
  mailer?: Mailer;
  smtpUrl?: string;
  dataDir?: string;
  config?: Partial<Config>;
}

/** A worker inside the test process, on the test's own database (pg-boss gets its own pool on pg). */
export function startTestWorker(
  testDb: TestDatabase,
  options: TestWorkerOptions = {},
): Promise<RunningWorker> {
  const config = testConfig({
    ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...options.config,
  });
  return startWorker({
    config,
    database: testDb.database,
    databaseUrl: testDb.url,
    log: () => {},
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the job reaches one of `states`; fails the test with the last state seen after `timeoutMs`. */
export async function waitForJob(
  queue: JobQueue,
  id: string,
  states: JobStatus["state"][] = ["completed", "failed"],
  timeoutMs = 20_000,
): Promise<JobStatus> {
  const deadline = Date.now() + timeoutMs;
  let job: JobStatus | null = null;
  while (Date.now() < deadline) {
    job = await queue.getJob(id);
    if (job && states.includes(job.state)) return job;
    await sleep(100);
  }
  expect.fail(
    `job ${id} did not reach ${states.join("/")} in ${timeoutMs} ms; last seen ${JSON.stringify(job)}`,
  );
}

/**
 * `count` companies in bulk: one factory per 100 companies, the rest distributors with a debt of
 * 0.00..999.99 (some exactly 0, to exercise the floor of repayment). Returns the factories' count.
 */
export async function insertNetwork(testDb: TestDatabase, count: number): Promise<number> {
  const factories = Math.ceil(count / 100);
  await testDb.database.executeSql(
    `insert into companies (name, email, country, city, street, house_number, level)
     select 'Factory ' || n, 'f' || n || '@example.com', 'Russia', 'Moscow', 'Tverskaya', n::text, 0
     from generate_series(1, $1::int) n`,
    [factories],
  );
  await testDb.database.executeSql(
    `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
     select 'Distributor ' || n, 'd' || n || '@example.com', 'Russia', 'Kazan', 'Baumana', n::text, 1,
            (select min(id) from companies where level = 0) + n % $2::int,
            case when n % 10 = 0 then 0 else round((random() * 999.99)::numeric, 2) end
     from generate_series(1, $1::int) n`,
    [count - factories, factories],
  );
  return factories;
}
