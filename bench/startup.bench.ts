/**
 * `npm start` on existing data: from spawning the compiled `node dist/src/main.js start` to the first 200 from
 * /health, beside a bare node process that opens the same PGlite data dir and runs `select 1`.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/paths.js";

const RUNS = 5;
const TARGET_SECONDS = 3;
const entry = path.join(projectRoot, "dist", "src", "main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfStale(): void {
  let built = 0;
  try {
    built = statSync(entry).mtimeMs;
  } catch {}
  if (built >= newestSource(path.join(projectRoot, "src"))) return;
  console.log("  dist is older than src: running npm run build");
  const result = spawnSync("npm", ["run", "build"], { cwd: projectRoot, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-bench-startup-"));
const env = { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, HOST: "127.0.0.1", LOG_LEVEL: "warn" };

/** Seconds from spawn until /health answers 200; the app is then stopped with SIGTERM. */
async function timeStart(): Promise<number> {
  const port = 20_000 + Math.floor(Math.random() * 40_000);
  const started = performance.now();
  const child = spawn(process.execPath, [entry, "start"], {
    env: { ...env, PORT: String(port) },
    stdio: "ignore",
  });
  try {
    while (child.exitCode === null) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`start exited with ${child.exitCode}`);
  } finally {
    await stopChild(child);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

const BASELINE_SCRIPT = `
import("@electric-sql/pglite").then(async ({ PGlite }) => {
  const db = await PGlite.create(process.env.PGLITE_DIR);
  await db.query("select 1");
  console.log("ready");
  await db.close();
});`;

/** Seconds from spawn until a bare node process has opened the PGlite dir and answered `select 1`. */
async function timeBaseline(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--input-type=module", "-e", BASELINE_SCRIPT], {
    cwd: projectRoot,
    env: { ...env, PGLITE_DIR: path.join(dataDir, "pglite") },
  });
  let seconds = 0;
  child.stdout.on("data", (chunk: Buffer) => {
    if (!seconds && chunk.toString().includes("ready")) seconds = (performance.now() - started) / 1000;
  });
  const [code] = await once(child, "exit");
  if (code !== 0 || !seconds) throw new Error(`baseline exited with ${code}`);
  return seconds;
}

try {
  buildIfStale();
  const firstStart = await timeStart();
  console.log(`  first start (migrate + demo data): ${firstStart.toFixed(2)} s`);
  const starts: number[] = [];
  const baselines: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    starts.push(await timeStart());
    baselines.push(await timeBaseline());
  }
  console.log(`  starts: ${starts.map((s) => s.toFixed(2)).join(", ")} s`);
  console.log(`  baselines: ${baselines.map((s) => s.toFixed(2)).join(", ")} s`);
  const start = median(starts);
  const baseline = median(baselines);
  console.log(
    `npm start on existing data, spawn to first 200 from /health: median ${start.toFixed(2)} s of ${RUNS} ` +
      `(target <= ${TARGET_SECONDS} s) | bare node + PGlite open + select 1: ${baseline.toFixed(2)} s | ` +
      `ratio ${(start / baseline).toFixed(2)}x`,
  );
  if (start > TARGET_SECONDS) process.exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
