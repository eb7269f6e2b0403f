import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { UserError } from "../user-error.js";
import { QUERY_READ_TIMEOUT } from "./errors.js";
import { acquireDataDirLock } from "./lock.js";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; inside `db.transaction(tx => …)` use only `tx` (PGlite has one connection). */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** The rows of a raw SQL query; both drivers answer `execute` with `{rows}`, which Drizzle's types leave open. */
export async function selectRows<Row>(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: Row[] }).rows;
}

export interface SqlResult<Row = Record<string, unknown>> {
  rows: Row[];
  rowCount: number;
}

export interface Database {
  driver: "pg" | "pglite";
  db: Db;
  /** Raw SQL for pg-boss and bulk work. On PGlite a statement without parameters may hold several commands. */
  executeSql<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<SqlResult<Row>>;
  /** Where the data lives, for logs and `supplynet` output; never includes a password. */
  description: string;
  pool?: pg.Pool;
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; without it the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Folder for the PGlite data; ignored with a URL. `undefined` plus no URL means an in-memory PGlite. */
  dataDir?: string | undefined;
  poolSize?: number;
  /**
   * PostgreSQL's statement_timeout and lock_timeout for every pooled connection, in ms; unset or 0 leaves the
   * server's own. A statement timeout also arms a client-side timeout just above it, for a server that cannot
   * enforce its own (frozen, or cut off without a reset). PGlite ignores both: see docs/architecture.md.
   */
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
}

/** How long past its statement_timeout a query waits for the server's own cancellation before giving up on it. */
export const QUERY_TIMEOUT_MARGIN_MS = 1000;

// Make pg read values as PGlite does: numeric stays a string (money is never a float), and bigint such as
// count(*) becomes a number rather than a string.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    throw new UserError(
      "DATABASE_URL is not a valid URL. Expected postgres://user:password@host:5432/dbname, or unset it to use the embedded database.",
    );
  }
}

/**
 * pg answers a query that outlived query_timeout with an error but keeps its connection, still waiting for the
 * server's answer: back in the pool, it would hold the next caller's queries behind it, and once the server
 * answers it may sit inside the transaction whose ROLLBACK never went out. Such a connection is ended instead.
 */
function endOnQueryTimeout(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const endIfTimedOut = (error: unknown) => {
    if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) client.end().catch(() => {});
  };
  client.query = ((...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        endIfTimedOut(error);
        callback(error, result);
      };
    }
    const result = query(...args);
    if (result instanceof Promise) result.catch(endIfTimedOut);
    return result;
  }) as typeof client.query;
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const description = describeUrl(url);
  const statementTimeout = options.statementTimeoutMs || undefined;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    statement_timeout: statementTimeout,
    lock_timeout: options.lockTimeoutMs || undefined,
    query_timeout: statementTimeout && statementTimeout + QUERY_TIMEOUT_MARGIN_MS,
  });
  // A client that dies (server restart) must not crash the process: idle ones report to the pool, which replaces
  // them; one checked out (inside a transaction, between its statements) reports to itself, and its next
  // statement fails with the cause.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    client.on("error", () => {});
    if (statementTimeout) endOnQueryTimeout(client);
  });
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(
      `Cannot connect to ${description}: ${reason}. Check that the server runs and DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.`,
    );
  }
  return {
    driver: "pg",
    db: drizzlePg(pool, { schema }) as unknown as Db,
    async executeSql(text, values) {
      const result = await pool.query(text, values as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    description,
    pool,
    close: () => pool.end(),
  };
}

/**
 * Runs `work` while this process holds a PostgreSQL session advisory lock on one pooled connection, so that
 * other processes taking the same `key` wait their turn. A connection whose unlock failed is destroyed rather
 * than returned to the pool, where it would keep the lock for good.
 */
export async function withAdvisoryLock<T>(
  pool: pg.Pool,
  key: number,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [key]);
    return await work(client);
  } finally {
    const unlocked = await client.query("select pg_advisory_unlock($1)", [key]).then(
      () => true,
      () => false,
    );
    client.release(!unlocked);
  }
}

/** Wraps an open PGlite instance; `onClose` runs after it closes (the data dir lock is released there). */
export function wrapPglite(pglite: PGlite, description: string, onClose: () => void = () => {}): Database {
  return {
    driver: "pglite",
    db: drizzlePglite(pglite, { schema }) as unknown as Db,
    async executeSql(text, values) {
      // PGlite's query() refuses multi-statement text, which pg-boss sends without parameters.
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        const last = results.at(-1);
        return { rows: (last?.rows ?? []) as never[], rowCount: last?.affectedRows ?? 0 };
      }
      const result = await pglite.query(text, values);
      return { rows: result.rows as never[], rowCount: result.affectedRows ?? 0 };
    },
    description,
    pglite,
    async close() {
      try {
        await pglite.close();
      } finally {
        onClose();
      }
    },
  };
}

/**
 * PGlite ships each extension as a bundle it must be handed when it starts; migration 0010 creates pg_trgm, so
 * every PGlite that is migrated or opens a migrated data dir takes these.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (!dataDir) return wrapPglite(await PGlite.create({ extensions: PGLITE_EXTENSIONS }), "PGlite in memory");
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = await acquireDataDirLock(dataDir);
  const folder = path.join(dataDir, "pglite");
  try {
    return wrapPglite(
      await PGlite.create(folder, { extensions: PGLITE_EXTENSIONS }),
      `PGlite at ${folder}`,
      releaseLock,
    );
  } catch (error) {
    releaseLock();
    throw error;
  }
}

export function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir);
}
