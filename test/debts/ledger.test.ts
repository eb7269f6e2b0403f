import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { applyScheduledDebtChange, type ScheduledDebtTask } from "../../src/debts/debt.js";
import { SCHEDULES } from "../../src/debts/schedules.js";
import { importTestData } from "../../src/seed/import.js";
import {
  createChain,
  createUser,
  PASSWORD_ONE_HASH,
  type TestCompany,
  type TestUser,
} from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { ledgerMismatches } from "../helpers/ledger.js";
import { insertNetwork, waitForJob } from "../helpers/worker.js";

/**
 * The ledger's invariant (a company's debt is the sum of its entries) after every path that changes a debt,
 * and what each path's entries say: their kind and the cause a reader sees.
 */
const t = testApp({ worker: true });
let staff: TestUser;
/** The partition this month's entries belong in, and the SQL user a raw statement is filed under. */
let thisMonth: string;
let sqlUser: string;

interface Entry {
  company_id: number;
  amount: string;
  kind: string;
  cause_id: number;
  /** Null when the entry names a cause that does not exist. */
  label: string | null;
  user_id: number | null;
  task_run_id: number | null;
  job_id: string | null;
  partition: string;
}

const entries = (where = "true", values?: unknown[]) =>
  t.sql<Entry>(
    `select l.company_id, l.amount::text as amount, l.kind::text as kind, l.cause_id, c.label, c.user_id,
       c.task_run_id, c.job_id, l.tableoid::regclass::text as partition
     from debt_ledger l left join debt_causes c on c.id = l.cause_id
     where ${where} order by l.id`,
    values,
  );

const one = async <Row>(text: string, values?: unknown[]) => (await t.sql<Row>(text, values))[0] as Row;

const counts = () =>
  one<{ entries: number; causes: number }>(
    "select (select count(*)::int from debt_ledger) as entries, (select count(*)::int from debt_causes) as causes",
  );

const expectExplained = async () => expect(await ledgerMismatches(t)).toEqual([]);

/** One entry as a path should write it; the cause's id is whatever the database gave it. */
const entry = (fields: Partial<Entry> & Pick<Entry, "company_id" | "amount" | "kind" | "label">): Entry => ({
  cause_id: expect.any(Number),
  user_id: null,
  task_run_id: null,
  job_id: null,
  partition: thisMonth,
  ...fields,
});

const distinct = <T>(values: T[]) => [...new Set(values)];

/** A company inserted by raw SQL below `supplier` (an entrepreneur under a retail chain). */
const insertCompany = async (supplier: TestCompany, debt: string) =>
  (
    await one<{ id: number }>(
      `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
       values ('Raw', 'raw@example.com', 'Russia', 'Kazan', 'Baumana', '1', $1::int + 1, $2, $3) returning id`,
      [supplier.level, supplier.id, debt],
    )
  ).id;

beforeAll(async () => {
  // The real clock must not fire a scheduled run into these counts.
  for (const task of Object.keys(SCHEDULES)) await t.worker.queue.unschedule(task as keyof typeof SCHEDULES);
  ({ name: thisMonth } = await one<{ name: string }>(
    "select 'debt_ledger_' || to_char(now() at time zone 'UTC', 'YYYY_MM') as name",
  ));
  ({ name: sqlUser } = await one<{ name: string }>("select current_user::text as name"));
});

beforeEach(async () => {
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
});

describe("ledgerMismatches", () => {
  it("names a debt the ledger does not explain, and a deleted company's entries that do not cancel out", async () => {
    const chain = await createChain(t.testDb, "Theta");
    const [owing, gone] = [chain[1], chain[4]] as [TestCompany, TestCompany];
    await expectExplained();
    await t.sql("update debt_ledger set amount = amount + 1 where company_id = $1", [owing.id]);
    await t.sql("delete from companies where id = $1", [gone.id]);
    await t.sql("delete from debt_ledger where company_id = $1 and kind = 'deletion'", [gone.id]);
    expect(await ledgerMismatches(t)).toEqual([
      { company_id: owing.id, debt: "100.50", entries: "101.50" },
      { company_id: gone.id, debt: null, entries: "100.50" },
    ]);
  });
});

describe("the ledger explains every debt: the app's paths", () => {
  it("files a company's opening debt and its deletion under the staff user who made them", async () => {
    const retail = (await createChain(t.testDb, "Alpha"))[3] as TestCompany;
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/companies",
      headers: staff.headers,
      payload: {
        name: "Newcomer",
        email: "new@example.com",
        country: "Russia",
        city: "Kazan",
        street: "Baumana",
        house_number: "1",
        level: "entrepreneur",
        supplier_id: retail.id,
        debt: "250.75",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const byStaff = { label: "staff staff@example.com", user_id: staff.id };
    expect(await entries("l.company_id = $1", [id])).toEqual([
      entry({ company_id: id, amount: "250.75", kind: "opening", ...byStaff }),
    ]);
    await expectExplained();

    const deleted = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/companies/${id}`,
      headers: staff.headers,
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await entries("l.company_id = $1", [id])).toEqual([
      entry({ company_id: id, amount: "250.75", kind: "opening", ...byStaff }),
      entry({ company_id: id, amount: "-250.75", kind: "deletion", ...byStaff }),
    ]);
    await expectExplained();
  });

  it("files a clear of up to 20 as staff_clear by the staff user, one cause for the request", async () => {
    const chain = await createChain(t.testDb, "Beta");
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/companies/clear_debt",
      headers: staff.headers,
      payload: { ids: chain.map((company) => company.id) },
    });
    expect(response.json()).toMatchObject({ cleared: 4, written_off: "402.00" });
    const cleared = await entries("l.kind = 'staff_clear'");
    expect(cleared).toEqual(
      chain.slice(1).map((company) =>
        entry({
          company_id: company.id,
          amount: "-100.50",
          kind: "staff_clear",
          label: "staff staff@example.com",
          user_id: staff.id,
        }),
      ),
    );
    expect(distinct(cleared.map((row) => row.cause_id))).toHaveLength(1);
    await expectExplained();
  });

  it("files a clear of more than 20 as job_clear, naming the job and the staff user who asked", async () => {
    const indebted: number[] = [];
    const ids: number[] = [];
    for (let index = 0; index < 6; index++) {
      const chain = await createChain(t.testDb, `C${index}`);
      ids.push(...chain.map((company) => company.id));
      indebted.push(...chain.slice(1).map((company) => company.id));
    }
    const queued = await t.app.inject({
      method: "POST",
      url: "/api/v1/companies/clear_debt",
      headers: staff.headers,
      payload: { ids },
    });
    expect(queued.statusCode).toBe(202);
    const jobId = queued.json().job_id as string;
    expect((await waitForJob(t.worker.queue, jobId)).state).toBe("completed");
    const cleared = await entries("l.kind = 'job_clear'");
    expect(cleared).toEqual(
      indebted.map((id) =>
        entry({
          company_id: id,
          amount: "-100.50",
          kind: "job_clear",
          label: `clear-debt job ${jobId}`,
          user_id: staff.id,
          job_id: jobId,
        }),
      ),
    );
    expect(distinct(cleared.map((row) => row.cause_id))).toHaveLength(1);
    await expectExplained();
  });

  it("changes no debt and writes nothing for a PATCH, a rename in SQL, or a debt set to what it was", async () => {
    const chain = await createChain(t.testDb, "Gamma");
    const before = await counts();
    const patched = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/companies/${chain[2]?.id}`,
      headers: staff.headers,
      payload: { name: "Gamma, renamed" },
    });
    expect(patched.statusCode).toBe(200);
    await t.sql("update companies set name = name || ' (checked)'");
    await t.sql("update companies set debt = debt");
    await t.sql("update companies set debt = debt + 1 where false");
    const empty = await insertCompany(chain[3] as TestCompany, "0");
    await t.sql("delete from companies where id = $1", [empty]);
    expect(await counts()).toEqual(before);
    await expectExplained();
  });
});

describe("the ledger explains every debt: scheduled runs in chunks", () => {
  /** One run with chunks of `chunkSize`; checks its entries against its task_runs row, and returns both. */
  async function runInChunks(task: ScheduledDebtTask, slot: Date, chunkSize: number, db?: Db) {
    const run = await applyScheduledDebtChange(db ?? t.testDb.database.db, task, slot, { chunkSize });
    const row = await one<{ id: number; cause_id: number; total_change: string; last_company_id: number }>(
      `select id, cause_id, total_change::text, last_company_id from task_runs
       where task = $1 and slot = $2 and finished_at is not null`,
      [task, slot],
    );
    const kind = task === "accrue-debt" ? "accrual" : "repayment";
    const written = await entries("l.cause_id = $1", [row.cause_id]);
    expect(distinct(written.map((entry) => `${entry.kind} ${entry.label} ${entry.task_run_id}`))).toEqual([
      `${kind} ${task} ${slot.toISOString()} ${row.id}`,
    ]);
    expect(distinct(written.map((entry) => entry.partition))).toEqual([thisMonth]);
    // Exact: the run's total and the sum of its entries, both as numeric in SQL.
    const sums = await one<{ entries: string; same: boolean }>(
      `select sum(amount)::text as entries, sum(amount) = $2::numeric as same from debt_ledger where cause_id = $1`,
      [row.cause_id, row.total_change],
    );
    expect(sums).toEqual({ entries: row.total_change, same: true });
    expect(run?.totalChange).toBe(row.total_change);
    await expectExplained();
    return { run, row, written };
  }

  it("files accrual and repayment per company, one cause per run, its total the sum of its entries", async () => {
    await insertNetwork(t.testDb, 100);
    const accrual = await runInChunks("accrue-debt", new Date("2026-03-01T03:00:00Z"), 7);
    // Every company with a supplier accrues, once; each chunk is its own transaction (its entries share an xmin).
    expect(accrual.run?.companiesTouched).toBe(99);
    expect(distinct(accrual.written.map((entry) => entry.company_id))).toHaveLength(99);
    expect(accrual.written).toHaveLength(99);
    const [{ chunks } = { chunks: 0 }] = await t.sql<{ chunks: number }>(
      "select count(distinct xmin::text)::int as chunks from debt_ledger where cause_id = $1",
      [accrual.row.cause_id],
    );
    expect(chunks).toBe(Math.ceil(99 / 7));

    // After an accrual every company owes at least 5.00, so a repayment changes each of them.
    const repayment = await runInChunks("repay-debt", new Date("2026-03-01T06:30:00Z"), 10);
    expect(repayment.written).toHaveLength(99);
    expect(repayment.written.every((entry) => entry.amount.startsWith("-"))).toBe(true);
    expect(Number(repayment.run?.totalChange)).toBeLessThan(0);
  });

  it("leaves a company created between two chunks to the next slot", async () => {
    await insertNetwork(t.testDb, 100);
    const supplier = await one<TestCompany>("select id, level from companies where level = 1 limit 1");
    // The run's transactions are claim, chunk 1, chunk 2, …: the company comes after the first chunk committed.
    let transactions = 0;
    let newcomer = 0;
    const db = t.testDb.database.db;
    const interleaved = new Proxy(db, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== "transaction") return value;
        return async (...args: Parameters<Db["transaction"]>) => {
          if (++transactions === 3) newcomer = await insertCompany(supplier, "42.00");
          return target.transaction(...args);
        };
      },
    });
    const { run, row } = await runInChunks("accrue-debt", new Date("2026-03-01T09:00:00Z"), 10, interleaved);
    expect(newcomer).toBeGreaterThan(row.last_company_id);
    expect(run?.companiesTouched).toBe(99);
    expect(await entries("l.company_id = $1", [newcomer])).toEqual([
      entry({ company_id: newcomer, amount: "42.00", kind: "opening", label: `sql:${sqlUser}` }),
    ]);

    const next = await runInChunks("accrue-debt", new Date("2026-03-01T12:00:00Z"), 10);
    expect(next.run?.companiesTouched).toBe(100);
    expect(next.written.map((entry) => entry.company_id)).toContain(newcomer);
  });

  it("applies a slot once: a second call returns null and changes nothing", async () => {
    await insertNetwork(t.testDb, 50);
    const slot = new Date("2026-03-01T15:00:00Z");
    await runInChunks("accrue-debt", slot, 8);
    const state = () =>
      t.sql(`select (select sum(debt)::text from companies) as debt,
        (select count(*)::int from debt_ledger) as entries, (select count(*)::int from debt_causes) as causes,
        (select json_agg(task_runs order by id)::text from task_runs) as runs`);
    const before = await state();
    expect(await applyScheduledDebtChange(t.testDb.database.db, "accrue-debt", slot, { chunkSize: 8 })).toBe(
      null,
    );
    expect(await state()).toEqual(before);
  });
});

describe("the ledger explains every debt: bulk loads and raw SQL", () => {
  /** Each company owing something has exactly one entry, its opening, under the import's cause. */
  async function expectOneOpeningEach() {
    const indebted = await one<{ n: number }>("select count(*)::int as n from companies where debt <> 0");
    expect(indebted.n).toBeGreaterThan(0);
    const written = await entries();
    expect(written).toHaveLength(indebted.n);
    expect(distinct(written.map((entry) => `${entry.kind} ${entry.label} ${entry.partition}`))).toEqual([
      `opening import-test-data ${thisMonth}`,
    ]);
    expect(distinct(written.map((entry) => entry.company_id))).toHaveLength(indebted.n);
    await expectExplained();
  }

  it("files each imported company's debt as its opening (COPY), and starts afresh on --reset", async () => {
    await importTestData(t.testDb.database, { companies: 60, seed: 3, passwordHash: PASSWORD_ONE_HASH });
    await expectOneOpeningEach();

    // Entries that a reset must take with it: a correction and a run's.
    await t.sql("update companies set debt = debt + 1 where id = (select max(id) from companies)");
    await applyScheduledDebtChange(t.testDb.database.db, "accrue-debt", new Date("2026-03-02T00:00:00Z"));
    // The reset restarts the ids, so an old entry left behind would land on a new company of the same id.
    await importTestData(t.testDb.database, {
      companies: 40,
      seed: 4,
      reset: true,
      passwordHash: PASSWORD_ONE_HASH,
    });
    await expectOneOpeningEach();
    expect((await counts()).causes).toBe(1);
  });

  it("files raw SQL as openings, corrections and deletions by sql:<current_user>, a cause per statement", async () => {
    const chain = await createChain(t.testDb, "Delta");
    const label = `sql:${sqlUser}`;
    const id = await insertCompany(chain[3] as TestCompany, "12.34");
    await t.sql("update companies set debt = debt + 0.66 where id = $1", [id]);
    await t.sql(
      `insert into companies (id, name, email, country, city, street, house_number, level, supplier_id, debt)
       select id, name, email, country, city, street, house_number, level, supplier_id, 20.00
       from companies where id = $1
       on conflict (id) do update set debt = excluded.debt`,
      [id],
    );
    await t.sql("delete from companies where id = $1", [id]);
    const written = await entries("l.company_id = $1", [id]);
    expect(written).toEqual([
      entry({ company_id: id, amount: "12.34", kind: "opening", label }),
      entry({ company_id: id, amount: "0.66", kind: "correction", label }),
      entry({ company_id: id, amount: "7.00", kind: "correction", label }),
      entry({ company_id: id, amount: "-20.00", kind: "deletion", label }),
    ]);
    expect(distinct(written.map((row) => row.cause_id))).toHaveLength(4);
    await expectExplained();

    // One statement over many companies: an entry each, one cause.
    await t.sql("update companies set debt = debt * 2 where level > 0");
    const doubled = await entries("l.kind = 'correction' and l.company_id <> $1", [id]);
    expect(doubled.map((row) => [row.company_id, row.amount])).toEqual(
      chain.slice(1).map((company) => [company.id, "100.50"]),
    );
    expect(distinct(doubled.map((row) => row.cause_id))).toHaveLength(1);
    await expectExplained();

    // MERGE fires the same statement triggers.
    await t.sql(`merge into companies c using (select id from companies where level = 4) s on c.id = s.id
      when matched then update set debt = c.debt + 0.01`);
    expect((await entries("l.kind = 'correction'")).at(-1)).toEqual(
      entry({ company_id: chain[4]?.id as number, amount: "0.01", kind: "correction", label }),
    );
    await expectExplained();
  });

  // Raw SQL may change a company's id: its old id's debt leaves, and the new id's arrives.
  it("explains a debt after raw SQL changes a company's id", async () => {
    const leaf = (await createChain(t.testDb, "Eta"))[4] as TestCompany;
    await t.sql("update companies set id = id + 1000 where id = $1", [leaf.id]);
    await expectExplained();
  });

  it("empties the ledger and its causes with `truncate companies cascade`", async () => {
    await createChain(t.testDb, "Epsilon");
    await t.sql("update companies set debt = debt + 1 where level > 0");
    expect((await counts()).entries).toBe(8);
    // A run cut short ends there: resumed, it would change the companies that take the old ones' ids.
    await t.sql("insert into task_runs (task, slot, last_company_id) values ('accrue-debt', now(), 5)");
    await t.sql("truncate companies cascade");
    expect(await counts()).toEqual({ entries: 0, causes: 0 });
    expect(await t.sql("select count(*)::int as n from task_runs where finished_at is null")).toEqual([
      { n: 0 },
    ]);
    await expectExplained();
  });
});

describe("the ledger's partitions", () => {
  it("files this month's entries in this month's partition, and creates each partition once", async () => {
    await createChain(t.testDb, "Zeta");
    await applyScheduledDebtChange(t.testDb.database.db, "accrue-debt", new Date("2026-03-03T00:00:00Z"));
    expect(distinct((await entries()).map((row) => row.partition))).toEqual([thisMonth]);
    expect(await t.sql("select count(*)::int as n from debt_ledger_default")).toEqual([{ n: 0 }]);

    const partitions = () =>
      t.sql<{ name: string }>(
        "select inhrelid::regclass::text as name from pg_inherits where inhparent = 'debt_ledger'::regclass order by 1",
      );
    // Four months further than migrate keeps ready: the first call creates what is missing, the second none.
    await t.sql("select debt_ledger_ensure_partitions(7)");
    const after = await partitions();
    expect(after.map((row) => row.name)).toContain(thisMonth);
    expect(after.length).toBeGreaterThanOrEqual(9);
    expect(await t.sql("select debt_ledger_ensure_partitions(7) as created")).toEqual([{ created: 0 }]);
    expect(await t.sql("select debt_ledger_ensure_partitions() as created")).toEqual([{ created: 0 }]);
    expect(await partitions()).toEqual(after);
  });
});
