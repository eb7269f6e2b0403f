/**
 * `npm run faults -- [--kills 20] [--only lock-wait,after-commit] [--companies 10000] [--runs 5]`: the long run of
 * test/faults/kill-points.test.ts. A clear-debt job's real `supplynet worker` is SIGKILLed `kills` times at each
 * point, debt is added, and a fresh worker retries the job; unlike the test it never stops at a failure, and
 * ends with a table per point. On a database of its own on the benches' PostgreSQL server (BENCH_DATABASE_URL,
 * see bench/bench-database.ts), dropped after. Exits 1 if any run applied a clear twice, wiped newer debt, or
 * did not complete. Then, `runs` times (5 by default; --runs 0 for none), test/faults/run-kills.test.ts's chunked
 * accrual, its worker SIGKILLed three times mid-run, on a second database of its own: it exits 1 as well if any
 * company was changed twice or skipped, or a debt is left unexplained by the ledger.
 */
import { parseArgs } from "node:util";
import { createBenchDatabase } from "../bench/bench-database.js";
import { openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { KILL_POINTS, KillLab, type KillOutcome, type KillPoint } from "../test/helpers/kill-scenarios.js";
import { RunKillLab, type RunKillOutcome } from "../test/helpers/run-kill-scenarios.js";

const { values: options } = parseArgs({
  options: {
    kills: { type: "string", default: "20" },
    only: { type: "string", default: KILL_POINTS.join(",") },
    companies: { type: "string", default: "10000" },
    runs: { type: "string", default: "5" },
  },
});
const kills = Number(options.kills);
const companies = Number(options.companies);
const runs = Number(options.runs);
const points = options.only.split(",").map((point) => point.trim()) as KillPoint[];
if (
  !Number.isInteger(kills) ||
  kills < 1 ||
  !Number.isInteger(companies) ||
  companies < 100 ||
  !Number.isInteger(runs) ||
  runs < 0
) {
  console.error(
    "--kills takes a whole number of at least 1, --companies one of at least 100, --runs one of at least 0.",
  );
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

/** What is wrong with a run's outcome, if anything; a cron slot meanwhile only makes it count for nothing. */
const runProblems = (o: RunKillOutcome) =>
  [
    ...o.kills.flatMap((kill) =>
      kill.finished
        ? [`the run had finished before the ${kill.point} kill`]
        : kill.doneThroughId !== kill.expectedDoneThroughId || kill.entries !== kill.expectedEntries
          ? [`${kill.point}: progress ${kill.doneThroughId} with ${kill.entries} entries`]
          : [],
    ),
    o.state === "completed" && o.finished && o.doneThroughLast ? "" : `job ${o.state}, run unfinished`,
    o.skipped || o.twice || o.factoriesChanged
      ? `${o.skipped} skipped, ${o.twice} twice, ${o.factoriesChanged} factories`
      : "",
    o.outOfRange || o.unexplained ? `${o.outOfRange} out of range, ${o.unexplained} unexplained` : "",
    o.companiesTouched === o.distributors &&
    o.ledgerTotal === o.totalChange &&
    o.actualTotal === o.totalChange &&
    o.resultTotal === o.totalChange
      ? ""
      : `totals ${o.totalChange} (run), ${o.ledgerTotal} (ledger), ${o.actualTotal} (debts), ${o.resultTotal} (job)`,
    o.brokenInvariant ? `${o.brokenInvariant} debts not their ledger's sum` : "",
  ].filter(Boolean);
if (runs > 0) {
  const runsDatabase = await createBenchDatabase(`fault_runs_${process.pid}`);
  const runsDb = await openDatabase({ databaseUrl: runsDatabase.url, poolSize: 5 });
  let runLab: RunKillLab | undefined;
  try {
    await migrateDatabase(runsDb);
    runLab = await RunKillLab.open({
      database: runsDb,
      url: runsDatabase.url,
      truncate: async () => {},
      destroy: async () => {},
    });
    for (let run = 1; run <= runs; run++) {
      let outcome: RunKillOutcome;
      try {
        outcome = await runLab.run();
      } catch (error) {
        failures.push(`chunked run #${run}: ${(error as Error).message}\n${runLab.workerOutput()}`);
        console.log(`chunked run #${run}: scenario failed: ${(error as Error).message.split("\n")[0]}`);
        continue;
      }
      const problems = runProblems(outcome);
      if (problems.length && !outcome.otherRuns) failures.push(`chunked run #${run}: ${problems.join("; ")}`);
      console.log(
        `chunked run #${run}: killed at ${outcome.kills.map((kill) => kill.doneThroughId).join(", ")}, ` +
          `${outcome.state} in ${(outcome.ms / 1000).toFixed(1)} s` +
          `${outcome.otherRuns ? " (a cron slot ran meanwhile: not counted)" : ""}` +
          `${problems.length ? ` — ${problems.join("; ")}` : ", each company changed once"}`,
      );
    }
  } finally {
    await runLab?.close();
    await runsDb.close();
    await runsDatabase.drop();
  }
}

if (failures.length) {
  console.log(`\n${failures.length} failure(s):\n${failures.join("\n")}`);
  process.exit(1);
}
