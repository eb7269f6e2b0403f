import { beforeAll, describe, expect, it } from "vitest";
import { applyScheduledDebtChange, clearDebt } from "../../src/debts/debt.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { insertNetwork, sleep } from "../helpers/worker.js";

const t = testApp({ app: false, truncate: false });

interface Outcome {
  others_in_bounds: boolean;
  cleared_zero: number;
  cleared_accrued: number;
  exact_total: string;
}

// PGlite has one connection, so nothing there ever runs concurrently: this race exists on PostgreSQL only.
describe.skipIf(testDriver !== "pg")(
  "accrual and clear-debt at the same time (pg only: needs two connections)",
  () => {
    beforeAll(async () => {
      await insertNetwork(t.testDb, 20_000);
    });

    it("ends with the debts of one serial order of the two, whatever their timing", async () => {
      const orders: string[] = [];
      // Every third distributor, spread across the whole table, so that both statements meet in the middle.
      const overlapping = (
        await t.sql<{ id: number }>("select id from companies where level = 1 and id % 3 = 0 order by id")
      ).map((row) => row.id);
      await t.sql("create table overlap as select unnest($1::int[]) as id", [overlapping]);
      // Negative: the clear starts first and the accrual that many ms later; positive: the other way round.
      for (const [round, offsetMs] of [-30, -5, 0, 5, 20, 60, 150].entries()) {
        await t.sql("drop table if exists debt_before");
        await t.sql("create table debt_before as select id, level, debt from companies");
        const slot = new Date(Date.UTC(2026, 0, 1, round * 3));
        const [run, cleared] = await Promise.all([
          sleep(Math.max(0, -offsetMs)).then(() =>
            applyScheduledDebtChange(t.testDb.database.db, "accrue-debt", slot),
          ),
          sleep(Math.max(0, offsetMs)).then(() =>
            t.testDb.database.db.transaction((tx) =>
              clearDebt(tx, overlapping, { kind: "staff_clear", label: "the test" }),
            ),
          ),
        ]);
        expect(cleared.cleared).toBe(overlapping.length);

        const [outcome] = await t.sql<Outcome>(
          `select bool_and(c.debt - b.debt between 5 and 500) filter (where c.level = 1 and o.id is null)
                  as others_in_bounds,
                count(*) filter (where o.id is not null and c.debt = 0)::int as cleared_zero,
                count(*) filter (where o.id is not null and c.debt between 5 and 500)::int as cleared_accrued,
                (sum(c.debt - b.debt) filter (where o.id is null)
                  + sum(c.debt) filter (where o.id is not null))::text as exact_total
         from companies c join debt_before b using (id) left join overlap o using (id)`,
        );
        expect(outcome?.others_in_bounds).toBe(true);
        if (outcome?.cleared_zero === overlapping.length) {
          orders.push(`${offsetMs} ms: accrue, then clear`);
        } else {
          // Clear first, then accrual: each cleared company holds exactly its accrued amount, and the run's
          // recorded total is exactly the sum of all changes.
          expect(outcome?.cleared_accrued).toBe(overlapping.length);
          expect(run?.totalChange).toBe(outcome?.exact_total);
          orders.push(`${offsetMs} ms: clear, then accrue`);
        }
      }
      console.log(`serial orders seen: ${orders.join("; ")}`);
    });
  },
);
