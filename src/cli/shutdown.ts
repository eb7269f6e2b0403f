import pg from "pg";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";

/** Past SHUTDOWN_TIMEOUT, how often the statements this process still runs are cancelled again. */
const CANCEL_EVERY_MS = 500;
/** Past SHUTDOWN_TIMEOUT, how long a cut-off job has to roll back and record its own failure. */
export const JOB_UNWIND_MS = 3_000;
/** Past SHUTDOWN_TIMEOUT, how long a stop may still take before the process exits without it. */
const GIVE_UP_AFTER_MS = 10_000;

/**
 * The app pool's connections in use, so that a stop past SHUTDOWN_TIMEOUT can cancel their statements: the
 * transaction rolls back (a job's retry is then its only application) and gives its connection back, so that the
 * pool can close. Counted from before any request or job runs. On PGlite a statement holds the main thread:
 * there is nothing to cancel, and no timer to do it.
 */
export function connectionsInUse(database: Database, databaseUrl: string | undefined) {
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
export function stopOnSignal(
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
