import { createRequire } from "node:module";
import pg from "pg";
import type PgBoss from "pg-boss";
import { isDatabaseUnavailable } from "../db/errors.js";

// pg-boss's statement texts: the ones that record a job's end are recognised by being the very same text.
const plans = createRequire(import.meta.url)("pg-boss/src/plans.js") as {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
};

const MAX_RETRY_PAUSE_MS = 5000;
/** What pg-boss reads from a completion's answer: no job was affected. */
const NOTHING_RECORDED = { rows: [{ count: 0 }] };

export interface BossConnection extends PgBoss.Db {
  /** Ends the pool; a completion still waiting for the database is given up (the job's expiry retries it). */
  close(): Promise<void>;
}

/**
 * pg-boss's own connection to PostgreSQL, which outlasts an outage. pg-boss 10 records a job's completion or
 * failure without awaiting it (Manager.watch calls complete()/fail() and moves on), so when the database is
 * away at that moment the rejection is unhandled and Node exits, taking `worker` (and `start`'s HTTP server)
 * down. Here those two statements are retried until the database is back, which also means that a job whose
 * effect committed is recorded as completed as soon as it can be, and one whose effect failed is retried at its
 * queue's delay rather than after an expiry. Every other statement fails as usual: pg-boss's loops catch those.
 */
export function bossConnection(options: {
  connectionString: string;
  applicationName: string;
  schema: string;
  onError: (error: Error) => void;
}): BossConnection {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: 4,
    application_name: options.applicationName,
  });
  pool.on("error", options.onError);
  pool.on("connect", (client) => client.on("error", () => {}));
  const recordsJobEnd = new Set([plans.completeJobs(options.schema), plans.failJobsById(options.schema)]);
  let closed = false;
  return {
    async executeSql(text, values) {
      for (let attempt = 0; ; attempt++) {
        if (closed && recordsJobEnd.has(text)) return NOTHING_RECORDED;
        try {
          return await pool.query(text, values);
        } catch (error) {
          if (!recordsJobEnd.has(text) || !isDatabaseUnavailable(error)) throw error;
          await new Promise((resolve) =>
            setTimeout(resolve, Math.min(250 * 2 ** attempt, MAX_RETRY_PAUSE_MS)),
          );
        }
      }
    },
    async close() {
      closed = true;
      await pool.end();
    },
  };
}
