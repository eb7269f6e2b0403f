import pg from "pg";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database `supplynet_bench_<name>` on BENCH_DATABASE_URL's server; drop() removes it. */
export async function createBenchDatabase(name: string): Promise<BenchDatabase> {
  const databaseName = `supplynet_bench_${name}`;
  await onServer(`drop database if exists ${databaseName} with (force)`);
  await onServer(`create database ${databaseName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return {
    url: url.toString(),
    drop: () => onServer(`drop database if exists ${databaseName} with (force)`),
  };
}
