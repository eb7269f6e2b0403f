/**
 * `npm run bench [-- name …]`: runs every bench/*.bench.ts (or only those named, e.g. `import startup`), each as
 * its own tsx process in turn, so one bench's memory and JIT state never colour another's figures.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(benchDir)
  .filter((file) => file.endsWith(".bench.ts"))
  .map((file) => file.slice(0, -".bench.ts".length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown bench: ${unknown.join(", ")}. Available: ${available.join(", ")}.`);
  process.exit(1);
}

const failed: string[] = [];
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n== bench ${name} ==`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(benchDir, `${name}.bench.ts`)], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed.push(`${name} (exit ${result.status ?? result.signal})`);
}
if (failed.length > 0) {
  console.error(`\nMissed a target or failed: ${failed.join(", ")}`);
  process.exit(1);
}
