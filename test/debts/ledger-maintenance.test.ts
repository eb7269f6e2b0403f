import { describe, expect, it } from "vitest";
import { applyScheduledDebtChange } from "../../src/debts/debt.js";
import { maintainLedger } from "../../src/debts/ledger-maintenance.js";
import { createChain } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { waitForJob } from "../helpers/worker.js";

const t = testApp({ app: false, worker: true });

const monthOf = (monthsAgo: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1)).toISOString().slice(0, 7);
};

/** Companies whose debt is not the sum of their entries: none, while the invariant holds. */
const unexplained = () =>
  t.sql(`select c.id from companies c left join (
      select company_id, sum(amount) as total from debt_ledger group by company_id) l on l.company_id = c.id
    where c.debt <> coalesce(l.total, 0)`);

const partitions = () =>
  t.sql<{ name: string; entries: number; comment: string | null }>(
    `select c.relname as name, obj_description(c.oid, 'pg_class') as comment,
       (select count(*)::int from debt_ledger l where l.tableoid = c.oid) as entries
     from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = 'debt_ledger'::regclass order by c.relname`,
  );

describe("the ledger's nightly maintenance", () => {
  it("rolls months past the retention into one entry per company, keeping every debt explained", async () => {
    await createChain(t.testDb, "Old");
    for (const hour of [0, 3, 6]) {
      await applyScheduledDebtChange(
        t.testDb.database.db,
        "accrue-debt",
        new Date(Date.UTC(2025, 0, 1, hour)),
      );
    }
    // Three entries per company moved 15 months back, one 2 months back: the first lands in the DEFAULT
    // partition (no partition exists for that month), and maintenance must give it one before rolling it up.
    await t.sql(`update debt_ledger set at = at - interval '15 months' where kind in ('opening', 'accrual')
      and id not in (select max(id) from debt_ledger group by company_id)`);
    await t.sql(`update debt_ledger set at = at - interval '2 months'
      where id in (select max(id) from debt_ledger group by company_id)`);
    const before = await t.sql("select count(*)::int as n from debt_ledger");

    const done = await maintainLedger(t.testDb.database.db, 13);
    expect(done.rolledUp).toEqual([monthOf(15)]);
    expect(await unexplained()).toEqual([]);
    const old = (await partitions()).find(
      (partition) => partition.name === `debt_ledger_${monthOf(15).replace("-", "_")}`,
    );
    expect(old).toMatchObject({ comment: "rolled up", entries: 4 });
    const kinds = await t.sql<{ kind: string; n: number }>(
      "select kind::text, count(*)::int as n from debt_ledger group by kind order by kind",
    );
    expect(kinds).toEqual([
      { kind: "accrual", n: 4 },
      { kind: "rollup", n: 4 },
    ]);
    expect(before).toEqual([{ n: 16 }]);
    const [{ n: inDefault } = { n: -1 }] = await t.sql<{ n: number }>(
      "select count(*)::int as n from debt_ledger_default",
    );
    expect(inDefault).toBe(0);

    // Again: nothing more to do, and nothing changes.
    expect(await maintainLedger(t.testDb.database.db, 13)).toEqual({ partitionsCreated: 0, rolledUp: [] });
    expect(await unexplained()).toEqual([]);
  });

  it("keeps this month's partition and the next three ready", async () => {
    await maintainLedger(t.testDb.database.db, 13);
    const names = (await partitions()).map((partition) => partition.name);
    for (const ahead of [0, -1, -2, -3]) {
      expect(names).toContain(`debt_ledger_${monthOf(ahead).replace("-", "_")}`);
    }
  });

  it("runs nightly as the maintenance job, which also deletes audit entries past AUDIT_RETENTION_MONTHS", async () => {
    await t.sql(`insert into audit_log (at, actor_label, source, object_type, action) values
      (now() - interval '37 months', 'old@example.com', 'api', 'company', 'update'),
      (now() - interval '35 months', 'kept@example.com', 'api', 'company', 'update')`);
    const jobId = await t.worker.queue.enqueue("maintenance", {});
    const job = await waitForJob(t.worker.queue, jobId);
    expect(job).toMatchObject({ state: "completed", result: { rolled_up: [], audit_entries_deleted: 1 } });
    expect(await t.sql("select actor_label from audit_log")).toEqual([{ actor_label: "kept@example.com" }]);
  });
});
