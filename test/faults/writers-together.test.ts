import { beforeAll, describe, expect, it } from "vitest";
import { applyScheduledDebtChange } from "../../src/debts/debt.js";
import { createUser, type TestUser } from "../helpers/app.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { insertNetwork } from "../helpers/worker.js";

/**
 * Staff edits, clear-debt and the scheduled runs at once, through the real routes and the real run, on
 * PostgreSQL (PGlite has one connection, so nothing there runs concurrently). No two writers may deadlock:
 * no edit answers 500 and no run aborts.
 */
describe.skipIf(testDriver !== "pg")(
  "every writer of companies at the same time",
  { timeout: 120_000 },
  () => {
    const t = testApp({ truncate: false });
    let staff: TestUser;
    let ids: number[];

    beforeAll(async () => {
      await insertNetwork(t.testDb, 20_000);
      staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
      const { rows } = await t.testDb.database.executeSql<{ id: number }>(
        "select id from companies where level = 1 order by id",
      );
      ids = rows.map((row) => row.id);
    });

    it("PATCH, clear_debt, accrual and repayment never deadlock", async () => {
      const statuses = new Map<number, number>();
      const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const pick = () => ids[Math.floor(Math.random() * ids.length)] as number;
      let running = true;

      const editor = async (client: number) => {
        for (let n = 0; running; n++) {
          const response = await t.app.inject({
            method: "PATCH",
            url: `/api/v1/companies/${pick()}`,
            headers: staff.headers,
            payload: { name: `Edited ${client}-${n}`, city: n % 2 ? "Kazan" : "Samara" },
          });
          count(response.statusCode);
        }
      };
      const clearer = async () => {
        while (running) {
          const response = await t.app.inject({
            method: "POST",
            url: "/api/v1/companies/clear_debt",
            headers: staff.headers,
            payload: { ids: [pick(), pick(), pick()] },
          });
          count(response.statusCode);
        }
      };
      const runs = async () => {
        const outcomes: string[] = [];
        for (let round = 0; round < 6; round++) {
          const task = round % 3 === 2 ? "repay-debt" : "accrue-debt";
          const run = await applyScheduledDebtChange(
            t.testDb.database.db,
            task,
            new Date(Date.UTC(2030, 0, 1, round * 3)),
          );
          outcomes.push(run ? "applied" : "skipped");
        }
        running = false;
        return outcomes;
      };

      const [outcomes] = await Promise.all([
        runs(),
        ...Array.from({ length: 8 }, (_, client) => editor(client)),
        clearer(),
      ]);
      expect(outcomes).toEqual(Array(6).fill("applied"));
      expect(Object.fromEntries(statuses)).toEqual({ 200: expect.any(Number) });
    });
  },
);
