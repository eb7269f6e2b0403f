import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../src/paths.js";

/** The newest modification time of any file under `folder`. */
export function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The compiled entry point the tests' child processes run, as `bin/supplynet.js` does in production. */
export const compiledMain = path.join(projectRoot, "dist/src/main.js");

/**
 * Compiles src/ into dist/src when it is missing or older than any source, so that the child processes never
 * run stale code. A child on compiled JavaScript starts in half the CPU time of one on tsx, which transpiles
 * the whole tree at each start; the suite starts hundreds. The build goes to a folder of its own and then
 * takes dist/src's place, so a second test run building at the same time never sees half a tree.
 */
export function ensureCliBuilt(): void {
  const sources = path.join(projectRoot, "src");
  if (existsSync(compiledMain) && statSync(compiledMain).mtimeMs >= newestMtime(sources)) return;
  const distFolder = path.join(projectRoot, "dist");
  mkdirSync(distFolder, { recursive: true });
  const staging = mkdtempSync(path.join(distFolder, "build-"));
  try {
    try {
      execFileSync(
        process.execPath,
        [
          path.join(projectRoot, "node_modules/typescript/bin/tsc"),
          "-p",
          "tsconfig.build.json",
          "--outDir",
          staging,
        ],
        { cwd: projectRoot, stdio: "pipe" },
      );
    } catch (error) {
      // tsc still emits on a type error; `npm run lint` is where those are reported.
      if (!existsSync(path.join(staging, "src/main.js"))) throw error;
    }
    const previous = path.join(distFolder, `src-old-${process.pid}`);
    if (existsSync(path.join(distFolder, "src"))) renameSync(path.join(distFolder, "src"), previous);
    renameSync(path.join(staging, "src"), path.join(distFolder, "src"));
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
