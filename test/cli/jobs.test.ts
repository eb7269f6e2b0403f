import { describe, expect, it } from "vitest";
import { QUEUE_SCHEMA } from "../../src/queue/queue.js";
import { startWorker } from "../../src/worker.js";
import { testConfig } from "../helpers/app.js";
import { isReadableFailure, runCli, sqlOn } from "../helpers/cli.js";
import { testApp } from "../helpers/fixture.js";
import { waitForJob } from "../helpers/worker.js";

/** A child starts the whole CLI: a few seconds each, far more on a busy machine. */
const CHILD_TIMEOUT = 240_000;

const t = testApp({ app: false, cli: true, truncate: false });

/** A real failure and a job left queued: a worker of this process runs a run whose slot is no date. */
async function failedAndQueuedJobs(): Promise<{ failed: string; queued: string }> {
  const database = await t.cli.open();
  try {
    const worker = await startWorker({
      config: testConfig(),
      database,
      databaseUrl: t.testDb.url,
      log: () => {},
    });
    let failed: string;
    try {
      failed = await worker.queue.enqueue("accrue-debt", { slot: "not a date" }, { retryLimit: 0 });
      expect((await waitForJob(worker.queue, failed)).state).toBe("failed");
    } finally {
      await worker.stop();
    }
    // No worker runs now, so this one stays queued; written as pg-boss's send() writes a job.
    const [row] = (
      await database.executeSql<{ id: string }>(
        `insert into ${QUEUE_SCHEMA}.job (name, data, retry_limit) values ('clear-debt', '{"ids": []}', 3) returning id`,
      )
    ).rows;
    return { failed, queued: row?.id as string };
  } finally {
    await database.close();
  }
}

const stateOf = async (id: string) =>
  (
    await sqlOn<{ state: string }>(t.cli, `select state::text from ${QUEUE_SCHEMA}.job where id = $1`, [id])
  )[0]?.state;

describe("supplynet jobs, as a child process", () => {
  it(
    "says so on a database no supplynet process has served yet",
    async () => {
      const result = await runCli(["jobs"], t.cli.env);
      expect(result.stderr).toMatch(
        /^Error: This database has no job queue yet: it is set up when supplynet start, serve or worker first runs on it\.\n$/,
      );
      expect(isReadableFailure(result), result.stderr).toBe(true);
    },
    CHILD_TIMEOUT,
  );

  it(
    "prints each queue's counts and the recent failures; retries a failed job and cancels a queued one (audited as cli), and refuses the wrong state or an unknown id in one line, changing nothing",
    async () => {
      const { failed, queued } = await failedAndQueuedJobs();

      const overview = await runCli(["jobs"], t.cli.env);
      expect(overview.stderr).toBe("");
      expect(overview.code).toBe(0);
      const lines = overview.stdout.split("\n");
      expect(lines[0]).toMatch(/^queue\s+queued\s+active\s+failed\s+completed\s+oldest queued$/);
      expect(lines.find((line) => line.startsWith("accrue-debt "))).toMatch(
        /^accrue-debt\s+0\s+0\s+1\s+0\s+-$/,
      );
      expect(lines.find((line) => line.startsWith("clear-debt "))).toMatch(
        /^clear-debt\s+1\s+0\s+0\s+0\s+\d+ s$/,
      );
      expect(overview.stdout).toContain("Recent failures (newest first):");
      expect(lines.find((line) => line.startsWith(failed))).toMatch(
        new RegExp(`^${failed}  accrue-debt  \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  Invalid time value$`),
      );

      const wrongRetry = await runCli(["jobs", "retry", queued], t.cli.env);
      expect(wrongRetry.stderr).toBe(
        `Error: Job ${queued} (clear-debt) is queued: only a failed (or cancelled) job can be retried. Nothing was changed; run \`supplynet jobs\` to see the queues.\n`,
      );
      expect(isReadableFailure(wrongRetry)).toBe(true);
      const unknown = await runCli(["jobs", "cancel", "00000000-0000-4000-8000-000000000000"], t.cli.env);
      expect(unknown.stderr).toMatch(
        /^Error: No job has the id 00000000-0000-4000-8000-000000000000; .*`supplynet jobs`/,
      );
      expect(isReadableFailure(unknown)).toBe(true);
      const notAnId = await runCli(["jobs", "retry", "42"], t.cli.env);
      expect(notAnId.stderr).toMatch(/^Error: "42" is not a job id: ids are UUIDs/);
      expect(isReadableFailure(notAnId)).toBe(true);
      expect(await stateOf(queued)).toBe("created");
      expect(await stateOf(failed)).toBe("failed");

      const retried = await runCli(["jobs", "retry", failed], t.cli.env);
      expect(retried.stderr).toBe("");
      expect(retried.stdout).toMatch(new RegExp(`^Job ${failed} \\(accrue-debt\\) is queued again`));
      expect(await stateOf(failed)).toBe("retry");

      const cancelled = await runCli(["jobs", "cancel", queued.toUpperCase()], t.cli.env);
      expect(cancelled.stdout).toBe(`Job ${queued} (clear-debt) is cancelled.\n`);
      expect(await stateOf(queued)).toBe("cancelled");
      const again = await runCli(["jobs", "cancel", queued], t.cli.env);
      expect(again.stderr).toMatch(
        new RegExp(`^Error: Job ${queued} \\(clear-debt\\) is cancelled: only a queued job can be cancelled`),
      );
      expect(isReadableFailure(again)).toBe(true);
      // A cancel is no failure: the failed job is queued again, and the cancelled one is not listed as one.
      const after = await runCli(["jobs"], t.cli.env);
      expect(after.stdout).toContain("No failed jobs.");
      expect(after.stdout).not.toContain(queued);

      expect(
        await sqlOn(
          t.cli,
          "select action, object_type, object_id, source, actor_id from audit_log order by id",
        ),
      ).toEqual([
        { action: "retry_job", object_type: "job", object_id: failed, source: "cli", actor_id: null },
        { action: "cancel_job", object_type: "job", object_id: queued, source: "cli", actor_id: null },
      ]);
    },
    CHILD_TIMEOUT * 3,
  );
});
