/**
 * Proven at ten times the size: 1,000,000 companies (BENCH_COMPANIES overrides) with their products and
 * employees, on a PostgreSQL database of the bench's own, served by real `supplynet serve` processes and worked
 * by real `supplynet worker` processes (children run from the sources, as `node --import tsx src/main.ts`):
 * - import: `supplynet import-test-data` beside a bare COPY of the same rows (bench/copy-baseline.ts);
 * - lists: every admin list page as staff, unfiltered and with each filter, ordering and search its query
 *   schema allows, timed by the serve process itself (the responseTime of its request log line), beside the
 *   same SQL sent bare;
 * - api: an employee's GET /api/v1/companies/{id} under autocannon on two serve processes at once, beside one
 *   alone and beside two bare node:http processes (bench/bare-api.ts);
 * - day: a day of cron slots in fast-forward (8 accruals, 1 repayment) through the queue to two workers, each
 *   slot's job sent twice, as a redelivery would: every slot must be applied exactly once;
 * - rss: each serve's and worker's resident memory under a mixed load for BENCH_SCALE_MINUTES (default 10).
 * BENCH_SCALE_PARTS (e.g. `import,lists`) runs some parts; without `import` the data is imported untimed, or an
 * existing bench database is reused when BENCH_SCALE_KEEP=1 (which also keeps it at the end).
 * The serve processes of `lists` and `api` run without workers, which would only poll beside them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import type { TSchema } from "typebox";
import { buildApp } from "../src/app.js";
import { CompanyListQuery } from "../src/companies/schemas.js";
import { loadConfig } from "../src/config.js";
import { type Database, openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { DEBT_CEILING, type ScheduledDebtTask } from "../src/debts/debt.js";
import { EmployeesQuery } from "../src/employees/schemas.js";
import { ProductListQuery } from "../src/products/schemas.js";
import type { JobQueue } from "../src/queue/queue.js";
import { openSendQueue } from "../src/worker.js";
import { ledgerMismatches } from "../test/helpers/ledger.js";
import { adminUrl, withAdminClient } from "../test/helpers/postgres.js";
import { type LoadResult, load, meanOf, recordStatements, type SentStatement } from "./bare-api.js";
import { createBenchDatabase } from "./bench-database.js";
import { bareCopy, openingEntries, pregenerate } from "./copy-baseline.js";

const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 1_000_000);
const MINUTES = Number(process.env.BENCH_SCALE_MINUTES ?? 10);
const ALL_PARTS = ["import", "lists", "api", "day", "rss"] as const;
type Part = (typeof ALL_PARTS)[number];
const PARTS = (process.env.BENCH_SCALE_PARTS ?? ALL_PARTS.join(",")).split(",").map((p) => p.trim());
const KEEP = process.env.BENCH_SCALE_KEEP === "1";
const SEED = 1;

const IMPORT_TARGET_SECONDS = 120;
const IMPORT_TARGET_RATIO = 3;
const LIST_TARGET_MS = 50;
const LIST_RUNS = 5;
const BARE_SQL_RUNS = 3;
/** A page slower than this the first time gets fewer runs (the median of 3, bare once), to bound the part's time. */
const SLOW_PAGE_MS = 1000;
const API_CONNECTIONS = 50;
const API_SECONDS = 10;
const API_ROUNDS = 2;
const SPREAD_TARGET = 0.9;
const BARE_TARGET = 0.75;
/** The serve's own pool (DATABASE_POOL's default in src/db/client.ts), for the bare processes as well. */
const SERVE_POOL = 10;
const RSS_SAMPLE_SECONDS = 10;
const RSS_TARGET_GROWTH = 0.1;

const unknownParts = PARTS.filter((part) => !(ALL_PARTS as readonly string[]).includes(part));
if (unknownParts.length > 0) {
  console.error(`Unknown BENCH_SCALE_PARTS: ${unknownParts.join(", ")}. Parts: ${ALL_PARTS.join(", ")}.`);
  process.exit(1);
}
const runs = (part: Part) => PARTS.includes(part);

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** By path, so the children run from an empty folder, where no ./.env supplies settings. */
const tsxLoader = pathToFileURL(path.join(projectRoot, "node_modules/tsx/dist/loader.mjs")).href;
const workDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-bench-scale-"));
const seconds = (start: number) => (performance.now() - start) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const verdict = (ok: boolean) => {
  if (!ok) process.exitCode = 1;
  return ok ? "OK" : "MISSED";
};
const at = () => new Date().toISOString().slice(11, 19);

// ——— child processes ———

/** A request's time as the serve process logged it. */
interface ServerTiming {
  url: string;
  ms: number;
}

interface Child {
  name: string;
  pid: number;
  child: ChildProcess;
  /** The last lines it printed, for an error message. */
  tail(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The requests it logged (responseTime) since the last take(). */
  take(): ServerTiming[];
  stop(): Promise<void>;
}

const children = new Set<Child>();

function startChild(name: string, script: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ["--import", tsxLoader, script, ...args], {
    cwd: workDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let timings: ServerTiming[] = [];
  const urlOfRequest = new Map<string, string>();
  const onLine = (line: string) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
    if (!line.startsWith("{")) return;
    try {
      const entry = JSON.parse(line) as {
        reqId?: string;
        url?: string;
        req?: { url?: string };
        responseTime?: number;
      };
      // One line per request (url and responseTime), or Fastify's two (the url, then the time), by reqId.
      const url = entry.url ?? entry.req?.url;
      if (url && entry.reqId && entry.responseTime === undefined) urlOfRequest.set(entry.reqId, url);
      if (entry.responseTime !== undefined) {
        const logged = url ?? (entry.reqId ? urlOfRequest.get(entry.reqId) : undefined);
        if (entry.reqId) urlOfRequest.delete(entry.reqId);
        if (logged) timings.push({ url: logged, ms: entry.responseTime });
      }
    } catch {}
  };
  if (child.stdout) createInterface({ input: child.stdout }).on("line", onLine);
  if (child.stderr) createInterface({ input: child.stderr }).on("line", onLine);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running: Child = {
    name,
    pid: child.pid as number,
    child,
    tail: () => lines.slice(-30).join("\n"),
    async waitFor(pattern, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const line of lines) {
          const match = line.match(pattern);
          if (match) return match;
        }
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`${name} exited before ${pattern}:\n${running.tail()}`);
        }
        if (Date.now() > deadline) throw new Error(`${name}: no ${pattern} within ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    take() {
      const taken = timings;
      timings = [];
      return taken;
    },
    async stop() {
      children.delete(running);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
  children.add(running);
  return running;
}

const mainScript = path.join(projectRoot, "src/main.ts");

/** `supplynet serve` on a free port, once it serves; `base` is its URL. */
async function startServe(index: number, env: NodeJS.ProcessEnv): Promise<Child & { base: string }> {
  const serve = startChild(`serve ${index}`, mainScript, ["serve"], { ...env, HOST: "127.0.0.1", PORT: "0" });
  const [, port] = await serve.waitFor(/serving http:\/\/[^:]+:(\d+)/);
  return Object.assign(serve, { base: `http://127.0.0.1:${port}` });
}

async function startWorkerProcess(index: number, env: NodeJS.ProcessEnv): Promise<Child> {
  const worker = startChild(`worker ${index}`, mainScript, ["worker"], env);
  await worker.waitFor(/supplynet worker is running/);
  return worker;
}

const stopAll = (list: Child[]) => Promise.all(list.map((child) => child.stop()));

process.once("SIGINT", () => {
  void stopAll([...children]).then(() => process.exit(130));
});

// ——— the database ———

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const databaseName = "supplynet_bench_scale";
const jwtSecret = randomBytes(32).toString("hex");

async function databaseExists(): Promise<boolean> {
  return withAdminClient(serverUrl, async (client) => {
    const { rows } = await client.query("select 1 from pg_database where datname = $1", [databaseName]);
    return rows.length > 0;
  });
}

const reuse = KEEP && !runs("import") && (await databaseExists());
const databaseUrl = reuse ? adminUrl(serverUrl, databaseName) : (await createBenchDatabase("scale")).url;
const database: Database = await openDatabase({ databaseUrl, poolSize: 4 });
await migrateDatabase(database);
const childEnv: NodeJS.ProcessEnv = {
  DATABASE_URL: databaseUrl,
  JWT_SECRET: jwtSecret,
  DATA_DIR: path.join(workDir, "data"),
  LOG_FORMAT: "json",
  LOG_LEVEL: "warn",
  REDIS_URL: "",
  METRICS_PORT: "",
  SMTP_URL: "",
};
const config = loadConfig({ databaseUrl, jwtSecret, logLevel: "silent", dataDir: childEnv.DATA_DIR });
const sql = async <Row = Record<string, unknown>>(text: string, values?: unknown[]) =>
  (await database.executeSql<Row>(text, values)).rows;
const one = async <Row = Record<string, unknown>>(text: string, values?: unknown[]) =>
  (await sql<Row>(text, values))[0] as Row;

/** Runs `supplynet …` to its end, with what it printed. */
async function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = startChild(`supplynet ${args[0]}`, mainScript, args, childEnv);
  const code = await new Promise<number | null>((resolve) => child.child.once("exit", resolve));
  children.delete(child);
  await sleep(50);
  return { code, output: child.tail() };
}

/** The network's tables and the ledger emptied, ids from 1 again: what a fresh database holds. */
const EMPTY_NETWORK_SQL =
  "truncate company_products, invitations, refresh_tokens, users, products, companies, debt_ledger, debt_causes, task_runs restart identity cascade";

async function importPart(): Promise<void> {
  console.log(`\n-- import (${at()})`);
  const generateStart = performance.now();
  let rows: Awaited<ReturnType<typeof pregenerate>> | undefined = await pregenerate(COMPANIES, SEED);
  console.log(`  pregenerated the rows in memory in ${seconds(generateStart).toFixed(1)} s (untimed)`);
  const copySeconds = await bareCopy(database, rows);
  rows = undefined;
  console.log(`  the bare COPY wrote ${await openingEntries(database)}`);
  await sql(EMPTY_NETWORK_SQL);
  await sql("vacuum companies, company_products, users");

  const importStart = performance.now();
  const result = await runCli(["import-test-data", "--companies", String(COMPANIES), "--seed", String(SEED)]);
  const importSeconds = seconds(importStart);
  if (result.code !== 0) throw new Error(`import-test-data exited ${result.code}:\n${result.output}`);
  console.log(`  ${result.output.split("\n").find((line) => line.startsWith("Imported")) ?? result.output}`);
  console.log(`  the import wrote ${await openingEntries(database)}`);
  const ratio = importSeconds / copySeconds;
  console.log(
    `import-test-data --companies ${COMPANIES} (the CLI process from its start to its exit, ledger included): ` +
      `${importSeconds.toFixed(1)} s ` +
      `(target <= ${IMPORT_TARGET_SECONDS} s) ${verdict(importSeconds <= IMPORT_TARGET_SECONDS)} | ` +
      `bare COPY of the same rows: ${copySeconds.toFixed(1)} s | ratio ${ratio.toFixed(2)}x ` +
      `(target <= ${IMPORT_TARGET_RATIO}x) ${verdict(ratio <= IMPORT_TARGET_RATIO)}`,
  );
}

/** The data the other parts need, when the import part does not run (untimed). */
async function ensureData(): Promise<void> {
  const { count } = await one<{ count: number }>("select count(*)::int as count from companies");
  if (count >= COMPANIES * 0.9) {
    console.log(`  reusing ${count} companies in ${databaseName}`);
    return;
  }
  console.log(`  importing ${COMPANIES} companies (untimed)…`);
  await sql(EMPTY_NETWORK_SQL);
  const result = await runCli(["import-test-data", "--companies", String(COMPANIES), "--seed", String(SEED)]);
  if (result.code !== 0) throw new Error(`import-test-data exited ${result.code}:\n${result.output}`);
}

// ——— staff, employees and the in-process app that signs their tokens and records statements ———

let sendQueue: JobQueue | undefined;
let probeApp: Awaited<ReturnType<typeof buildApp>> | undefined;

async function setUpActors() {
  await sql(
    `insert into users (email, role) select 'bench-staff@example.com', 'staff'
     where not exists (select 1 from users where email = 'bench-staff@example.com')`,
  );
  const staff = await one<{ id: number }>("select id from users where email = 'bench-staff@example.com'");
  // Employees of companies spread over the whole table, each with a supplier (so each has a debt to show).
  const employees = await sql<{ id: number; company_id: number }>(
    `select distinct on (u.company_id) u.id, u.company_id from users u join companies c on c.id = u.company_id
     where u.role = 'employee' and c.supplier_id is not null
       and u.company_id in (select (g * (select max(id) from companies) / 21)::int from generate_series(1, 20) g)
     order by u.company_id, u.id`,
  );
  sendQueue = await openSendQueue({ config, database });
  probeApp = await buildApp({ config, database, jobs: sendQueue });
  const app = probeApp;
  const staffToken = () => app.jwt.sign({ sub: String(staff.id), role: "staff", company_id: null });
  const employeeToken = (employee: { id: number; company_id: number }) =>
    app.jwt.sign({ sub: String(employee.id), role: "employee", company_id: employee.company_id });
  return { staffToken, employeeToken, employees };
}
type Actors = Awaited<ReturnType<typeof setUpActors>>;

// ——— lists ———

interface ListCase {
  path: string;
  /** No target: the whole table sorted by a column deliberately in no index. */
  noTarget: boolean;
}

type Sampler = () => Promise<string>;

/**
 * A value for each filter that needs one from the data: one that matches a realistic share of the rows. A
 * filter added to a list's schema without a sampler here stops the bench, so that no filter goes untimed.
 */
function samplers(middle: number): Record<string, Record<string, Sampler>> {
  const value = async (text: string) => String(Object.values(await one<Record<string, unknown>>(text))[0]);
  const longestWord = async (text: string) =>
    (await value(text))
      .split(/[^\p{L}\p{N}]+/u)
      .sort((a, b) => b.length - a.length)[0]
      ?.toLowerCase() ?? "";
  const debtAt = (fraction: number) =>
    value(`select percentile_disc(${fraction}) within group (order by debt)::text from companies`);
  return {
    companies: {
      search: () => longestWord(`select name from companies where id = ${middle}`),
      country: () => value(`select country from companies where id = ${middle}`),
      city: () => value(`select city from companies where id = ${middle}`),
      supplier: () =>
        value(`select supplier_id from companies where id >= ${middle} and supplier_id is not null limit 1`),
      product: () => value(`select product_id from company_products where company_id >= ${middle} limit 1`),
      debt_min: () => debtAt(0.9),
      debt_max: () => debtAt(0.1),
      created_after: () =>
        value("select to_char(min(created_at) at time zone 'UTC', 'YYYY-MM-DD') from companies"),
      created_before: () =>
        value(
          "select to_char((max(created_at) at time zone 'UTC') + interval '1 day', 'YYYY-MM-DD') from companies",
        ),
    },
    employees: {
      search: () =>
        longestWord(`select email from users where role = 'employee' and company_id >= ${middle} limit 1`),
      company: () =>
        value(`select company_id from users where role = 'employee' and company_id >= ${middle} limit 1`),
    },
    products: {
      search: () => longestWord("select name from products order by id limit 1 offset 3"),
    },
  };
}

const PAGINATION = new Set(["page", "page_size"]);

/** Unfiltered, then each filter alone with each value its schema allows or one from the data, then each ordering. */
async function listCases(): Promise<ListCase[]> {
  const { middle } = await one<{ middle: number }>("select (max(id) / 2)::int as middle from companies");
  const sample = samplers(middle);
  const lists: [string, string, TSchema][] = [
    ["companies", "/api/v1/companies", CompanyListQuery],
    ["employees", "/api/v1/employees", EmployeesQuery],
    ["products", "/api/v1/products", ProductListQuery],
  ];
  const cases: ListCase[] = [];
  for (const [name, base, schema] of lists) {
    cases.push({ path: base, noTarget: false });
    const properties = (schema as { properties: Record<string, { enum?: string[]; type?: string }> })
      .properties;
    for (const [parameter, property] of Object.entries(properties)) {
      if (PAGINATION.has(parameter)) continue;
      let values: string[];
      if (property.enum) values = property.enum;
      else if (property.type === "boolean") values = ["true", "false"];
      else {
        const sampler = sample[name]?.[parameter];
        if (!sampler) throw new Error(`no sample value for ${name}'s ${parameter}: add one to samplers()`);
        values = [await sampler()];
      }
      for (const value of values) {
        const query = new URLSearchParams({ [parameter]: value }).toString();
        const wholeSort = name === "companies" && parameter === "ordering" && /^-?debt$/.test(value);
        cases.push({ path: `${base}?${query}`, noTarget: wholeSort });
      }
    }
  }
  return cases;
}

/**
 * Sends the statements all at once, timed: the app sends a page beside its count, but an unfiltered list's
 * estimate (EXPLAIN, then a count only for a small table) one after the other, so this is a lower bound there.
 */
async function timeBare(pool: pg.Pool, statements: SentStatement[]): Promise<number> {
  const start = performance.now();
  await Promise.all(statements.map((statement) => pool.query(statement)));
  return performance.now() - start;
}

async function listsPart(actors: Actors): Promise<void> {
  console.log(`\n-- lists (${at()})`);
  const serves = [
    await startServe(1, { ...childEnv, LOG_LEVEL: "info" }),
    await startServe(2, { ...childEnv, LOG_LEVEL: "info" }),
  ];
  const [serve] = serves as [Child & { base: string }];
  const barePool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const appPool = database.pool as pg.Pool;
  try {
    const cases = await listCases();
    console.log(
      `  ${cases.length} list pages (from the query schemas), via ${serve.name}; ${LIST_RUNS} runs each after a warm-up (3 when slower than ${SLOW_PAGE_MS} ms)`,
    );
    const authorization = `Bearer ${actors.staffToken()}`;
    const missed: string[] = [];
    const separate: string[] = [];
    const failures: string[] = [];
    for (const listCase of cases) {
      const failuresBefore = failures.length;
      const serverTimes: number[] = [];
      const roundTrips: number[] = [];
      let count = "";
      let listRuns = LIST_RUNS;
      for (let run = 0; run <= listRuns; run++) {
        serve.take();
        const start = performance.now();
        const response = await fetch(`${serve.base}${listCase.path}`, { headers: { authorization } });
        const body = (await response.json()) as { count?: number; count_is_estimate?: boolean };
        const roundTrip = performance.now() - start;
        if (response.status !== 200) {
          // A statement timeout, say: recorded as a miss, and the other pages still measured.
          failures.push(
            `${decodeURIComponent(listCase.path)} answered ${response.status}: ${JSON.stringify(body)}`,
          );
          break;
        }
        count = `${body.count}${body.count_is_estimate ? " (estimate)" : ""}`;
        let timing: ServerTiming | undefined;
        for (let wait = 0; wait < 40 && !timing; wait++) {
          timing = serve.take().find((logged) => logged.url === listCase.path);
          if (!timing) await sleep(25);
        }
        // The first run warms the plan caches and the pool's connections.
        if (run === 0) {
          if (roundTrip > SLOW_PAGE_MS) listRuns = 3;
          continue;
        }
        serverTimes.push(timing?.ms ?? Number.NaN);
        roundTrips.push(roundTrip);
      }
      if (failures.length > failuresBefore) {
        console.log(`${failures.at(-1)} | ${verdict(false)}`);
        if (!listCase.noTarget) missed.push(decodeURIComponent(listCase.path));
        continue;
      }
      const { sent } = await recordStatements(appPool, () =>
        (probeApp as NonNullable<typeof probeApp>).inject({
          method: "GET",
          url: listCase.path,
          headers: { authorization },
        }),
      );
      const bareTimes: number[] = [];
      const bareRuns = listRuns < LIST_RUNS ? 1 : BARE_SQL_RUNS;
      for (let run = 0; run < bareRuns && sent.length > 0; run++)
        bareTimes.push(await timeBare(barePool, sent));
      const server = median(serverTimes);
      const line =
        `GET ${decodeURIComponent(listCase.path)}: ${server.toFixed(1)} ms server time (median of ${serverTimes.length}; round trip ` +
        `${median(roundTrips).toFixed(1)} ms), count ${count} | the same ${sent.length} SQL statements bare: ` +
        `${sent.length > 0 ? `${median(bareTimes).toFixed(1)} ms` : "n/a"}`;
      if (listCase.noTarget) {
        separate.push(`${line} | no target (debt is in no index)`);
        continue;
      }
      const ok = server <= LIST_TARGET_MS;
      console.log(`${line} | target <= ${LIST_TARGET_MS} ms ${verdict(ok)}`);
      if (!ok) missed.push(decodeURIComponent(listCase.path));
    }
    for (const line of separate) console.log(line);
    const timed = cases.filter((listCase) => !listCase.noTarget).length;
    console.log(
      `list pages within ${LIST_TARGET_MS} ms: ${timed - missed.length} of ${timed}` +
        (missed.length > 0 ? `; missed: ${missed.join(", ")}` : ""),
    );
  } finally {
    await barePool.end();
    await stopAll(serves);
  }
}

// ——— api ———

async function apiPart(actors: Actors): Promise<void> {
  console.log(`\n-- api (${at()})`);
  // As bench/api.bench.ts measures the app: without a log line per request.
  const serves = [await startServe(1, childEnv), await startServe(2, childEnv)];
  const [first, second] = serves as [Child & { base: string }, Child & { base: string }];
  const employee = actors.employees[Math.floor(actors.employees.length / 2)];
  if (!employee) throw new Error("no employee to load the API with");
  const token = actors.employeeToken(employee);
  const detailPath = `/api/v1/companies/${employee.company_id}`;
  const { sent, result: probe } = await recordStatements(database.pool as pg.Pool, () =>
    (probeApp as NonNullable<typeof probeApp>).inject({
      method: "GET",
      url: detailPath,
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  if (probe.statusCode !== 200) throw new Error(`detail probe answered ${probe.statusCode}: ${probe.body}`);
  const bareOptions = JSON.stringify({ databaseUrl, jwtSecret, statements: sent, poolSize: SERVE_POOL });
  const bareScript = path.join(projectRoot, "bench/bare-api-server.ts");
  const bares = [1, 2].map((index) =>
    startChild(`bare ${index}`, bareScript, [], { BARE_API_OPTIONS: bareOptions }),
  );
  try {
    const bareBases: string[] = [];
    for (const bare of bares)
      bareBases.push(`http://127.0.0.1:${(await bare.waitFor(/listening on (\d+)/))[1]}`);
    console.log(
      `  the app sends ${sent.length} statements per detail request; the bare processes send the same`,
    );
    const half = { connections: API_CONNECTIONS / 2, duration: API_SECONDS };
    const all = { connections: API_CONNECTIONS, duration: API_SECONDS };
    const both = async (bases: string[]) => {
      const results = await Promise.all(bases.map((base) => load(`${base}${detailPath}`, token, half)));
      return {
        requestsPerSecond: results.reduce((sum, r) => sum + r.requestsPerSecond, 0),
        p99: Math.max(...results.map((r) => r.p99)),
        errors: results.reduce((sum, r) => sum + r.errors, 0),
      };
    };
    for (const base of [first.base, second.base, ...bareBases]) {
      await load(`${base}${detailPath}`, token, { connections: 10, duration: 2 });
    }
    const single: LoadResult[] = [];
    const spread: LoadResult[] = [];
    const bare: LoadResult[] = [];
    // Alternated, so that a burst of other work on the machine does not land on one side only.
    for (let round = 0; round < API_ROUNDS; round++) {
      single.push(await load(`${first.base}${detailPath}`, token, all));
      spread.push(await both([first.base, second.base]));
      bare.push(await both(bareBases));
    }
    const [one1, two, bare2] = [meanOf(single), meanOf(spread), meanOf(bare)];
    const spreadRatio = two.requestsPerSecond / one1.requestsPerSecond;
    const bareRatio = two.requestsPerSecond / bare2.requestsPerSecond;
    const describe = (r: LoadResult) =>
      `${r.requestsPerSecond.toFixed(0)} req/s, p99 ${r.p99.toFixed(0)} ms, ${r.errors} errors`;
    console.log(
      `GET /api/v1/companies/{id} (employee, ${API_CONNECTIONS} connections in all, ${API_ROUNDS} × ${API_SECONDS} s), ` +
        `2 serve processes at once: ${describe(two)} | 1 serve process alone: ${describe(one1)} | ` +
        `ratio ${spreadRatio.toFixed(2)}x (target >= ${SPREAD_TARGET}x, within 10%) ${verdict(spreadRatio >= SPREAD_TARGET)}; ` +
        `errors ${two.errors + one1.errors} (target 0) ${verdict(two.errors + one1.errors === 0)}`,
    );
    console.log(
      `  2 serve processes: ${two.requestsPerSecond.toFixed(0)} req/s | 2 bare node:http + fast-jwt + pg processes: ` +
        `${describe(bare2)} | ratio ${bareRatio.toFixed(2)}x (target >= ${BARE_TARGET}x) ${verdict(bareRatio >= BARE_TARGET)}`,
    );
  } finally {
    await stopAll([...bares, ...serves]);
  }
}

// ——— a day of schedules ———

const HOUR = 3_600_000;
/** The simulated day, in the past: no real cron slot has these times. */
const DAY = Date.parse("2026-03-02T00:00:00Z");

function dayOfSlots(start: number): { task: ScheduledDebtTask; at: Date }[] {
  const slots: { task: ScheduledDebtTask; at: Date }[] = [];
  for (let hour = 0; hour < 24; hour += 3)
    slots.push({ task: "accrue-debt", at: new Date(start + hour * HOUR) });
  slots.push({ task: "repay-debt", at: new Date(start + 6.5 * HOUR) });
  return slots.sort((a, b) => a.at.getTime() - b.at.getTime());
}

async function waitForJobs(queue: JobQueue, ids: string[], timeoutMs = 60 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
    const failed = jobs.find((job) => job?.state === "failed");
    if (failed) throw new Error(`job ${failed.id} (${failed.name}) failed: ${failed.error}`);
    if (jobs.every((job) => job?.state === "completed")) return;
    if (Date.now() > deadline) throw new Error(`jobs ${ids.join(", ")} not completed in ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** The accrual as one bare UPDATE without the ledger (its triggers off), rolled back: nothing is changed. */
async function bareAccrualUpdate(): Promise<number> {
  const client = await (database.pool as pg.Pool).connect();
  try {
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    const start = performance.now();
    await client.query(
      `update companies set debt = least(debt + round((5 + random() * 495)::numeric, 2), ${DEBT_CEILING})
       where supplier_id is not null`,
    );
    return seconds(start);
  } finally {
    await client.query("rollback");
    client.release();
  }
}

async function dayPart(): Promise<void> {
  console.log(`\n-- day (${at()})`);
  const queue = sendQueue as JobQueue;
  await sql("vacuum analyze companies");
  const bare = await bareAccrualUpdate();
  await sql("vacuum analyze companies");
  const workers = [await startWorkerProcess(1, childEnv), await startWorkerProcess(2, childEnv)];
  try {
    const slots = dayOfSlots(DAY);
    const repayQualified: Record<string, number> = {};
    const times: string[] = [];
    for (const slot of slots) {
      if (slot.task === "repay-debt") {
        repayQualified[slot.at.toISOString()] = (
          await one<{ n: number }>(
            "select count(*)::int as n from companies where supplier_id is not null and debt > 0",
          )
        ).n;
      }
      const start = performance.now();
      // Twice, as a redelivery would send it: the two workers may each take one, and the slot applies once.
      const ids = [
        await queue.enqueue(slot.task, { slot: slot.at.toISOString() }),
        await queue.enqueue(slot.task, { slot: slot.at.toISOString() }),
      ];
      await waitForJobs(queue, ids);
      const total = seconds(start);
      const run = await one<{ run: number; touched: number; waited: number }>(
        `select extract(epoch from finished_at - started_at)::float8 as run, companies_touched::int as touched,
           (select extract(epoch from min(started_on) - min(created_on))::float8 from pgboss.job
            where id = any($3::uuid[])) as waited
         from task_runs where task = $1 and slot = $2::timestamptz`,
        [slot.task, slot.at.toISOString(), ids],
      );
      times.push(`${slot.task} ${slot.at.toISOString().slice(11, 16)}: ${run.run.toFixed(1)} s`);
      console.log(
        `  ${slot.task} slot ${slot.at.toISOString()}: ${run.run.toFixed(2)} s run (${run.touched} companies), ` +
          `${total.toFixed(1)} s from sending both jobs to both completed (${run.waited.toFixed(1)} s queued) | ` +
          `bare UPDATE: ${bare.toFixed(2)} s | ratio ${(run.run / bare).toFixed(2)}x`,
      );
    }

    // Each slot one finished run; each accrual one entry per company with a supplier; the repayment one per
    // company that owed something; and every debt explained by its entries.
    const dayStart = new Date(DAY).toISOString();
    const dayEnd = new Date(DAY + 24 * HOUR).toISOString();
    const taskRuns = await sql<{
      task: string;
      slot: Date;
      rows: number;
      finished: number;
      cause_id: number;
    }>(
      `select task, slot, count(*)::int as rows, count(finished_at)::int as finished, min(cause_id) as cause_id
       from task_runs where slot >= $1::timestamptz and slot < $2::timestamptz group by task, slot order by slot`,
      [dayStart, dayEnd],
    );
    const runProblems = slots.filter((slot) => {
      const row = taskRuns.find(
        (r) => r.task === slot.task && new Date(r.slot).getTime() === slot.at.getTime(),
      );
      return row?.rows !== 1 || row.finished !== 1;
    });
    const extraRuns = taskRuns.length - slots.length;
    const causes = (task: string) => taskRuns.filter((r) => r.task === task).map((r) => r.cause_id);
    const accrualCauses = causes("accrue-debt");
    const accruals = await one<{ wrong: number; factories: number; companies: number }>(
      `select count(*) filter (where coalesce(e.entries, 0) <> $2 or coalesce(e.slots, 0) <> $2)::int as wrong,
         (select count(*) from debt_ledger l join companies f on f.id = l.company_id
          where f.supplier_id is null and l.cause_id = any($1::int[]))::int as factories,
         count(*)::int as companies
       from companies c left join (
         select company_id, count(*) as entries, count(distinct cause_id) as slots from debt_ledger
         where cause_id = any($1::int[]) and kind = 'accrual' group by company_id
       ) e on e.company_id = c.id
       where c.supplier_id is not null`,
      [accrualCauses, accrualCauses.length],
    );
    const repayCause = causes("repay-debt")[0] ?? -1;
    const repays = await one<{ entries: number; companies: number }>(
      `select count(*)::int as entries, count(distinct company_id)::int as companies from debt_ledger
       where cause_id = $1 and kind = 'repayment'`,
      [repayCause],
    );
    const expectedRepays = Object.values(repayQualified)[0] ?? -1;
    const mismatches = await ledgerMismatches(database);
    console.log(
      `  task_runs: ${taskRuns.length} runs for ${slots.length} slots, ${runProblems.length} slots without exactly ` +
        `one finished run, ${Math.max(0, extraRuns)} extra | ledger: ${accruals.wrong} of ${accruals.companies} ` +
        `companies with a supplier without exactly one accrual entry per slot (${accrualCauses.length} slots), ` +
        `${accruals.factories} entries for factories; repayment ${repays.entries} entries for ${repays.companies} ` +
        `companies of ${expectedRepays} that owed; ${mismatches.length} debts the ledger does not explain`,
    );
    const once =
      runProblems.length === 0 &&
      extraRuns === 0 &&
      accruals.wrong === 0 &&
      accruals.factories === 0 &&
      repays.entries === expectedRepays &&
      repays.companies === expectedRepays &&
      mismatches.length === 0;
    console.log(
      `a day in fast-forward over ${accruals.companies} companies with a supplier, 2 workers, every slot's job sent ` +
        `twice: ${slots.length} slots (8 accruals, 1 repayment) each applied exactly once ${verdict(once)}; ` +
        `per run: ${times.join(", ")} | bare UPDATE of the same rows: ${bare.toFixed(2)} s`,
    );
  } finally {
    await stopAll(workers);
  }
}

// ——— memory under a mixed load ———

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN);
}

async function rssPart(actors: Actors): Promise<void> {
  console.log(`\n-- rss (${at()}), ${MINUTES} min`);
  const serves = [
    await startServe(1, { ...childEnv, LOG_LEVEL: "info" }),
    await startServe(2, { ...childEnv, LOG_LEVEL: "info" }),
  ];
  const workers = [await startWorkerProcess(1, childEnv), await startWorkerProcess(2, childEnv)];
  const processes = [...serves, ...workers];
  const queue = sendQueue as JobQueue;
  const staff = `Bearer ${actors.staffToken()}`;
  const employeeTokens = actors.employees.map((e) => ({
    id: e.company_id,
    auth: `Bearer ${actors.employeeToken(e)}`,
  }));
  const lists = (await listCases()).filter((listCase) => !listCase.noTarget).map((listCase) => listCase.path);
  const { max } = await one<{ max: number }>("select max(id)::int as max from companies");
  const counts = { reads: 0, lists: 0, clears: 0, slots: 0, errors: 0 };
  const errors: string[] = [];
  const failed = (what: string) => {
    counts.errors++;
    if (errors.length < 5) errors.push(what);
  };
  const endAt = Date.now() + MINUTES * 60_000;
  const running = () => Date.now() < endAt;
  const serveFor = (n: number) => serves[n % serves.length] as Child & { base: string };
  const get = async (n: number, url: string, authorization: string) => {
    const response = await fetch(`${serveFor(n).base}${url}`, { headers: { authorization } });
    await response.arrayBuffer();
    if (response.status !== 200) failed(`GET ${url}: ${response.status}`);
  };
  const loops: Promise<void>[] = [];
  // API reads: each employee their own company, on both serve processes.
  for (let loop = 0; loop < 4; loop++) {
    loops.push(
      (async () => {
        for (let n = loop; running(); n++) {
          const employee = employeeTokens[n % employeeTokens.length];
          if (employee)
            await get(n, `/api/v1/companies/${employee.id}`, employee.auth).catch((e) => failed(String(e)));
          counts.reads++;
          await sleep(5);
        }
      })(),
    );
  }
  // Staff paging through the lists.
  loops.push(
    (async () => {
      for (let n = 0; running(); n++) {
        await get(n, lists[n % lists.length] as string, staff).catch((e) => failed(String(e)));
        counts.lists++;
        await sleep(200);
      }
    })(),
  );
  // A clear of 100 companies every 5 s (a job each), and the day's slots, one after another.
  loops.push(
    (async () => {
      for (let n = 0; running(); n++) {
        const ids = Array.from({ length: 100 }, () => 1 + Math.floor(Math.random() * max));
        const response = await fetch(`${serveFor(n).base}/api/v1/companies/clear_debt`, {
          method: "POST",
          headers: { authorization: staff, "content-type": "application/json" },
          body: JSON.stringify({ ids }),
        }).catch(() => undefined);
        if (response?.status === 202) counts.clears++;
        else failed(`clear_debt: ${response?.status}`);
        await response?.arrayBuffer();
        await sleep(5_000);
      }
    })(),
  );
  loops.push(
    (async () => {
      // The day after the day part's, so that each slot is new.
      for (const slot of [...dayOfSlots(DAY + 24 * HOUR), ...dayOfSlots(DAY + 48 * HOUR)]) {
        if (!running()) break;
        const id = await queue.enqueue(slot.task, { slot: slot.at.toISOString() });
        await waitForJobs(queue, [id]).catch((e) => failed(String(e)));
        counts.slots++;
        await sleep(30_000);
      }
    })(),
  );

  const samples: { second: number; kb: number[] }[] = [];
  const start = Date.now();
  const sample = () =>
    samples.push({ second: (Date.now() - start) / 1000, kb: processes.map((p) => rssKb(p.pid)) });
  sample();
  while (running()) {
    await sleep(Math.min(RSS_SAMPLE_SECONDS * 1000, Math.max(0, endAt - Date.now())));
    sample();
  }
  await Promise.all(loops);
  try {
    const referenceSecond = Math.min(120, (MINUTES * 60) / 2);
    const reference = samples.find((s) => s.second >= referenceSecond - 1) ?? samples[0];
    const last = samples.at(-1);
    if (!reference || !last) throw new Error("no RSS samples");
    console.log(
      `  load: ${counts.reads} detail reads, ${counts.lists} list pages, ${counts.clears} clear-debt jobs, ` +
        `${counts.slots} scheduled runs, ${counts.errors} errors${errors.length > 0 ? ` (${errors.join("; ")})` : ""}`,
    );
    console.log(`  RSS MiB every ${RSS_SAMPLE_SECONDS} s: ${processes.map((p) => p.name).join(" | ")}`);
    for (const s of samples) {
      console.log(
        `    ${s.second.toFixed(0).padStart(4)} s: ${s.kb.map((kb) => (kb / 1024).toFixed(0)).join(" | ")}`,
      );
    }
    processes.forEach((p, index) => {
      const from = reference.kb[index] as number;
      const to = last.kb[index] as number;
      const growth = (to - from) / from;
      const peak = Math.max(...samples.map((s) => s.kb[index] as number));
      console.log(
        `RSS of ${p.name} (pid ${p.pid}) over ${MINUTES} min of mixed load: ${(from / 1024).toFixed(0)} MiB at ` +
          `${reference.second.toFixed(0)} s → ${(to / 1024).toFixed(0)} MiB at the end (peak ${(peak / 1024).toFixed(0)} MiB) | ` +
          `growth ${(growth * 100).toFixed(1)}% (target < ${RSS_TARGET_GROWTH * 100}%) ${verdict(growth < RSS_TARGET_GROWTH)}`,
      );
    });
    console.log(`  load errors: ${counts.errors} ${verdict(counts.errors === 0)}`);
  } finally {
    await stopAll(processes);
  }
}

// ——— the run ———

console.log(
  `scale: ${COMPANIES} companies, parts ${PARTS.join(",")}, ${MINUTES} min of mixed load, database ${databaseName}` +
    (reuse ? " (reused)" : ""),
);
const failedParts: string[] = [];
try {
  if (runs("import")) await importPart();
  else if (PARTS.length > 0) await ensureData();
  await sql("vacuum analyze");
  const actors = await setUpActors();
  const parts: [Part, () => Promise<void>][] = [
    ["lists", () => listsPart(actors)],
    ["api", () => apiPart(actors)],
    ["day", dayPart],
    ["rss", () => rssPart(actors)],
  ];
  for (const [part, run] of parts) {
    if (!runs(part)) continue;
    try {
      await run();
    } catch (error) {
      failedParts.push(part);
      process.exitCode = 1;
      console.error(`part ${part} failed: ${(error as Error).stack ?? error}`);
    }
  }
} finally {
  await stopAll([...children]);
  await probeApp?.close();
  await sendQueue?.stop();
  await database.close();
  if (!KEEP) {
    await withAdminClient(serverUrl, (client) =>
      client.query(`drop database if exists ${databaseName} with (force)`),
    );
  }
  rmSync(workDir, { recursive: true, force: true });
  console.log(
    `\nscale done at ${at()}${failedParts.length > 0 ? `; failed parts: ${failedParts.join(", ")}` : ""}`,
  );
}
