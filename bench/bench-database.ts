import { type Database, openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { adminUrl, withAdminClient } from "../test/helpers/postgres.js";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const onServer = (sql: string) => withAdminClient(serverUrl, (client) => client.query(sql)).then(() => {});

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database `supplynet_bench_<name>` on BENCH_DATABASE_URL's server; drop() removes it. */
export async function createBenchDatabase(name: string): Promise<BenchDatabase> {
  const databaseName = `supplynet_bench_${name}`;
  const drop = () => onServer(`drop database if exists ${databaseName} with (force)`);
  await drop();
  await onServer(`create database ${databaseName}`);
  return { url: adminUrl(serverUrl, databaseName), drop };
}

export interface OpenBenchDatabase extends BenchDatabase {
  database: Database;
}

/** createBenchDatabase, migrated and open with `poolSize` connections; drop() closes it first. */
export async function openBenchDatabase(name: string, poolSize: number): Promise<OpenBenchDatabase> {
  const created = await createBenchDatabase(name);
  const database = await openDatabase({ databaseUrl: created.url, poolSize });
  const drop = async () => {
    await database.close();
    await created.drop();
  };
  try {
    await migrateDatabase(database);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: created.url, database, drop };
}
