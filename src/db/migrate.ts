import { readFileSync } from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrationsFolder } from "../paths.js";
import { UserError } from "../user-error.js";
import { type Database, withAdvisoryLock } from "./client.js";
import { LEDGER_PARTITIONS_AHEAD } from "./ledger.js";

/** Any constant works; it only has to be the same in every supplynet process. */
const MIGRATION_LOCK_KEY = 7_283_114;

/**
 * Applies the committed SQL migrations with each driver's own migrator (drizzle-kit's PGlite link is unreliable),
 * and returns the tags it applied, oldest first (none when the database was up to date). Drizzle applies them
 * all in one transaction, so they are all applied or none. On PostgreSQL an advisory lock keeps several
 * processes starting at once from applying the same migration twice, and the pending ones are read under it.
 */
export async function migrateDatabase(database: Database): Promise<string[]> {
  if (!database.pool) {
    const pending = await pendingMigrations(database);
    await migratePglite(database.db as never, { migrationsFolder });
    await database.executeSql(ENSURE_LEDGER_PARTITIONS);
    return pending;
  }
  return withAdvisoryLock(database.pool, MIGRATION_LOCK_KEY, async (client) => {
    const pending = await pendingOn((text) => client.query(text));
    await migratePg(drizzle(client), { migrationsFolder });
    await client.query(ENSURE_LEDGER_PARTITIONS);
    return pending;
  });
}

/**
 * The debt ledger's partitions for this month and the next ones (migration 0009's function), so that a
 * deployment that migrates is ready whether or not the nightly `maintenance` job has run.
 */
const ENSURE_LEDGER_PARTITIONS = `select debt_ledger_ensure_partitions(${LEDGER_PARTITIONS_AHEAD})`;

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

type Query = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * The journal time of the latest migration recorded, by drizzle's own rule: both migrators record each applied
 * migration's journal time in drizzle.__drizzle_migrations and apply those newer than the latest one.
 */
async function latestApplied(query: Query): Promise<number> {
  const { rows: found } = await query(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
  );
  if (!found[0]?.present) return Number.NEGATIVE_INFINITY;
  const { rows } = await query("select max(created_at)::text as latest from drizzle.__drizzle_migrations");
  return rows[0]?.latest == null ? Number.NEGATIVE_INFINITY : Number(rows[0].latest);
}

export interface MigrationStatus {
  tag: string;
  applied: boolean;
}

/** Every committed migration, oldest first, and whether this database has it (`supplynet showmigrations`). */
export async function migrationStatus(database: Database): Promise<MigrationStatus[]> {
  return statusOn((text) => database.executeSql(text));
}

async function statusOn(query: Query): Promise<MigrationStatus[]> {
  const latest = await latestApplied(query);
  return committedMigrations().map((entry) => ({ tag: entry.tag, applied: entry.when <= latest }));
}

async function pendingOn(query: Query): Promise<string[]> {
  return (await statusOn(query)).filter((entry) => !entry.applied).map((entry) => entry.tag);
}

/** The tags of the committed migrations this database lacks, oldest first. */
export function pendingMigrations(database: Database): Promise<string[]> {
  return pendingOn((text) => database.executeSql(text));
}

/** `serve` and `worker` never run on a schema older than their code: every API call would fail. */
export async function refuseIfMigrationsPending(database: Database): Promise<void> {
  const pending = await pendingMigrations(database);
  if (pending.length === 0) return;
  throw new UserError(
    `${database.description} lacks ${pending.length} of the ${committedMigrations().length} migrations (${pending.join(", ")}): run \`supplynet migrate\` first.`,
  );
}
