import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { RunKillLab } from "../helpers/run-kill-scenarios.js";

/**
 * One accrual run over six chunks, its real `supplynet worker` SIGKILLed three times (while the second chunk
 * waits for its rows, while a chunk runs in the middle, while the last one waits), each time taken on by
 * pg-boss's retry in a fresh worker: no dead chunk leaves a trace, and in the end every company with a supplier
 * was changed exactly once, by 5.00..500.00, and the run's totals are what its ledger entries say. The same
 * run repeats in `npm run faults -- --runs N`. Runs in the pg project only: several processes share the database.
 */
describe.skipIf(testDriver !== "pg")(
  "a chunked accrual whose worker is SIGKILLed",
  { timeout: 240_000 },
  () => {
    const t = testApp({ app: false, truncate: false });
    let lab: RunKillLab;

    beforeAll(async () => {
      lab = await RunKillLab.open(t.testDb);
    });
    afterAll(() => lab?.close());

    it("changes every company exactly once, whatever chunk the kills land in", async () => {
      const outcome = await lab.run();
      const context = `${JSON.stringify(outcome)}\n${lab.workerOutput()}`;
      expect(outcome.otherRuns, "a cron slot ran meanwhile: the test proves nothing").toBe(0);
      for (const kill of outcome.kills) {
        // A crash loses the chunk under way and nothing else: the progress and the entries are the committed chunks'.
        expect(kill, context).toMatchObject({
          finished: false,
          doneThroughId: kill.expectedDoneThroughId,
          entries: kill.expectedEntries,
        });
      }
      expect(outcome.kills.map((kill) => kill.point)).toEqual([
        "second chunk waiting",
        "middle",
        "last chunk waiting",
      ]);
      expect(outcome, context).toMatchObject({
        state: "completed",
        finished: true,
        doneThroughLast: true,
        companiesTouched: outcome.distributors,
        resultTouched: outcome.distributors,
        resultTotal: outcome.totalChange,
        skipped: 0,
        twice: 0,
        factoriesChanged: 0,
        outOfRange: 0,
        unexplained: 0,
        ledgerTotal: outcome.totalChange,
        actualTotal: outcome.totalChange,
        brokenInvariant: 0,
      });
    });
  },
);
