import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { KILL_POINTS, KillLab } from "../helpers/kill-scenarios.js";

/**
 * A real `supplynet worker` SIGKILLed during a clear-debt job at each point of its life, debt added to its
 * companies before a fresh worker retries it: each company is cleared exactly once, and the debt added after a
 * committed clear survives the retry. The same scenarios run 20 times per point in `npm run faults`.
 * Runs in the pg project only: several processes share the database.
 */
describe.skipIf(testDriver !== "pg")("clear-debt whose worker is SIGKILLed", { timeout: 90_000 }, () => {
  const t = testApp({ app: false, truncate: false });
  let lab: KillLab;

  beforeAll(async () => {
    lab = await KillLab.open(t.testDb);
  });
  afterAll(() => lab?.close());

  it.each(KILL_POINTS)(
    "killed %s: applied once, nothing newer wiped, retried in bounded time",
    async (point) => {
      const outcome = await lab.run(point);
      const context = `${JSON.stringify(outcome)}\n${lab.workerOutput()}`;
      expect(outcome.disturbed, context).toBeUndefined();
      expect(outcome.reached, context).toBe(true);
      expect(outcome.clears, context).toEqual({ min: 1, max: 1 });
      expect(outcome.wrongDebts, context).toBe(0);
      expect(outcome.state, context).toBe("completed");
      expect(outcome.appliedJobsRows, context).toBe(1);
      // Only a clear that reached its COMMIT is kept; the retry of one that did finds it and changes nothing.
      expect(outcome.firstCommitted, context).toBe(point === "after-commit");
      expect(outcome.alreadyApplied, context).toBe(outcome.firstCommitted);
      // Expiry 2 s + 3 s + 5 s, maintenance within 10 s, the retry delay 2 to 4 s, and a worker's start.
      expect(outcome.retryMs, context).toBeLessThan(60_000);
    },
  );
});
