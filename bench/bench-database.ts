import { type Database, openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { adminUrl, withAdminClient } from "../test/helpers/postgres.js";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const onServer = (sql: string) => withAdminClient(serverUrl, (client) => client.query(sql)).then(() => {});

export interface BenchDatabase {
  url: string;
  database: Database;
  /** Closes the connection and removes the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database `supplynet_bench_<name>` on BENCH_DATABASE_URL's server, open with `poolSize`. */
export async function createBenchDatabase(name: string, poolSize: number): Promise<BenchDatabase> {
  const databaseName = `supplynet_bench_${name}`;
  const drop = () => onServer(`drop database if exists ${databaseName} with (force)`);
  await drop();
  await onServer(`create database ${databaseName}`);
  const url = adminUrl(serverUrl, databaseName);
  const database = await openDatabase({ databaseUrl: url, poolSize });
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close();
    await drop();
    throw error;
  }
  return {
    url,
    database,
    async drop() {
      await database.close();
      await drop();
    },
  };
}
