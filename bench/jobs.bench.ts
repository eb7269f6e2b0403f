/**
 * Jobs on PostgreSQL:
 * - accrual over 1,000,000 companies: the accrue-debt task handler (task_runs claim, the table lock against
 *   other writers, old/new debt for the recorded total) beside the bare UPDATE it amounts to, on the same table;
 * - clear-debt of 10,000 ids through HTTP: POST /companies/clear_debt (202), then GET /jobs/:id until completed.
 */
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { applyScheduledDebtChange } from "../src/debts/debt.js";
import { startWorker } from "../src/worker.js";
import { openBenchDatabase } from "./bench-database.js";

const COMPANIES = 1_000_000;
const CLEAR_IDS = 10_000;
const ACCRUAL_TARGET_SECONDS = 10;
const ACCRUAL_TARGET_RATIO = 1.5;
const CLEAR_TARGET_SECONDS = 2;
const seconds = (start: number) => (performance.now() - start) / 1000;

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

  const bareUpdate = async () => {
    const start = performance.now();
    await database.db.transaction(async (tx) => {
      await tx.execute(
        "update companies set debt = debt + round((5 + random() * 495)::numeric, 2) where supplier_id is not null" as never,
      );
    });
    return seconds(start);
  };
  // Each UPDATE leaves a dead copy of every row; vacuuming between runs gives each the same table to work on.
  const baselineBefore = await bareUpdate();
  await vacuum();
  const handlerStart = performance.now();
  const run = await applyScheduledDebtChange(database.db, "accrue-debt", new Date());
  const handler = seconds(handlerStart);
  await vacuum();
  const baselineAfter = await bareUpdate();
  const baseline = (baselineBefore + baselineAfter) / 2;
  console.log(
    `accrue-debt over ${COMPANIES} companies (${run?.companiesTouched} changed): ${handler.toFixed(2)} s | ` +
      `bare UPDATE of the same rows: ${baseline.toFixed(2)} s (runs: ${baselineBefore.toFixed(2)}, ${baselineAfter.toFixed(2)}) | ` +
      `ratio ${(handler / baseline).toFixed(2)}x (target <= ${ACCRUAL_TARGET_RATIO}x, <= ${ACCRUAL_TARGET_SECONDS} s)`,
  );

  // The clear starts from a vacuumed table, as the accrual runs did.
  await vacuum();
  const worker = await startWorker({ config, database, databaseUrl, log: () => {} });
  const app = await buildApp({ config, database, jobs: worker.queue });
  try {
    const { rows } = await database.executeSql<{ id: number }>(
      "insert into users (email, role) values ('bench@example.com', 'staff') returning id",
    );
    const authorization = `Bearer ${app.jwt.sign({ sub: String(rows[0]?.id), role: "staff", company_id: null })}`;
    const base = await app.listen({ host: "127.0.0.1", port: 0 });
    const ids = Array.from({ length: CLEAR_IDS }, (_, index) => factories + 1 + index * 97);
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
    await app.close();
    await worker.stop();
  }
} finally {
  await benchDatabase.drop();
}
