/**
 * Jobs on PostgreSQL:
 * - accrual over 1,000,000 companies: the accrue-debt task handler (task_runs claim, chunks of short
 *   transactions, each recording its progress; the ledger's trigger writing an entry per company) beside the bare
 *   UPDATE it amounts to without a ledger, on the same table; and the one UPDATE with the ledger trigger, to tell
 *   what the ledger costs from what the chunking costs. BENCH_CHUNK_SIZES (e.g. `10000,50000`) runs one accrual
 *   per chunk size;
 * - during each accrual, a staff PATCH of a company and a 10-id clear_debt, each sent every 100 ms through the
 *   app (inject), with their longest waits;
 * - clear-debt of 10,000 ids through HTTP: POST /companies/clear_debt (202), then GET /jobs/:id until completed.
 */
import type { InjectOptions } from "fastify";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { applyScheduledDebtChange, DEBT_RUN_CHUNK } from "../src/debts/debt.js";
import { openSendQueue, startWorker } from "../src/worker.js";
import { openBenchDatabase } from "./bench-database.js";

/** BENCH_COMPANIES makes it smaller, to try the bench out; the figures are at the default. */
const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 1_000_000);
const CLEAR_IDS = 10_000;
const ACCRUAL_TARGET_RATIO = 2;
const CLEAR_TARGET_SECONDS = 2;
const PROBE_INTERVAL_MS = 100;
const PROBE_CLEAR_IDS = 10;
const WAIT_TARGET_MS = 1000;
const CHUNK_SIZES = (process.env.BENCH_CHUNK_SIZES ?? String(DEBT_RUN_CHUNK)).split(",").map(Number);
const seconds = (start: number) => (performance.now() - start) / 1000;

interface WaitStats {
  sent: number;
  failed: number;
  median: number;
  p99: number;
  longest: number;
}
interface Waits {
  patch: WaitStats;
  clear: WaitStats;
}

function statsOf(times: number[], failed: number): WaitStats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { sent: times.length, failed, median: at(0.5), p99: at(0.99), longest: sorted.at(-1) ?? 0 };
}

const describeWaits = (w: WaitStats) =>
  `${w.sent} sent, ${w.failed} failed, median ${w.median.toFixed(0)} ms, p99 ${w.p99.toFixed(0)} ms, ` +
  `longest ${w.longest.toFixed(0)} ms`;

type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * Sends both writes every PROBE_INTERVAL_MS without waiting for the previous ones, as independent admins would,
 * each timed from its send to its answer; stop() waits for the last ones.
 */
function startProbes(app: App, authorization: string, distributor: () => number) {
  const pending: Promise<void>[] = [];
  const times = { patch: [] as number[], clear: [] as number[] };
  const failed = { patch: 0, clear: 0 };
  const send = (kind: keyof typeof times, request: InjectOptions) => {
    const start = performance.now();
    pending.push(
      app.inject(request).then((response) => {
        times[kind].push(performance.now() - start);
        if (response.statusCode !== 200) failed[kind]++;
      }),
    );
  };
  let sent = 0;
  const timer = setInterval(() => {
    sent++;
    send("patch", {
      method: "PATCH",
      url: `/api/v1/companies/${distributor()}`,
      headers: { authorization },
      payload: { name: `Renamed ${sent}` },
    });
    send("clear", {
      method: "POST",
      url: "/api/v1/companies/clear_debt",
      headers: { authorization },
      payload: { ids: Array.from({ length: PROBE_CLEAR_IDS }, distributor) },
    });
  }, PROBE_INTERVAL_MS);
  return {
    async stop(): Promise<Waits> {
      clearInterval(timer);
      await Promise.all(pending);
      return { patch: statsOf(times.patch, failed.patch), clear: statsOf(times.clear, failed.clear) };
    },
  };
}

const benchDatabase = await openBenchDatabase("jobs", 10);
const { url: databaseUrl, database } = benchDatabase;
const config = loadConfig({ databaseUrl, logLevel: "warn", dataDir: "/tmp/supplynet-bench-jobs" });

try {
  const factories = COMPANIES / 100;
  console.log(`inserting ${COMPANIES} companies…`);
  await database.executeSql(
    `insert into companies (name, email, country, city, street, house_number, level)
     select 'Factory ' || n, 'f' || n || '@example.com', 'Russia', 'Moscow', 'Tverskaya', n::text, 0
     from generate_series(1, $1::int) n`,
    [factories],
  );
  await database.executeSql(
    `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
     select 'Distributor ' || n, 'd' || n || '@example.com', 'Russia', 'Kazan', 'Baumana', n::text, 1,
            1 + n % $2::int, round((random() * 10000)::numeric, 2)
     from generate_series(1, $1::int) n`,
    [COMPANIES - factories, factories],
  );
  const vacuum = () => database.executeSql("vacuum analyze companies");
  await vacuum();

  // The baseline is the UPDATE as it was before the ledger: with the replica role the ledger's triggers do not
  // fire, so it writes no entries (and leaves the ledger behind the debts, which nothing here reads). With the
  // ledger, the same statement tells what the trigger costs apart from the chunking.
  const bareUpdate = async (withLedger = false) => {
    const start = performance.now();
    await database.db.transaction(async (tx) => {
      if (!withLedger) await tx.execute("set local session_replication_role = replica" as never);
      await tx.execute(
        "update companies set debt = debt + round((5 + random() * 495)::numeric, 2) where supplier_id is not null" as never,
      );
    });
    return seconds(start);
  };
  const countEntries = async () =>
    Number(
      (await database.executeSql<{ n: string }>("select count(*)::text as n from debt_ledger")).rows[0]?.n,
    );
  // Each UPDATE leaves a dead copy of every row; vacuuming between runs gives each the same table to work on.
  const baselineBefore = await bareUpdate();
  await vacuum();
  const oneStatementEntries = await countEntries();
  const oneStatement = await bareUpdate(true);
  const oneStatementWrote = (await countEntries()) - oneStatementEntries;
  await vacuum();

  const sendQueue = await openSendQueue({ config, database });
  const app = await buildApp({ config, database, jobs: sendQueue });
  app.addHook("onClose", () => sendQueue.stop());
  const { rows: staffRows } = await database.executeSql<{ id: number }>(
    "insert into users (email, role) values ('bench@example.com', 'staff') returning id",
  );
  const authorization = `Bearer ${app.jwt.sign({ sub: String(staffRows[0]?.id), role: "staff", company_id: null })}`;
  const distributor = () => factories + 1 + Math.floor(Math.random() * (COMPANIES - factories));
  const runs: { chunkSize: number; handler: number; touched: number; entries: number; waits: Waits }[] = [];
  try {
    for (const chunkSize of CHUNK_SIZES) {
      const entriesBefore = await countEntries();
      const probes = startProbes(app, authorization, distributor);
      const handlerStart = performance.now();
      const run = await applyScheduledDebtChange(database.db, "accrue-debt", new Date(), { chunkSize });
      const handler = seconds(handlerStart);
      const waits = await probes.stop();
      const { rows } = await database.executeSql<{ n: string }>(
        `select count(*)::text as n from debt_ledger
         where cause_id = (select cause_id from task_runs where task = 'accrue-debt' order by id desc limit 1)`,
      );
      const entries = Number(rows[0]?.n);
      runs.push({ chunkSize, handler, touched: run?.companiesTouched ?? 0, entries, waits });
      console.log(
        `  chunks of ${chunkSize}: ${handler.toFixed(2)} s, ${entries} accrual entries ` +
          `(${(await countEntries()) - entriesBefore} entries in all, with the probes' clears)`,
      );
      await vacuum();
    }
  } finally {
    await app.close();
  }
  const baselineAfter = await bareUpdate();
  const baseline = (baselineBefore + baselineAfter) / 2;
  const [sizes] = (
    await database.executeSql<{ bytes: string; entries: string }>(
      `select (select sum(pg_total_relation_size(relid)) from pg_partition_tree('debt_ledger') where isleaf)::text
                as bytes,
              (select count(*) from debt_ledger)::text as entries`,
    )
  ).rows;
  console.log(
    `bare UPDATE of the same rows, no ledger: ${baseline.toFixed(2)} s (runs: ${baselineBefore.toFixed(2)}, ` +
      `${baselineAfter.toFixed(2)}) | one UPDATE with the ledger trigger: ${oneStatement.toFixed(2)} s ` +
      `(${(oneStatement / baseline).toFixed(2)}x, ${oneStatementWrote} entries)`,
  );
  for (const { chunkSize, handler, touched, entries, waits } of runs) {
    const ratio = handler / baseline;
    const longest = Math.max(waits.patch.longest, waits.clear.longest);
    console.log(
      `accrue-debt over ${COMPANIES} companies with the ledger, chunks of ${chunkSize} (${touched} changed, ` +
        `${entries} entries written): ${handler.toFixed(2)} s | bare UPDATE: ${baseline.toFixed(2)} s | ` +
        `ratio ${ratio.toFixed(2)}x (target <= ${ACCRUAL_TARGET_RATIO}x) ${ratio <= ACCRUAL_TARGET_RATIO ? "OK" : "MISSED"}`,
    );
    console.log(
      `  during it, every ${PROBE_INTERVAL_MS} ms: PATCH /companies/{id} ${describeWaits(waits.patch)}; ` +
        `10-id clear_debt ${describeWaits(waits.clear)} | target: longest <= ${WAIT_TARGET_MS} ms ` +
        `${longest <= WAIT_TARGET_MS ? "OK" : "MISSED"}`,
    );
    if (ratio > ACCRUAL_TARGET_RATIO || longest > WAIT_TARGET_MS) process.exitCode = 1;
  }
  console.log(
    `ledger written by the triggers: ${sizes?.entries} entries in ${(Number(sizes?.bytes) / 2 ** 20).toFixed(0)} MiB ` +
      `with its index: ${(Number(sizes?.bytes) / Number(sizes?.entries)).toFixed(1)} bytes per entry`,
  );

  // The clear starts from a vacuumed table, as the accrual runs did.
  await vacuum();
  const worker = await startWorker({ config, database, databaseUrl, log: () => {} });
  const jobsApp = await buildApp({ config, database, jobs: worker.queue });
  try {
    const base = await jobsApp.listen({ host: "127.0.0.1", port: 0 });
    const ids = Array.from(
      { length: CLEAR_IDS },
      (_, index) => factories + 1 + index * Math.min(97, Math.floor(COMPANIES / CLEAR_IDS) - 1),
    );
    // Baseline first: the bare UPDATE on the neighbouring ids, rows as cold and as spread out as the job's.
    const neighbours = ids.map((id) => id + 1);
    const bareStart = performance.now();
    await database.executeSql(
      "update companies set debt = 0 where id = any($1::int[]) and supplier_id is not null",
      [neighbours],
    );
    const bare = seconds(bareStart);
    const start = performance.now();
    const response = await fetch(`${base}/api/v1/companies/clear_debt`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ ids }),
    });
    const accepted = (await response.json()) as { job_id: string };
    const acceptedAfter = seconds(start);
    let state = "";
    let result: unknown;
    while (state !== "completed" && state !== "failed") {
      const job = (await (
        await fetch(`${base}/api/v1/jobs/${accepted.job_id}`, { headers: { authorization } })
      ).json()) as { state: string; result: unknown };
      state = job.state;
      result = job.result;
      if (state !== "completed") await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const total = seconds(start);
    const [timeline] = (
      await database.executeSql<{ waiting: number; running: number }>(
        `select extract(epoch from started_on - created_on)::float8 as waiting,
                extract(epoch from completed_on - started_on)::float8 as running
         from pgboss.job where id = $1`,
        [accepted.job_id],
      )
    ).rows;
    console.log(
      `  job ${accepted.job_id}: queued ${timeline?.waiting.toFixed(2)} s, ran ${timeline?.running.toFixed(2)} s`,
    );
    console.log(
      `clear-debt of ${CLEAR_IDS} ids over HTTP, request to completed: ${total.toFixed(2)} s ` +
        `(202 after ${acceptedAfter.toFixed(2)} s; ${state}, ${JSON.stringify(result)}) | ` +
        `bare UPDATE of as many neighbouring ids: ${bare.toFixed(2)} s | ratio ${(total / bare).toFixed(1)}x (target <= ${CLEAR_TARGET_SECONDS} s)`,
    );
  } finally {
    await jobsApp.close();
    await worker.stop();
  }
} finally {
  await benchDatabase.drop();
}
