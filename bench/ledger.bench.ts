/**
 * The debt ledger at ten million entries, on PostgreSQL, over 1,000,000 companies:
 * - one company's debt history, first page (GET /companies/{id}/debt_history as staff), with 10,000 entries of
 *   its own, timed by the server (reply.elapsedTime), beside GET /companies/{id} of the same company, alternated;
 * - `supplynet check` (checkDatabase) beside a plain count of the ledger's entries;
 * - bytes per entry, indexes included, and the disk a year of schedules takes.
 * The ledger is written straight into debt_ledger with generate_series, spread over the month partitions that
 * exist (the migration's), in company order; the debts are then set to their entries' sums with the triggers
 * off, so the check finds the ledger consistent and does all its work.
 */
import type pg from "pg";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { checkDatabase } from "../src/debts/check.js";
import { openSendQueue } from "../src/worker.js";
import { openBenchDatabase } from "./bench-database.js";

/** BENCH_COMPANIES and BENCH_ENTRIES make it smaller, to try the bench out; the figures are at the defaults. */
const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 1_000_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000_000);
const HISTORY_ENTRIES = 10_000;
const REQUESTS = 300;
const WARMUP_REQUESTS = 30;
const HISTORY_TARGET_MS = 10;
const CHECK_TARGET_SECONDS = 15;
/** Entries a company with a supplier gets each day: 8 accruals and 1 repayment. */
const ENTRIES_PER_DAY = 9;
const seconds = (start: number) => (performance.now() - start) / 1000;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;

const benchDatabase = await openBenchDatabase("ledger", 10);
const { url: databaseUrl, database } = benchDatabase;
const factories = COMPANIES / 100;
/** The company with the long history: the last one, so the others' entries leave it out. */
const target = COMPANIES;
try {
  const seedStart = performance.now();
  // Debts start at 0, so the INSERT trigger writes no openings: the ledger is only what is generated below.
  await database.executeSql(
    `insert into companies (name, email, country, city, street, house_number, level, supplier_id)
     select 'Company ' || n, 'c' || n || '@example.com', 'Russia', 'Kazan', 'Baumana', n::text,
            case when n <= $2::int then 0 else 1 end, case when n <= $2::int then null else 1 + n % $2::int end
     from generate_series(1, $1::int) n`,
    [COMPANIES, factories],
  );
  const { rows: causes } = await database.executeSql<{ id: number }>(
    "insert into debt_causes (label) values ('bench: generated history') returning id",
  );
  const cause = causes[0]?.id as number;
  const { rows: partitions } = await database.executeSql<{ months: number }>(
    `select count(*)::int as months from pg_partition_tree('debt_ledger')
     where isleaf and relid <> 'debt_ledger_default'::regclass`,
  );
  const months = partitions[0]?.months as number;
  // The partitions are this month and the next ones (UTC); every month has 27 days at least.
  const entriesSql = (companyId: string) => `
    insert into debt_ledger (company_id, at, amount, kind, cause_id)
    select ${companyId},
      (date_trunc('month', now() at time zone 'UTC') + make_interval(months => (g % ${months})::int)
        + random() * interval '27 days') at time zone 'UTC',
      round((5 + random() * 495)::numeric, 2), 'accrual', ${cause}
    from generate_series(0, $1::bigint - 1) g`;
  const others = ENTRIES - HISTORY_ENTRIES;
  // The other companies with a supplier in id order, about ten entries each: the index fills as it would by day.
  await database.executeSql(
    entriesSql(`(${factories + 1} + g * ${COMPANIES - factories - 1}::bigint / ${others})::int`),
    [others],
  );
  await database.executeSql(entriesSql(String(target)), [HISTORY_ENTRIES]);
  await database.db.transaction(async (tx) => {
    await tx.execute("set local session_replication_role = replica" as never);
    await tx.execute(
      `update companies set debt = ledger.total
       from (select company_id, sum(amount) as total from debt_ledger group by company_id) ledger
       where companies.id = ledger.company_id` as never,
    );
  });
  // As autovacuum would have done on a live database: statistics, and the visibility map for index-only scans.
  await database.executeSql("vacuum analyze companies, debt_ledger, debt_causes");
  console.log(`seeded ${COMPANIES} companies and ${ENTRIES} entries in ${seconds(seedStart).toFixed(1)} s`);

  const [sizes] = (
    await database.executeSql<{ bytes: string; heap: string; entries: string }>(
      `select (select sum(pg_total_relation_size(relid)) from pg_partition_tree('debt_ledger') where isleaf)::text
                as bytes,
              (select sum(pg_relation_size(relid)) from pg_partition_tree('debt_ledger') where isleaf)::text
                as heap,
              (select count(*) from debt_ledger)::text as entries`,
    )
  ).rows;
  const perEntry = Number(sizes?.bytes) / Number(sizes?.entries);
  const yearOf = (companies: number) => {
    const entries = companies * 0.99 * ENTRIES_PER_DAY * 365;
    return `${(entries / 1e6).toFixed(0)} M entries, ${((entries * perEntry) / 2 ** 30).toFixed(0)} GiB`;
  };
  console.log(
    `ledger: ${sizes?.entries} entries, ${(Number(sizes?.bytes) / 2 ** 20).toFixed(0)} MiB with its index ` +
      `(table ${(Number(sizes?.heap) / 2 ** 20).toFixed(0)} MiB): ${perEntry.toFixed(1)} bytes per entry | ` +
      `a year of schedules (${ENTRIES_PER_DAY} entries a day per company with a supplier, 99% of them): ` +
      `100,000 companies ${yearOf(100_000)}; 1,000,000 companies ${yearOf(1_000_000)}`,
  );

  const config = loadConfig({ logLevel: "silent", databaseUrl });
  const jobs = await openSendQueue({ config, database });
  const app = await buildApp({ config, database, jobs });
  app.addHook("onClose", () => jobs.stop());
  try {
    const serverTimes = new Map<string, number[]>();
    app.addHook("onResponse", async (request, reply) => {
      const times = serverTimes.get(request.url) ?? [];
      times.push(reply.elapsedTime);
      serverTimes.set(request.url, times);
    });
    const { rows: staff } = await database.executeSql<{ id: number }>(
      "insert into users (email, role) values ('staff@example.com', 'staff') returning id",
    );
    const authorization = `Bearer ${app.jwt.sign({ sub: String(staff[0]?.id), role: "staff", company_id: null })}`;
    const detailUrl = `/api/v1/companies/${target}`;
    const historyUrl = `/api/v1/companies/${target}/debt_history`;
    const get = async (url: string) => {
      const response = await app.inject({ method: "GET", url, headers: { authorization } });
      if (response.statusCode !== 200)
        throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
      return response.json<{ count?: number; results?: { balance: string }[]; debt?: string }>();
    };
    const history = await get(historyUrl);
    const detail = await get(detailUrl);
    if (history.count !== HISTORY_ENTRIES || history.results?.[0]?.balance !== detail.debt) {
      throw new Error(
        `the history does not match: ${history.count} entries, ${history.results?.[0]?.balance}`,
      );
    }

    // The statements one history page sends, and their plans, to show where its time goes.
    const pool = database.pool as pg.Pool;
    const sent: { text: string; values: unknown[] }[] = [];
    const realQuery = pool.query.bind(pool);
    pool.query = ((config: { text: string; values?: unknown[] }, values?: unknown[]) => {
      sent.push({ text: config.text, values: config.values ?? values ?? [] });
      return (realQuery as (...args: unknown[]) => unknown)(config, values);
    }) as typeof pool.query;
    await get(historyUrl);
    pool.query = realQuery;

    for (let i = 0; i < WARMUP_REQUESTS; i++) {
      await get(detailUrl);
      await get(historyUrl);
    }
    serverTimes.clear();
    for (let i = 0; i < REQUESTS; i++) {
      await get(detailUrl);
      await get(historyUrl);
    }
    const describe = (url: string) => {
      const times = serverTimes.get(url) ?? [];
      return { median: quantile(times, 0.5), p99: quantile(times, 0.99) };
    };
    const historyTimes = describe(historyUrl);
    const detailTimes = describe(detailUrl);
    const historyOk = historyTimes.median < HISTORY_TARGET_MS && historyTimes.p99 < HISTORY_TARGET_MS;
    console.log(
      `GET ${historyUrl.replace(String(target), "{id}")} first page (staff, ${HISTORY_ENTRIES} entries of its own, ` +
        `${sizes?.entries} in the ledger), server time over ${REQUESTS}: median ${historyTimes.median.toFixed(2)} ms, ` +
        `p99 ${historyTimes.p99.toFixed(2)} ms (target < ${HISTORY_TARGET_MS} ms) ${historyOk ? "OK" : "MISSED"} | ` +
        `GET /companies/{id} of the same company: median ${detailTimes.median.toFixed(2)} ms, ` +
        `p99 ${detailTimes.p99.toFixed(2)} ms | ratio of medians ${(historyTimes.median / detailTimes.median).toFixed(1)}x`,
    );
    if (!historyOk) process.exitCode = 1;
    for (const statement of sent) {
      const { rows } = await database.executeSql<{ "QUERY PLAN": string }>(
        `explain (analyze, buffers) ${statement.text}`,
        statement.values,
      );
      const plan = rows.map((row) => row["QUERY PLAN"]);
      const time = plan.find((line) => line.startsWith("Execution Time")) ?? "";
      const first = statement.text.replace(/\s+/g, " ").trim().slice(0, 70);
      console.log(`  ${time}: ${first}…`);
      if (process.env.BENCH_PLANS) console.log(plan.map((line) => `    ${line}`).join("\n"));
    }
  } finally {
    await app.close();
  }

  const count = async () => {
    const start = performance.now();
    await database.executeSql("select count(*) from debt_ledger");
    return seconds(start);
  };
  const countBefore = await count();
  const checkStart = performance.now();
  const report = await checkDatabase(database);
  const check = seconds(checkStart);
  const countAfter = await count();
  const baseline = (countBefore + countAfter) / 2;
  const problems = report.problems.length + report.more;
  console.log(
    `supplynet check over ${report.companies} companies and ${report.entries} entries: ${check.toFixed(1)} s, ` +
      `${problems} problems (target <= ${CHECK_TARGET_SECONDS} s) ${check <= CHECK_TARGET_SECONDS ? "OK" : "MISSED"} | ` +
      `select count(*) from debt_ledger: ${baseline.toFixed(2)} s (runs: ${countBefore.toFixed(2)}, ` +
      `${countAfter.toFixed(2)}) | ratio ${(check / baseline).toFixed(1)}x`,
  );
  if (check > CHECK_TARGET_SECONDS || problems > 0) process.exitCode = 1;
} finally {
  await benchDatabase.drop();
}
