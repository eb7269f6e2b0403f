import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { applyScheduledDebtChange } from "../../src/debts/debt.js";
import { createUser, type TestUser } from "../helpers/app.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { insertNetwork, sleep } from "../helpers/worker.js";

/**
 * An admin edit and a 10-id clear-debt, each sent every 100 ms over HTTP to the real app, while a chunked
 * accrual runs: each answers 200 within the bound the chunks promise (a writer waits for the chunk that holds
 * its rows, never for the run), and afterwards the ledger explains every company's debt and shows each clear.
 * The writers aim at the chunk under way, whose rows are locked or about to be. The run here takes chunks of
 * 2,000: the suite runs many files at once, and under a load of several CPUs' worth a chunk of 10,000 alone
 * takes over a second. What a writer waits for at the production chunk over 1,000,000 companies is
 * `npm run bench jobs`'s figure. PostgreSQL only: on PGlite's single connection nothing runs concurrently.
 */

/** Twenty chunks: a run of a second or two. */
const CHUNK = 2_000;
const COMPANIES = 40_000;
const EVERY_MS = 100;
const BOUND_MS = 1000;

interface Sent {
  kind: "patch" | "clear";
  ids: number[];
  status: number;
  ms: number;
}

describe.skipIf(testDriver !== "pg")("writers during a chunked run", { timeout: 120_000 }, () => {
  const t = testApp({ truncate: false });
  let staff: TestUser;
  let baseUrl: string;
  /** The run's own connections (and the watcher's), as a worker's would be: the app's pool serves only requests. */
  let runDatabase: Database;
  let maxId: number;

  beforeAll(async () => {
    await insertNetwork(t.testDb, COMPANIES);
    staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
    baseUrl = await t.app.listen({ host: "127.0.0.1", port: 0 });
    runDatabase = await openDatabase({ databaseUrl: t.testDb.url as string, poolSize: 2 });
    const [row] = await t.sql<{ max: number }>("select max(id)::int as max from companies");
    maxId = row?.max as number;
    // Every company that can owe owes something, so that each one cleared leaves a staff_clear entry.
    await t.sql("update companies set debt = debt + 1 where supplier_id is not null");
  });
  afterAll(() => runDatabase?.close());

  const send = async (kind: Sent["kind"], ids: number[], n: number): Promise<Sent> => {
    const started = performance.now();
    const response = await fetch(
      kind === "patch" ? `${baseUrl}/api/v1/companies/${ids[0]}` : `${baseUrl}/api/v1/companies/clear_debt`,
      {
        method: kind === "patch" ? "PATCH" : "POST",
        headers: { ...staff.headers, "content-type": "application/json" },
        body: JSON.stringify(kind === "patch" ? { name: `Edited during the run ${n}` } : { ids }),
      },
    );
    await response.arrayBuffer();
    return { kind, ids, status: response.status, ms: performance.now() - started };
  };

  it("an edit and a clear-debt every 100 ms each finish within a second, and the ledger explains all", async () => {
    let running = true;
    /** Where the run is: the companies after done_through_id are the chunk under way, or the next. */
    let doneThrough = 0;
    /** How long a chunk took, seen from outside (to 20 ms): what a writer waits for at most, once or twice. */
    let longestChunkMs = 0;
    const watch = async () => {
      let since = performance.now();
      while (running) {
        const {
          rows: [row],
        } = await runDatabase.executeSql<{ done: number }>(
          "select done_through_id as done from task_runs where finished_at is null",
        );
        if (row && row.done !== doneThrough) {
          doneThrough = row.done;
          longestChunkMs = Math.max(longestChunkMs, performance.now() - since);
          since = performance.now();
        }
        await sleep(20);
      }
    };
    const inChunk = () => Math.min(maxId, doneThrough + 1 + Math.floor(Math.random() * CHUNK));
    const requests: Promise<Sent>[] = [];
    const writers = async () => {
      for (let n = 0; running; n++) {
        // Sent on the clock, not after the previous answer: a slow answer must not thin out the load.
        requests.push(send("patch", [inChunk()], n));
        requests.push(send("clear", Array.from({ length: 10 }, inChunk), n));
        await sleep(EVERY_MS);
      }
    };

    const watching = watch();
    const writing = writers();
    const started = performance.now();
    const run = await applyScheduledDebtChange(
      runDatabase.db,
      "accrue-debt",
      new Date(Date.UTC(2001, 0, 1)),
      {
        chunkSize: CHUNK,
      },
    );
    const runMs = performance.now() - started;
    running = false;
    await Promise.all([watching, writing]);
    const sent = await Promise.all(requests);

    const longest = (kind: Sent["kind"]) => Math.max(...sent.filter((s) => s.kind === kind).map((s) => s.ms));
    const summary = {
      runMs: Math.round(runMs),
      longestChunkMs: Math.round(longestChunkMs),
      requests: sent.length,
      longestPatchMs: Math.round(longest("patch")),
      longestClearMs: Math.round(longest("clear")),
    };
    console.log(`writers during a run: ${JSON.stringify(summary)}`);
    expect(run?.companiesTouched).toBeGreaterThan(0);
    // At least a few of each came while the run held rows, or the test measured nothing.
    expect(sent.length, JSON.stringify(summary)).toBeGreaterThanOrEqual(10);
    expect(sent.filter((s) => s.status !== 200)).toEqual([]);
    expect(summary.longestPatchMs, JSON.stringify(summary)).toBeLessThan(BOUND_MS);
    expect(summary.longestClearMs, JSON.stringify(summary)).toBeLessThan(BOUND_MS);

    const broken = await t.sql(
      `select c.id, c.debt, coalesce(l.total, 0) as ledger from companies c
       left join (select company_id, sum(amount) as total from debt_ledger group by company_id) l
         on l.company_id = c.id
       where c.debt <> coalesce(l.total, 0) limit 5`,
    );
    expect(broken, "companies whose debt is not the sum of their ledger entries").toEqual([]);

    // Each clear shows as a staff_clear entry that left the company at 0: its running sum, in the order
    // the entries were written (the row lock orders a company's writers), is 0 just after it.
    const asked = [...new Set(sent.filter((s) => s.kind === "clear").flatMap((s) => s.ids))];
    const cleared = (
      await t.sql<{ id: number }>(
        "select id from companies where id = any($1::int[]) and supplier_id is not null order by id",
        [asked],
      )
    ).map((row) => row.id);
    expect(cleared.length).toBeGreaterThan(0);
    const [clears] = await t.sql<{ without_clear: number; not_zero: number }>(
      `with entries as (
         select company_id, kind, sum(amount) over (partition by company_id order by id) as balance
         from debt_ledger where company_id = any($1::int[])
       )
       select ($2::int - count(distinct company_id) filter (where kind = 'staff_clear'))::int as without_clear,
         count(*) filter (where kind = 'staff_clear' and balance <> 0)::int as not_zero
       from entries`,
      [cleared, cleared.length],
    );
    expect(clears).toEqual({ without_clear: 0, not_zero: 0 });
  });

  /**
   * An entry is dated when it is written: a chunk that began before a clear but reached the company after the
   * clear had committed comes after it in the history, so the clear is seen leaving 0. Made certain here by
   * holding a row of the chunk that comes before the cleared company.
   */
  it("debt_history shows a clear made during a chunk leaving the company at 0", async () => {
    const [first, cleared] = await t.sql<{ id: number }>(
      "select id from companies where supplier_id is not null order by id limit 2",
    );
    const holder = new pg.Client({ connectionString: t.testDb.url });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("select id from companies where id = $1 for update", [first?.id]);
      const running = applyScheduledDebtChange(runDatabase.db, "accrue-debt", new Date(Date.UTC(2001, 0, 2)));
      const { rows } = await holder.query<{ pid: number }>("select pg_backend_pid() as pid");
      while (
        !(await t.sql("select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))", [rows[0]?.pid]))
          .length
      ) {
        await sleep(10);
      }
      const clear = await send("clear", [cleared?.id as number], 0);
      expect(clear.status).toBe(200);
      await holder.query("rollback");
      await running;
    } finally {
      await holder.end();
    }
    const response = await t.app.inject({
      method: "GET",
      url: `/api/v1/companies/${cleared?.id}/debt_history?kind=staff_clear&page_size=1`,
      headers: staff.headers,
    });
    expect(response.json<{ results: { balance: string }[] }>().results[0]?.balance).toBe("0.00");
  });
});
