/**
 * `npm run faults -- [--kills 20] [--only lock-wait,after-commit] [--companies 10000]`: the long run of
 * test/faults/kill-points.test.ts. A clear-debt job's real `supplynet worker` is SIGKILLed `kills` times at each
 * point, debt is added, and a fresh worker retries the job; unlike the test it never stops at a failure, and
 * ends with a table per point. On a database of its own on the benches' PostgreSQL server (BENCH_DATABASE_URL,
 * see bench/bench-database.ts), dropped after. Exits 1 if any run applied a clear twice, wiped newer debt, or
 * did not complete.
 */
import { parseArgs } from "node:util";
import { createBenchDatabase } from "../bench/bench-database.js";
import { openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { KILL_POINTS, KillLab, type KillOutcome, type KillPoint } from "../test/helpers/kill-scenarios.js";

const { values: options } = parseArgs({
  options: {
    kills: { type: "string", default: "20" },
    only: { type: "string", default: KILL_POINTS.join(",") },
    companies: { type: "string", default: "10000" },
  },
});
const kills = Number(options.kills);
const companies = Number(options.companies);
const points = options.only.split(",").map((point) => point.trim()) as KillPoint[];
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(companies) || companies < 100) {
  console.error("--kills takes a whole number of at least 1, --companies one of at least 100.");
  process.exit(2);
}
const unknown = points.filter((point) => !KILL_POINTS.includes(point));
if (unknown.length) {
  console.error(`--only takes kill points among ${KILL_POINTS.join(", ")}; unknown: ${unknown.join(", ")}.`);
  process.exit(2);
}

const benchDatabase = await createBenchDatabase(`faults_${process.pid}`);
const database = await openDatabase({ databaseUrl: benchDatabase.url, poolSize: 5 });
const outcomes: KillOutcome[] = [];
const failures: string[] = [];
const appliedOnce = (o: KillOutcome) =>
  o.clears.min === 1 &&
  o.clears.max === 1 &&
  o.appliedJobsRows === 1 &&
  o.alreadyApplied === o.firstCommitted;
let lab: KillLab | undefined;
try {
  await migrateDatabase(database);
  lab = await KillLab.open(
    { database, url: benchDatabase.url, truncate: async () => {}, destroy: async () => {} },
    { companies },
  );
  const started = Date.now();
  for (let kill = 1; kill <= kills; kill++) {
    for (const point of points) {
      let outcome: KillOutcome;
      try {
        outcome = await lab.run(point);
      } catch (error) {
        failures.push(`${point} #${kill}: ${(error as Error).message}\n${lab.workerOutput()}`);
        console.log(
          `${point.padEnd(14)} #${kill}: scenario failed: ${(error as Error).message.split("\n")[0]}`,
        );
        continue;
      }
      outcomes.push(outcome);
      const problems = [
        outcome.disturbed,
        outcome.reached ? "" : "kill missed its point",
        appliedOnce(outcome) ? "" : `applied ${outcome.clears.min}..${outcome.clears.max} times`,
        outcome.wrongDebts === 0 ? "" : `${outcome.wrongDebts} companies with a wrong debt`,
        outcome.state === "completed" ? "" : `job ${outcome.state}`,
      ].filter(Boolean);
      if (problems.some((problem) => problem !== "kill missed its point" && problem !== outcome.disturbed)) {
        failures.push(`${point} #${kill}: ${problems.join("; ")} (${JSON.stringify(outcome)})`);
      }
      console.log(
        `${point.padEnd(14)} #${kill}: ${outcome.state}, ${outcome.firstCommitted ? "the killed worker's clear committed" : "nothing committed before the retry"}, ` +
          `its backends gone in ${outcome.orphanMs} ms, retried in ${(outcome.retryMs / 1000).toFixed(1)} s${problems.length ? ` — ${problems.join("; ")}` : ""}` +
          ` [${Math.round((Date.now() - started) / 1000)} s]`,
      );
    }
  }
} finally {
  await lab?.close();
  await database.close();
  await benchDatabase.drop();
}

const seconds = (ms: number | undefined) => (ms === undefined ? "-" : (ms / 1000).toFixed(1));
const rows = points.map((point) => {
  const runs = outcomes.filter((o) => o.point === point);
  const times = runs.map((o) => o.retryMs).sort((a, b) => a - b);
  return {
    point,
    runs: String(runs.length),
    "kill reached": String(runs.filter((o) => o.reached).length),
    "first committed": String(runs.filter((o) => o.firstCommitted).length),
    "applied once": String(runs.filter(appliedOnce).length),
    "nothing newer wiped": String(runs.filter((o) => o.wrongDebts === 0).length),
    completed: String(runs.filter((o) => o.state === "completed").length),
    "retry min s": seconds(times[0]),
    "median s": seconds(times[Math.floor((times.length - 1) / 2)]),
    "max s": seconds(times.at(-1)),
  };
});
const columns = Object.keys(rows[0] ?? {}) as (keyof (typeof rows)[number])[];
const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(" | ");
console.log(`\n${line(columns)}\n${widths.map((width) => "-".repeat(width)).join("-|-")}`);
for (const row of rows) console.log(line(columns.map((column) => row[column])));
if (failures.length) {
  console.log(`\n${failures.length} failure(s):\n${failures.join("\n")}`);
  process.exit(1);
}
