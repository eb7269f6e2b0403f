import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../db/client.js";

/** One transaction on one connection, with COPY: what a bulk load needs from either driver. */
export interface BulkSession {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  /** Several statements without parameters. */
  exec(text: string): Promise<void>;
  /** Streams rows already in COPY text format (tab-separated, `\N` for null, one per line). */
  copyIn(table: string, columns: readonly string[], rows: string): Promise<void>;
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `copy ${table} (${columns.join(", ")}) from ${source}`;
}

function pgSession(client: pg.PoolClient): BulkSession {
  return {
    async query<Row>(text: string, values?: unknown[]) {
      return (await client.query(text, values)).rows as Row[];
    },
    async exec(text) {
      await client.query(text);
    },
    async copyIn(table, columns, rows) {
      if (!rows) return;
      const stream = client.query(copyFrom(copyStatement(table, columns, "stdin")));
      await pipeline(Readable.from([rows]), stream);
    },
  };
}

function pgliteSession(tx: Transaction): BulkSession {
  return {
    async query<Row>(text: string, values?: unknown[]) {
      return (await tx.query<Row>(text, values)).rows;
    },
    async exec(text) {
      await tx.exec(text);
    },
    async copyIn(table, columns, rows) {
      if (!rows) return;
      // PGlite reads COPY data from a Blob mounted at /dev/blob.
      await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([rows]) });
    },
  };
}

/**
 * For the index rebuilds of a bulk load on PostgreSQL, this transaction only: a million rows' indexes then sort
 * in memory instead of in temporary files, and a trigram index is built in a few passes instead of many. PGlite
 * keeps its default, since its memory is the app process's own.
 */
const BULK_MAINTENANCE_MEMORY = "1GB";

/** Runs `work` in one transaction: it commits if `work` resolves, and nothing is left if it throws. */
export async function inBulkTransaction<T>(
  database: Database,
  work: (session: BulkSession) => Promise<T>,
): Promise<T> {
  if (database.pglite) return database.pglite.transaction((tx) => work(pgliteSession(tx)));
  if (!database.pool) throw new Error(`${database.description} has neither a pool nor PGlite`);
  const client = await database.pool.connect();
  try {
    await client.query("begin");
    await client.query(`set local maintenance_work_mem = '${BULK_MAINTENANCE_MEMORY}'`);
    const result = await work(pgSession(client));
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

interface Rebuild {
  drop: string;
  restore: string;
}

/**
 * A bulk load into indexed tables with foreign keys pays a btree insert per index and a trigger query per
 * foreign key for every row (most of a plain COPY's time here). As pg_restore does, this drops the secondary
 * indexes and foreign keys of `tables`, runs `work`, then rebuilds the indexes by sorting and re-checks each
 * foreign key with one query. It is all inside the caller's transaction: if a row breaks a rule, restoring the
 * constraint fails and everything rolls back. Primary keys and unique constraints stay in place throughout.
 * `onRestored` hears how many of the indexes and foreign keys are back.
 */
export async function withConstraintsRebuilt<T>(
  session: BulkSession,
  tables: readonly string[],
  work: () => Promise<T>,
  onRestored: (done: number, total: number) => void = () => {},
): Promise<T> {
  const foreignKeys = await session.query<Rebuild>(
    `select format('alter table %s drop constraint %I', conrelid::regclass, conname) as drop,
            format('alter table %s add constraint %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
              as restore
     from pg_constraint where contype = 'f' and conrelid = any($1::regclass[])`,
    [tables],
  );
  const indexes = await session.query<Rebuild>(
    `select format('drop index %s', i.indexrelid::regclass) as drop, pg_get_indexdef(i.indexrelid) as restore
     from pg_index i
     where i.indrelid = any($1::regclass[])
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))`,
    [tables],
  );
  const rebuilds = [...foreignKeys, ...indexes];
  await session.exec(rebuilds.map((rebuild) => `${rebuild.drop};`).join("\n"));
  const result = await work();
  // One at a time, so that the caller can show how far a rebuild of many minutes has got.
  const restores = [...indexes, ...foreignKeys];
  onRestored(0, restores.length);
  for (const [done, rebuild] of restores.entries()) {
    await session.exec(rebuild.restore);
    onRestored(done + 1, restores.length);
  }
  return result;
}
