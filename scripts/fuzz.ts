/**
 * `npm run fuzz -- [--seed 42] [--runs 500] [--only companies] [--pg]`: the long run of
 * the fuzz test (test/api/fuzz.test.ts). Every operation of /openapi.json × {anonymous, employee, staff} gets
 * `runs` generated requests; unlike the test it never stops at a failure, and prints every failure class
 * (kind, status, message) once, with its smallest request. On PGlite in memory by default; with --pg it makes a
 * database of its own on the benches' server (BENCH_DATABASE_URL, see bench/bench-database.ts) and drops it
 * after. Exits 1 on a failure.
 */
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { createBenchDatabase } from "../bench/bench-database.js";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase, PGLITE_EXTENSIONS, wrapPglite } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { openSendQueue } from "../src/worker.js";
import { testConfig } from "../test/helpers/app.js";
import type { TestDatabase } from "../test/helpers/database.js";
import {
  appTables,
  describeOutcome,
  FuzzSession,
  hashesPasswords,
  type OpenApiDocument,
  type Outcome,
  operationsOf,
  ROLES,
  requestsFor,
  seedFor,
} from "../test/helpers/fuzz.js";

const { values: options } = parseArgs({
  options: {
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    runs: { type: "string", default: "200" },
    only: { type: "string", default: "" },
    pg: { type: "boolean", default: false },
  },
});
const seed = Number(options.seed);
const runs = Number(options.runs);
if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) {
  console.error("--seed and --runs take whole numbers (runs at least 1).");
  process.exit(2);
}

const benchDatabase = options.pg ? await createBenchDatabase(`fuzz_${process.pid}`) : undefined;
const database: Database = benchDatabase
  ? await openDatabase({ databaseUrl: benchDatabase.url, poolSize: 5 })
  : wrapPglite(await PGlite.create({ extensions: PGLITE_EXTENSIONS }), "PGlite in memory (fuzz)");
await migrateDatabase(database);
const testDb: TestDatabase = {
  database,
  url: benchDatabase?.url,
  truncate: async () => {
    await database.executeSql(`truncate ${(await appTables(database)).join(", ")} restart identity cascade`);
  },
  destroy: async () => {
    await database.close();
    await benchDatabase?.drop();
  },
};
// A long run is often stopped by hand: its database on the server goes with it.
process.once("SIGINT", () => {
  benchDatabase?.drop().finally(() => process.exit(130));
});
const config = testConfig();
const jobs = await openSendQueue({ config, database, databaseUrl: testDb.url });
const app = await buildApp({ config, database, jobs });
await app.ready();

/** A failure class: what went wrong, the status, and the message with its numbers blanked. */
function classOf(outcome: Outcome, problem: string): string {
  let message = "";
  try {
    message = String(JSON.parse(outcome.body)?.error?.message ?? JSON.parse(outcome.body)?.message ?? "");
  } catch {
    message = outcome.body.slice(0, 80);
  }
  return `${problem.replace(/: .*/, "")} | ${outcome.status} | ${message.replace(/\d+/g, "N").slice(0, 100)}`;
}

const classes = new Map<string, { where: Set<string>; smallest: Outcome; count: number }>();
/** The slowest requests, to keep the CI run's budget honest. */
const slowest: { ms: number; outcome: Outcome }[] = [];
const size = (outcome: Outcome) => outcome.request.url.length + (outcome.request.payload?.length ?? 0);
let exitCode = 0;
try {
  const session = await FuzzSession.start(app, testDb);
  const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json() as OpenApiDocument;
  const operations = operationsOf(document).filter((operation) => operation.key.includes(options.only));
  const total = operations.length * ROLES.length;
  console.log(
    `fuzzing ${operations.length} operations × ${ROLES.length} roles, ${runs} runs each, seed ${seed}, on ${database.description}`,
  );
  const started = performance.now();
  let done = 0;
  let requests = 0;
  for (const operation of operations) {
    for (const role of ROLES) {
      const opStarted = performance.now();
      let failures = 0;
      await fc.check(
        fc.asyncProperty(requestsFor(operation), async (request) => {
          const sentAt = performance.now();
          const outcome = await session.send(request, role);
          const ms = performance.now() - sentAt;
          requests++;
          if (slowest.length < 5 || ms > (slowest.at(-1)?.ms ?? 0)) {
            slowest.push({ ms, outcome });
            slowest.sort((a, b) => b.ms - a.ms).splice(5);
          }
          for (const problem of outcome.problems) {
            failures++;
            const key = classOf(outcome, problem);
            const found = classes.get(key) ?? { where: new Set<string>(), smallest: outcome, count: 0 };
            found.where.add(`${operation.key} as ${role}`);
            found.count++;
            if (size(outcome) < size(found.smallest)) found.smallest = outcome;
            classes.set(key, found);
          }
        }),
        {
          seed: seedFor(seed, operation, role),
          numRuns: hashesPasswords(operation) ? Math.max(1, Math.floor(runs / 5)) : runs,
        },
      );
      done++;
      console.log(
        `[${done}/${total}] ${operation.key} as ${role}: ${failures} failures, ` +
          `${((performance.now() - opStarted) / 1000).toFixed(1)} s, ${session.resets} resets so far`,
      );
    }
  }
  console.log(
    `\n${requests} requests in ${((performance.now() - started) / 1000).toFixed(0)} s; ${classes.size} failure classes`,
  );
  for (const { ms, outcome } of slowest) {
    console.log(`slow: ${ms.toFixed(0)} ms for ${describeOutcome(outcome).split("\n")[0]?.slice(0, 200)}`);
    console.log(`      ${outcome.request.mutations.join("; ").slice(0, 300)}`);
  }
  for (const [key, found] of classes) {
    exitCode = 1;
    console.log(`\n== ${key} (${found.count} times)`);
    console.log(`   in: ${[...found.where].slice(0, 12).join(", ")}${found.where.size > 12 ? ", …" : ""}`);
    console.log(describeOutcome(found.smallest).replace(/^/gm, "   "));
  }
} finally {
  await app.close();
  await jobs.stop();
  await testDb.destroy();
}
process.exit(exitCode);
