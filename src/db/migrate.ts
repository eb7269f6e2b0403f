import { readFileSync } from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrationsFolder } from "../paths.js";
import { UserError } from "../user-error.js";
import { type Database, withAdvisoryLock } from "./client.js";

/** Any constant works; it only has to be the same in every supplynet process. */
const MIGRATION_LOCK_KEY = 7_283_114;

/**
 * Applies the committed SQL migrations with each driver's own migrator (drizzle-kit's PGlite link is unreliable).
 * On PostgreSQL an advisory lock keeps several processes starting at once from applying the same migration twice.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (!database.pool) {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  await withAdvisoryLock(database.pool, MIGRATION_LOCK_KEY, (client) =>
    migratePg(drizzle(client), { migrationsFolder }),
  );
}

interface JournalEntry {
  tag: string;
  when: number;
}

let journal: JournalEntry[] | undefined;

/** The committed migrations, oldest first; they cannot change while the process runs, so they are read once. */
function committedMigrations(): JournalEntry[] {
  journal ??= (
    JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
      entries: JournalEntry[];
    }
  ).entries;
  return journal;
}

/**
 * The tags of the committed migrations this database lacks, by drizzle's own rule: both migrators record each
 * applied migration's journal time in drizzle.__drizzle_migrations and apply those newer than the latest one.
 */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const { rows: found } = await database.executeSql<{ present: boolean }>(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
  );
  let latest = Number.NEGATIVE_INFINITY;
  if (found[0]?.present) {
    const { rows } = await database.executeSql<{ latest: string | null }>(
      "select max(created_at)::text as latest from drizzle.__drizzle_migrations",
    );
    if (rows[0]?.latest != null) latest = Number(rows[0].latest);
  }
  return committedMigrations()
    .filter((entry) => entry.when > latest)
    .map((entry) => entry.tag);
}

/** `serve` and `worker` never run on a schema older than their code: every API call would fail. */
export async function refuseIfMigrationsPending(database: Database): Promise<void> {
  const pending = await pendingMigrations(database);
  if (pending.length === 0) return;
  throw new UserError(
    `${database.description} lacks ${pending.length} of the ${committedMigrations().length} migrations (${pending.join(", ")}): run \`supplynet migrate\` first.`,
  );
}
