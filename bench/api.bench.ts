/**
 * The API under load: an employee's authenticated `GET /api/v1/companies/{id}` over 100,000 companies, beside a
 * bare `node:http` server that verifies the same JWT and sends the very statements the app sends, through `pg`.
 * Then the filtered, sorted staff list (`city=…&ordering=-debt`), timed by the server itself, with its plan.
 */
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import pg from "pg";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openSendQueue } from "../src/worker.js";
import {
  type BareApiServer,
  type LoadResult,
  load as loadWith,
  meanOf,
  recordStatements,
  type SentStatement,
  startBareApiServer,
} from "./bare-api.js";
import { openBenchDatabase } from "./bench-database.js";

const COMPANIES = 100_000;
const DURATION_SECONDS = 10;
const CONNECTIONS = 50;
/** Rounds of each side, alternated; the figures are their means. */
const ROUNDS = 2;
const POOL_SIZE = 10;
const TARGET_RATIO = 0.75;
const TARGET_P99_MS = 50;
const TARGET_LIST_MS = 20;
const LIST_RUNS = 50;
/**
 * A realistic network made in SQL: 1,000 factories, 4,000 distributors, 15,000 dealerships, 30,000 retail
 * chains and 50,000 entrepreneurs, each supplied one level up, over 500 cities, 3 products each.
 */
const SEED_SQL = `
  insert into products (name, model, release_date)
    select 'Product ' || g, 'M' || g, date '2020-01-01' + g from generate_series(1, 50) g;
  insert into companies (id, name, email, country, city, street, house_number, level, supplier_id, debt)
    select g, 'Company ' || g, 'company' || g || '@example.com', 'Country ' || (g % 20), 'City ' || (g % 500),
      'Main street', (g % 200)::text || 'A',
      case when g <= 1000 then 0 when g <= 5000 then 1 when g <= 20000 then 2 when g <= 50000 then 3 else 4 end,
      case when g <= 1000 then null when g <= 5000 then 1 + g % 1000 when g <= 20000 then 1001 + g % 4000
        when g <= 50000 then 5001 + g % 15000 else 20001 + g % 30000 end,
      case when g <= 1000 then 0 else round((random() * 100000)::numeric, 2) end
    from generate_series(1, ${COMPANIES}) g;
  select setval('companies_id_seq', ${COMPANIES});
  insert into company_products (company_id, product_id)
    select c, 1 + (c + k * 17) % 50 from generate_series(1, ${COMPANIES}) c, generate_series(0, 2) k;
  insert into users (email, role, company_id)
    select 'employee' || g || '@example.com', 'employee', g * 7 from generate_series(1, 10000) g;
  insert into users (email, role) values ('staff@example.com', 'staff');
  analyze;`;

const load = (url: string, token: string) =>
  loadWith(url, token, { connections: CONNECTIONS, duration: DURATION_SECONDS });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const benchDatabase = await openBenchDatabase("api", POOL_SIZE);
const { url: databaseUrl, database } = benchDatabase;
const baselinePool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
let appServer: Awaited<ReturnType<typeof buildApp>> | undefined;
let timedAppServer: Awaited<ReturnType<typeof buildApp>> | undefined;
let baselineServer: BareApiServer | undefined;
try {
  const seedStart = performance.now();
  await database.executeSql(SEED_SQL);
  // As autovacuum would have done on a live database: the visibility map lets counts use index-only scans.
  await database.executeSql("vacuum analyze companies");
  console.log(`seeded ${COMPANIES} companies in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const { rows: picked } = await database.executeSql<{ user_id: number; company_id: number }>(
    "select id as user_id, company_id from users where company_id = 20006",
  );
  const employee = picked[0] as { user_id: number; company_id: number };
  const { rows: staffRows } = await database.executeSql<{ id: number }>(
    "select id from users where role = 'staff'",
  );
  const staffId = (staffRows[0] as { id: number }).id;

  const config = loadConfig({ logLevel: "silent", databaseUrl, host: "127.0.0.1", port: 0 });
  const jobs = await openSendQueue({ config, database });
  const app = await buildApp({ config, database, jobs });
  app.addHook("onClose", () => jobs.stop());
  appServer = app;
  // A second instance of the app times the list (the load test runs on one without the extra hook).
  const timedApp = await buildApp({ config, database, jobs });
  timedAppServer = timedApp;
  const serverTimes: number[] = [];
  timedApp.addHook("onResponse", async (_request, reply) => {
    serverTimes.push(reply.elapsedTime);
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const appPort = (app.server.address() as AddressInfo).port;
  const employeeToken = app.jwt.sign({
    sub: String(employee.user_id),
    role: "employee",
    company_id: employee.company_id,
  });
  const staffToken = app.jwt.sign({ sub: String(staffId), role: "staff", company_id: null });
  const detailPath = `/api/v1/companies/${employee.company_id}`;

  // Record the exact statements (text and parameters) the app sends for one detail request.
  const pool = database.pool as pg.Pool;
  const detail = await recordStatements(pool, () =>
    app.inject({ method: "GET", url: detailPath, headers: { authorization: `Bearer ${employeeToken}` } }),
  );
  let sent: SentStatement[] = detail.sent;
  const probe = detail.result;
  if (probe.statusCode !== 200) throw new Error(`detail probe answered ${probe.statusCode}: ${probe.body}`);
  console.log(`app sends ${sent.length} statements per detail request`);

  // The baseline: the same token check, the same statements, JSON out.
  baselineServer = await startBareApiServer({
    databaseUrl,
    jwtSecret: config.jwtSecret,
    statements: sent,
    poolSize: POOL_SIZE,
  });
  const baselinePort = baselineServer.port;

  // Warm both up (connections, JIT, plan caches) before measuring.
  await autocannon({
    url: `http://127.0.0.1:${appPort}${detailPath}`,
    duration: 2,
    connections: 10,
    headers: { authorization: `Bearer ${employeeToken}` },
  });
  await autocannon({
    url: `http://127.0.0.1:${baselinePort}${detailPath}`,
    duration: 2,
    connections: 10,
    headers: { authorization: `Bearer ${employeeToken}` },
  });

  // Alternate the two, so that a burst of other work on the machine does not land on one side only.
  const apiRounds: LoadResult[] = [];
  const bareRounds: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    apiRounds.push(await load(`http://127.0.0.1:${appPort}${detailPath}`, employeeToken));
    bareRounds.push(await load(`http://127.0.0.1:${baselinePort}${detailPath}`, employeeToken));
  }
  const api = meanOf(apiRounds);
  const bare = meanOf(bareRounds);
  const ratio = api.requestsPerSecond / bare.requestsPerSecond;
  if (ratio < TARGET_RATIO || api.p99 >= TARGET_P99_MS) process.exitCode = 1;
  console.log(
    `GET /api/v1/companies/{id} (employee, ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_SECONDS} s): ` +
      `${api.requestsPerSecond.toFixed(0)} req/s, p99 ${api.p99.toFixed(0)} ms, ${api.errors} errors | ` +
      `bare node:http + fast-jwt + pg: ${bare.requestsPerSecond.toFixed(0)} req/s, p99 ${bare.p99.toFixed(0)} ms | ` +
      `ratio ${ratio.toFixed(2)}x (target >= ${TARGET_RATIO}x) ${ratio >= TARGET_RATIO ? "OK" : "MISSED"}; ` +
      `p99 ${api.p99.toFixed(0)} ms (target < ${TARGET_P99_MS} ms) ${api.p99 < TARGET_P99_MS ? "OK" : "MISSED"}`,
  );

  // The filtered, sorted list, timed by the server (reply.elapsedTime) over LIST_RUNS requests.
  const listPath = "/api/v1/companies?city=city%20123&ordering=-debt";
  const listTimes: number[] = [];
  for (let run = 0; run < LIST_RUNS + 5; run++) {
    serverTimes.length = 0;
    const response = await timedApp.inject({
      method: "GET",
      url: listPath,
      headers: { authorization: `Bearer ${staffToken}` },
    });
    if (response.statusCode !== 200) throw new Error(`list answered ${response.statusCode}`);
    if (run >= 5) listTimes.push(serverTimes[0] ?? Number.NaN);
  }
  const listMedian = median(listTimes);
  if (!(listMedian < TARGET_LIST_MS)) process.exitCode = 1;
  console.log(
    `GET ${listPath} (page 1 of ${COMPANIES} companies): median ${listMedian.toFixed(2)} ms server time ` +
      `over ${LIST_RUNS} runs (target < ${TARGET_LIST_MS} ms) ${listMedian < TARGET_LIST_MS ? "OK" : "MISSED"}`,
  );

  // The plans of the statements the list sends.
  sent = (
    await recordStatements(pool, () =>
      app.inject({ method: "GET", url: listPath, headers: { authorization: `Bearer ${staffToken}` } }),
    )
  ).sent;
  for (const statement of sent.filter((s) => s.text.includes('"companies"'))) {
    const { rows } = await baselinePool.query(
      `explain (analyze, buffers off) ${statement.text}`,
      statement.values,
    );
    const plan = rows.map((row: { "QUERY PLAN": string }) => row["QUERY PLAN"]);
    const kind = /count\(\*\)/.test(statement.text.slice(0, 60)) ? "count" : "page";
    console.log(`EXPLAIN ANALYZE (${kind}):`);
    for (const line of plan.filter((l: string) =>
      /Scan|Limit|Sort|Aggregate|Execution Time|Index Cond|Nested/.test(l),
    )) {
      console.log(`  ${line.trim()}`);
    }
  }
} finally {
  await appServer?.close();
  await timedAppServer?.close();
  await baselineServer?.close();
  await baselinePool.end();
  await benchDatabase.drop();
}
