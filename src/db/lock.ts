import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../config.js";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process's database: two processes writing the same files corrupt it. A lock file holding the
 * owner's pid turns that into a clear refusal; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "pglite.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const release = () => {
        rmSync(lockFile, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockFile, "utf8"));
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new ConfigError(
          `The embedded database in ${dataDir} is in use by another supplynet process (pid ${owner}). ` +
            "Stop that process first, or set DATABASE_URL to use PostgreSQL, which many processes can share.",
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new ConfigError(`Could not lock ${lockFile}; remove it if no supplynet process is running.`);
}
