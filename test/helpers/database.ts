import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { type Database, openDatabase, PGLITE_EXTENSIONS, wrapPglite } from "../../src/db/client.js";
import { QUEUE_SCHEMA } from "../../src/queue/queue.js";
import { adminUrl, withAdminClient } from "./postgres.js";

export const testDriver: "pg" | "pglite" = process.env.TEST_DRIVER === "pg" ? "pg" : "pglite";

export interface TestDatabase {
  database: Database;
  /** For tests that start a child process: the URL, or undefined on PGlite. */
  url: string | undefined;
  /** Empties every table, so tests within a file start clean too. */
  truncate(): Promise<void>;
  destroy(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * The templates come with pg-boss's schema installed (test/helpers/global-setup.ts); `false` drops it, for a
   * test of queue set-up on a database as `supplynet migrate` leaves it.
   */
  queueSchema?: boolean;
}

const TABLES = [
  "company_products, invitations, refresh_tokens, users, products, companies, task_runs, applied_jobs",
  "debt_ledger, debt_causes, debt_daily_totals, audit_log",
].join(", ");

async function openCopy(): Promise<Pick<TestDatabase, "database" | "url" | "destroy">> {
  if (testDriver === "pg") {
    const serverUrl = process.env.TEST_DATABASE_URL ?? "";
    const name = `supplynet_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await withAdminClient(serverUrl, (client) =>
      client.query(`create database ${name} template ${inject("pgTemplate")}`),
    );
    const url = adminUrl(serverUrl, name);
    const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
    return {
      database,
      url,
      async destroy() {
        await database.close();
        await withAdminClient(serverUrl, (client) =>
          client.query(`drop database if exists ${name} with (force)`),
        );
      },
    };
  }
  const template = readFileSync(inject("pgliteTemplate"));
  const pglite = await PGlite.create({ loadDataDir: new Blob([template]), extensions: PGLITE_EXTENSIONS });
  const database = wrapPglite(pglite, "PGlite in memory (test)");
  return { database, url: undefined, destroy: () => database.close() };
}

/** Raw SQL on a test database, answered with its rows. */
export function rowsOf(testDb: Pick<TestDatabase, "database">) {
  return <Row = Record<string, unknown>>(text: string, values?: unknown[]) =>
    testDb.database.executeSql<Row>(text, values).then((result) => result.rows);
}

/** A fresh, migrated database of its own for one test file, on the driver this run tests. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const copy = await openCopy();
  const { database } = copy;
  if (options.queueSchema === false) await database.executeSql(`drop schema ${QUEUE_SCHEMA} cascade`);
  return {
    ...copy,
    truncate: () => database.executeSql(`truncate ${TABLES} restart identity cascade`).then(() => {}),
  };
}
