import { type Config, loadConfig } from "../config.js";
import { type Database, openDatabase } from "../db/client.js";
import { refuseIfMigrationsPending } from "../db/migrate.js";

/**
 * The database with the configured statement and lock timeouts, which bound every request and job. Bulk work
 * (`migrate`, `import-test-data`, `check`) opens it without them: a COPY or an index build over a large table
 * legitimately takes longer than any request may.
 */
export function openConfiguredDatabase(
  config: Config = loadConfig(),
  work: "bounded" | "bulk" = "bounded",
): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(work === "bounded" && {
      statementTimeoutMs: config.statementTimeoutMs,
      lockTimeoutMs: config.lockTimeoutMs,
    }),
  });
}

/** Runs one step of a start; if it fails, undoes the steps before it (`close`) and reports the failure. */
export async function orClose<T>(close: () => Promise<void>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

/** For `serve` and `worker`, which must not run on a schema older than their code (`start` migrates). */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openConfiguredDatabase(config);
  await orClose(
    () => database.close(),
    () => refuseIfMigrationsPending(database),
  );
  return database;
}
