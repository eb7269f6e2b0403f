import { describe, expect, it } from "vitest";
import { openSendQueue, startWorker, TASKS } from "../../src/worker.js";
import { testConfig } from "../helpers/app.js";
import { createTestDatabase, testDriver } from "../helpers/database.js";

/**
 * Each queue's setup attaches a partition to pg-boss's job table; done by several processes at once on a fresh
 * database it deadlocked (40P01). Here the "processes" are pg-boss instances, each with its own pool, set up
 * together; test/cli/production-start.test.ts starts real ones. PGlite has one process, so this is pg only.
 */
describe.runIf(testDriver === "pg")("queue setup on a fresh PostgreSQL database", () => {
  it("lets many senders and workers set their queues up at once", async () => {
    for (let round = 0; round < 2; round++) {
      const testDb = await createTestDatabase({ queueSchema: false });
      const deps = {
        config: testConfig(),
        database: testDb.database,
        databaseUrl: testDb.url,
        log: () => {},
      };
      try {
        const opened = await Promise.allSettled([
          ...Array.from({ length: 3 }, () => openSendQueue(deps)),
          ...Array.from({ length: 3 }, () => startWorker(deps)),
        ]);
        await Promise.all(
          opened.map((result) => (result.status === "fulfilled" ? result.value.stop() : undefined)),
        );
        const failures = opened.flatMap((result) =>
          result.status === "rejected" ? [String(result.reason)] : [],
        );
        expect(failures).toEqual([]);
        const { rows } = await testDb.database.executeSql<{ name: string }>(
          "select name from pgboss.queue where name not like '\\_\\_pgboss%' order by name",
        );
        expect(rows.map((row) => row.name)).toEqual(Object.keys(TASKS).sort());
      } finally {
        await testDb.destroy();
      }
    }
  });
});
