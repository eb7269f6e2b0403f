import { drizzle } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrationsFolder } from "../paths.js";
import type { Database } from "./client.js";

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
  const client = await database.pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migratePg(drizzle(client), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}
