import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { startWorker } from "../../worker.js";
import { openMigratedDatabase, orClose } from "../database.js";
import { connectionsInUse, JOB_UNWIND_MS, stopOnSignal } from "../shutdown.js";

/** `supplynet worker`, as `celery worker`: runs the jobs and keeps the cron schedules. */
export function workerCommand(program: Command): void {
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
}
