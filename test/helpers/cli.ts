import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { type Database, openDatabase, PGLITE_EXTENSIONS } from "../../src/db/client.js";
import { projectRoot } from "../../src/paths.js";
import { QUEUE_SCHEMA } from "../../src/queue/queue.js";
import { compiledMain } from "./build.js";
import type { TestDatabase } from "./database.js";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Where the child runs; an empty folder keeps a ./.env from supplying settings. */
  cwd?: string;
  /** SIGKILLed after this long, so a command that should have refused cannot outlive the test. */
  timeoutMs?: number;
}

/**
 * `node dist/src/main.js …`, the compiled CLI that global setup keeps up to date with src/, as production runs
 * it; one process, so a signal reaches supplynet itself.
 */
export const CLI_COMMAND = [process.execPath, compiledMain];

function spawnCli(args: string[], env: NodeJS.ProcessEnv, options: CliOptions): ChildProcess {
  const [node, main] = CLI_COMMAND as [string, string];
  return spawn(node, [main, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { ...process.env, ...env },
    ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: "SIGKILL" as const } : {}),
  });
}

/** Runs `supplynet …` as a real child process. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
  options: CliOptions = {},
): Promise<CliResult> {
  const child = spawnCli(args, env, options);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdin?.end(stdin ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A long-running `supplynet serve`, `worker` or `start`, with everything it printed so far. */
export interface RunningCli {
  child: ChildProcess;
  output(): string;
  /** Waits until the output matches; fails with the output if the process exits first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Waits until GET `url` answers `status`; fails likewise. */
  waitForStatus(url: string, status: number, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then the exit code (null when killed by a signal). */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash or the OOM killer ends it, resolved once the process is gone. */
  kill(): Promise<void>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawnCli(args, env, {});
  child.stdin?.end();
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const until = async (done: () => Promise<boolean>, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`supplynet ${args.join(" ")} exited before ${what}:\n${output}`);
      }
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs = 60_000) =>
      until(async () => pattern.test(output), String(pattern), timeoutMs),
    waitForStatus: (url, status, timeoutMs = 60_000) =>
      until(
        () =>
          fetch(url).then(
            (response) => {
              void response.body?.cancel();
              return response.status === status;
            },
            () => false,
          ),
        `${status} from ${url}`,
        timeoutMs,
      ),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A `supplynet worker` child process, once it says it is running. */
export async function startWorkerCli(env: NodeJS.ProcessEnv): Promise<RunningCli> {
  const worker = startCli(["worker"], env);
  await worker.waitFor(/supplynet worker is running/);
  return worker;
}

/** The JSON log lines in a child process's output (LOG_FORMAT=json), beside the CLI's own plain lines. */
export function jsonLogEntries(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
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

/** SQL on the children's database from the test process, opened and closed around it (see `open`). */
export async function sqlOn<Row = Record<string, unknown>>(
  cli: Pick<CliDatabase, "open">,
  text: string,
  values?: unknown[],
): Promise<Row[]> {
  const database = await cli.open();
  try {
    return (await database.executeSql<Row>(text, values)).rows;
  } finally {
    await database.close();
  }
}

/**
 * Children get a database as `supplynet migrate` leaves it, without the pg-boss schema that the test templates
 * carry: on PostgreSQL pass a database made with `queueSchema: false`.
 */
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
  const pglite = await PGlite.create(path.join(dataDir, "pglite"), {
    loadDataDir: new Blob([template]),
    extensions: PGLITE_EXTENSIONS,
  });
  await pglite.exec(`drop schema ${QUEUE_SCHEMA} cascade`);
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
