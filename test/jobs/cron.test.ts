import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningWorker } from "../../src/worker.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { insertNetwork, sleep, startTestWorker } from "../helpers/worker.js";

const t = testApp({ app: false, truncate: false });
const workers: RunningWorker[] = [];

// Several workers share one database only on PostgreSQL. The test waits for a real cron minute (up to ~80 s).
describe.skipIf(testDriver !== "pg")(
  "cron with several workers (pg only: shared database; waits for a cron minute)",
  () => {
    beforeAll(async () => {
      await insertNetwork(t.testDb, 100);
      for (let index = 0; index < 3; index++) workers.push(await startTestWorker(t.testDb));
    });
    afterAll(async () => {
      for (const worker of workers) await worker.stop();
    });

    it("fires a slot's job once, and the run is applied once, however many workers keep the schedule", {
      timeout: 150_000,
    }, async () => {
      // Every minute instead of every 3 hours, so that a slot comes during the test.
      for (const worker of workers) await worker.queue.schedule("accrue-debt", "* * * * *", "UTC");
      const deadline = Date.now() + 120_000;
      let done: { n: number }[] = [];
      while (Date.now() < deadline) {
        done = await t.sql<{ n: number }>(
          "select count(*)::int as n from pgboss.job where name = 'accrue-debt' and state = 'completed'",
        );
        if (done[0]?.n) break;
        await sleep(500);
      }
      expect(done[0]?.n, "no accrue-debt job completed within 2 minutes").toBeGreaterThan(0);
      // Let every worker's cron check pass over the same minute again.
      await sleep(12_000);
      const perMinute = await t.sql<{ minute: Date; jobs: number }>(
        `select date_trunc('minute', created_on) as minute, count(*)::int as jobs
       from pgboss.job where name = 'accrue-debt' group by 1 order by 1`,
      );
      expect(perMinute.length).toBeGreaterThan(0);
      for (const row of perMinute) expect(row.jobs, `jobs created in ${row.minute.toISOString()}`).toBe(1);
      // Every minute maps onto the same 3-hour accrual slot: one run, however many jobs came.
      expect(await t.sql("select count(*)::int as n from task_runs")).toEqual([{ n: 1 }]);
      expect(await t.sql("select count(*)::int as n from companies where level = 1 and debt = 0")).toEqual([
        { n: 0 },
      ]);
    });
  },
);
