import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock } from "../../src/db/lock.js";
import { projectRoot } from "../../src/paths.js";

const tsxLoader = pathToFileURL(path.join(projectRoot, "node_modules/tsx/dist/loader.mjs")).href;
const lockModule = pathToFileURL(path.join(projectRoot, "src/db/lock.ts")).href;

/** A real second process that takes the lock, says so, and holds it until it is killed. */
async function holderProcess(dataDir: string): Promise<ChildProcess> {
  const script = `import(${JSON.stringify(lockModule)}).then(async ({ acquireDataDirLock }) => {
    await acquireDataDirLock(${JSON.stringify(dataDir)});
    console.log("locked");
    setInterval(() => {}, 1000);
  });`;
  const child = spawn(process.execPath, ["--import", tsxLoader, "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

describe("the embedded database's lock", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-lock-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("refuses while another live process holds it, naming that process", async () => {
    const holder = await holderProcess(dataDir);
    try {
      await expect(acquireDataDirLock(dataDir)).rejects.toThrow(
        new RegExp(`in use by another supplynet process \\(pid ${holder.pid}\\)\\. Stop that process first`),
      );
    } finally {
      await killed(holder);
    }
  });

  it("is taken over after its holder was SIGKILLed, though the lock file stays behind", async () => {
    const holder = await holderProcess(dataDir);
    await killed(holder);
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(true);
    const release = await acquireDataDirLock(dataDir);
    release();
  });

  it("is taken over when the file left behind names this very process's pid (a restarted container's PID 1)", async () => {
    writeFileSync(path.join(dataDir, "pglite.lock"), String(process.pid));
    const release = await acquireDataDirLock(dataDir);
    // Held now: a second claim, even from this process, is refused.
    await expect(acquireDataDirLock(dataDir)).rejects.toThrow(/in use by another supplynet process/);
    release();
  });

  it("is free again once released", async () => {
    const release = await acquireDataDirLock(dataDir);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await acquireDataDirLock(dataDir);
    again();
  });
});
