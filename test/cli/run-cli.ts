import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { projectRoot } from "../../src/paths.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `supplynet …` from the sources as a real child process (tsx, as `npx tsx src/main.ts` does). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdin.end(stdin ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A user mistake ends as one line on stderr, exit code 1, and no stack trace. */
export function isReadableFailure(result: CliResult): boolean {
  return (
    result.code === 1 && !result.stderr.includes("    at ") && result.stderr.trim().split("\n").length === 1
  );
}

/** Where a child process finds its database: the test's PostgreSQL database, or a migrated PGlite data dir. */
export interface CliDatabase {
  env: NodeJS.ProcessEnv;
  /** Opens the database from the test process (on PGlite, only while no child holds the data dir). */
  open(): Promise<Database>;
  cleanup(): void;
}

export async function cliDatabase(testDb: TestDatabase): Promise<CliDatabase> {
  if (testDb.url) {
    return {
      env: { DATABASE_URL: testDb.url },
      open: () => openDatabase({ databaseUrl: testDb.url, poolSize: 1 }),
      cleanup: () => {},
    };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-cli-"));
  const template = readFileSync(inject("pgliteTemplate"));
  const pglite = await PGlite.create(path.join(dataDir, "pglite"), { loadDataDir: new Blob([template]) });
  await pglite.close();
  return {
    env: { DATABASE_URL: "", DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Every row the CLI commands could touch, to show that a refused command changed nothing. */
export async function snapshot(cli: CliDatabase): Promise<unknown> {
  const database = await cli.open();
  try {
    const { rows } = await database.executeSql(
      `select (select coalesce(json_agg(u order by u.id), '[]') from users u)::text as users,
              (select count(*)::int from companies) as companies, (select count(*)::int from products) as products`,
    );
    return rows[0];
  } finally {
    await database.close();
  }
}

/** Gives the file's tests a fresh database for child processes; read `.cli` inside tests. */
export function cliDatabaseForThisFile(): { readonly cli: CliDatabase } {
  let testDb: TestDatabase;
  let cli: CliDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    cli = await cliDatabase(testDb);
  });
  afterAll(async () => {
    cli.cleanup();
    await testDb.destroy();
  });
  return {
    get cli() {
      return cli;
    },
  };
}
