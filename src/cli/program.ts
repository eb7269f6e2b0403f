import { Command, InvalidArgumentError } from "commander";
import pg from "pg";
import { type Config, ConfigError, loadConfig } from "../config.js";
import { type Database, openDatabase } from "../db/client.js";
import { migrateDatabase, refuseIfMigrationsPending } from "../db/migrate.js";
import { runTaskNow } from "../debts/run-task.js";
import { ensureDemoData, startBanner } from "../seed/demo.js";
import { checkImportOptions, type ImportOptions } from "../seed/import.js";
import { SEED_LOCALES } from "../seed/pools.js";
import { startHttpServer } from "../server.js";
import { UserError } from "../user-error.js";
import { openSendQueue, startWorker } from "../worker.js";
import { collectSuperuserInput, createSuperuser, type SuperuserOptions } from "./commands/createsuperuser.js";
import { importWithProgress } from "./commands/import-test-data.js";

export { UserError };

/**
 * The database with the configured statement and lock timeouts, which bound every request and job. Bulk work
 * (`migrate`, `import-test-data`) opens it without them: a COPY or an index build over a large table
 * legitimately takes longer than any request may.
 */
function openConfiguredDatabase(
  config: Config = loadConfig(),
  work: "bounded" | "bulk" = "bounded",
): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(work === "bounded" && {
      statementTimeoutMs: config.statementTimeoutMs,
      lockTimeoutMs: config.lockTimeoutMs,
    }),
  });
}

/** Runs one step of a start; if it fails, undoes the steps before it (`close`) and reports the failure. */
async function orClose<T>(close: () => Promise<void>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

/** For `serve` and `worker`, which must not run on a schema older than their code (`start` migrates). */
async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openConfiguredDatabase(config);
  await orClose(
    () => database.close(),
    () => refuseIfMigrationsPending(database),
  );
  return database;
}

/** Past SHUTDOWN_TIMEOUT, how often the statements this process still runs are cancelled again. */
const CANCEL_EVERY_MS = 500;
/** Past SHUTDOWN_TIMEOUT, how long a cut-off job has to roll back and record its own failure. */
const JOB_UNWIND_MS = 3_000;
/** Past SHUTDOWN_TIMEOUT, how long a stop may still take before the process exits without it. */
const GIVE_UP_AFTER_MS = 10_000;

/**
 * The app pool's connections in use, so that a stop past SHUTDOWN_TIMEOUT can cancel their statements: the
 * transaction rolls back (a job's retry is then its only application) and gives its connection back, so that the
 * pool can close. Counted from before any request or job runs. On PGlite a statement holds the main thread:
 * there is nothing to cancel, and no timer to do it.
 */
function connectionsInUse(database: Database, databaseUrl: string | undefined) {
  const inUse = new Set<pg.PoolClient>();
  database.pool?.on("acquire", (client) => inUse.add(client));
  database.pool?.on("release", (_error, client) => inUse.delete(client));
  database.pool?.on("remove", (client) => inUse.delete(client));
  return {
    /** Cancels the statement each one runs now (none, between two statements). */
    async cancel(): Promise<void> {
      // pg keeps each connection's server process id (from BackendKeyData) without declaring it.
      const pids = [...inUse].map((client) => (client as unknown as { processID: number }).processID);
      if (pids.length === 0 || !databaseUrl) return;
      // On a connection of its own: the pool may have none left to give.
      const client = new pg.Client({ connectionString: databaseUrl });
      client.on("error", () => {});
      try {
        await client.connect();
        await client.query(
          "select pg_cancel_backend(pid) from pg_stat_activity where pid = any($1::int[]) and datname = current_database()",
          [pids],
        );
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}
type ConnectionsInUse = ReturnType<typeof connectionsInUse>;

/**
 * Runs until SIGINT/SIGTERM, then `stop`, which has SHUTDOWN_TIMEOUT for what is in flight (`timeLeft()` is what
 * remains of it) and then cuts off the rest. Past it, the statements this process still runs are cancelled, and
 * again every CANCEL_EVERY_MS for those that follow; a stop that has still not ended GIVE_UP_AFTER_MS later is
 * given up, with exit code 1.
 */
function stopOnSignal(
  config: Config,
  connections: ConnectionsInUse,
  stop: (timeLeft: () => number) => Promise<void>,
): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, shutting down…`);
    const deadline = Date.now() + config.shutdownTimeoutMs;
    setTimeout(async () => {
      console.log(
        "SHUTDOWN_TIMEOUT reached: cutting off the requests and jobs still running, and cancelling their queries.",
      );
      for (;;) {
        await connections.cancel().catch((error) => console.error(`Cancelling queries failed: ${error}`));
        await new Promise((resolve) => setTimeout(resolve, CANCEL_EVERY_MS));
      }
    }, config.shutdownTimeoutMs);
    setTimeout(() => {
      console.error(
        `Still not stopped ${GIVE_UP_AFTER_MS / 1000} s past SHUTDOWN_TIMEOUT: exiting without it.`,
      );
      process.exit(1);
    }, config.shutdownTimeoutMs + GIVE_UP_AFTER_MS);
    stop(() => Math.max(0, deadline - Date.now())).then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

export function parseWholeNumber(value: string): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError("Expected a whole number.");
  }
  return number;
}

export function buildCli(): Command {
  const program = new Command("supplynet")
    .description(
      "supplynet: the electronics supply network. Companies, debts, employees, API, admin and jobs.",
    )
    .showHelpAfterError("(run `supplynet --help` for the list of commands)");

  program
    .command("migrate")
    .description("Apply the database migrations (PGlite in ./data, or PostgreSQL with DATABASE_URL).")
    .action(async () => {
      const database = await openConfiguredDatabase(loadConfig(), "bulk");
      try {
        await migrateDatabase(database);
        console.log(`Migrations applied to ${database.description}.`);
      } finally {
        await database.close();
      }
    });

  program
    .command("serve")
    .description(
      "Serve HTTP only (API, admin, docs), for production; run as many as you like. Refuses pending migrations.",
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      const connections = connectionsInUse(database, config.databaseUrl);
      // Enqueues only: jobs are taken by `supplynet worker` processes.
      const jobs = await orClose(
        () => database.close(),
        () => openSendQueue({ config, database }),
      );
      const server = await orClose(
        async () => {
          await jobs.stop();
          await database.close();
        },
        () => startHttpServer(config, database, jobs),
      );
      console.log(`supplynet is serving ${server.url} on ${database.description}`);
      if (database.driver === "pglite") {
        console.log(
          "  Jobs are only queued: no worker can share the embedded database. Use `npm start` for HTTP and jobs in one process, or set DATABASE_URL and run `supplynet worker`.",
        );
      }
      stopOnSignal(config, connections, async (timeLeft) => {
        await server.stop(timeLeft());
        await jobs.stop(timeLeft());
        await database.close();
      });
    });

  program
    .command("start")
    .description(
      "Everything in one process: migrate, load demo data into an empty database (never with NODE_ENV=production), serve HTTP with the worker inside.",
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openConfiguredDatabase(config);
      const connections = connectionsInUse(database, config.databaseUrl);
      const { demo, worker } = await orClose(
        () => database.close(),
        async () => {
          await migrateDatabase(database);
          // The demo's users all have the password "1": a production database never gets them.
          const demo = config.env === "production" ? null : await ensureDemoData(database);
          return { demo, worker: await startWorker({ config, database }) };
        },
      );
      const server = await orClose(
        async () => {
          await worker.stop();
          await database.close();
        },
        () => startHttpServer(config, database, worker.queue),
      );
      console.log(`supplynet is running at ${server.url} on ${database.description}`);
      console.log(startBanner(server.url, demo));
      stopOnSignal(config, connections, async (timeLeft) => {
        await server.stop(timeLeft());
        await worker.stop(timeLeft() + JOB_UNWIND_MS);
        await database.close();
      });
    });

  program
    .command("import-test-data")
    .description(
      'Add whole faker networks (factory → entrepreneur) with products and 1–5 employees per company (password "1").',
    )
    .option("--companies <n>", "about how many companies; whole networks are made", parseWholeNumber, 1000)
    .option("--seed <n>", "the same seed gives the same data (random when absent)", parseWholeNumber)
    .option("--reset", "first empty companies, products and employees (staff users stay)")
    .option("--locale <locale>", `faker locale: ${SEED_LOCALES.join(" or ")}`, "en")
    .option("--allow-in-production", 'import even with NODE_ENV=production (its users\' password is "1")')
    .action(async (options: ImportOptions & { allowInProduction?: boolean }) => {
      checkImportOptions(options);
      const config = loadConfig();
      if (config.env === "production" && !options.allowInProduction) {
        throw new UserError(
          'NODE_ENV=production and test data gives every user the password "1": pass --allow-in-production if this database is only for trying supplynet out.',
        );
      }
      const database = await openConfiguredDatabase(config, "bulk");
      try {
        await importWithProgress(database, options);
      } finally {
        await database.close();
      }
    });

  program
    .command("createsuperuser")
    .description("Create a staff user for the admin: prompts on a terminal, or --email --password --no-input")
    .option("--email <email>", "the staff user's email")
    .option("--password <password>", "the password (visible in shell history: prefer the prompt)")
    .option("--no-input", "never prompt; fail unless --email and --password are given")
    .action(async (options: SuperuserOptions) => {
      const input = await collectSuperuserInput(options);
      const database = await openConfiguredDatabase();
      try {
        const user = await createSuperuser(database, input);
        console.log(`Staff user ${user.email} created; log in to the admin with it.`);
      } finally {
        await database.close();
      }
    });

  program
    .command("worker")
    .description(
      "Run background jobs and the cron schedules, for production; run as many as you like. " +
        "SIGTERM lets the jobs in flight finish for SHUTDOWN_TIMEOUT, then cancels the rest (retried later) and exits. Refuses pending migrations.",
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      const connections = connectionsInUse(database, config.databaseUrl);
      const worker = await orClose(
        () => database.close(),
        () => startWorker({ config, database }),
      );
      console.log(
        `supplynet worker is running on ${database.description} (schedules in ${config.appTimezone})`,
      );
      stopOnSignal(config, connections, async (timeLeft) => {
        // Jobs cancelled at SHUTDOWN_TIMEOUT roll back and record their failure before pg-boss gives up on them.
        await worker.stop(timeLeft() + JOB_UNWIND_MS);
        await database.close();
      });
    });

  program
    .command("run-task")
    .description("Run a scheduled task now, as `celery call` does: accrue-debt or repay-debt.")
    .argument("<name>", "accrue-debt | repay-debt")
    .action(async (name: string) => {
      const database = await openConfiguredDatabase();
      try {
        console.log(await runTaskNow(database, name));
      } finally {
        await database.close();
      }
    });

  return program;
}

/** Entry point: user mistakes end as one readable line and exit code 1; bugs keep their stack. */
export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof UserError || error instanceof ConfigError) {
      console.error(`Error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
