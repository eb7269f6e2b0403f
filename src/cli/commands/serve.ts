import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { startHttpServer } from "../../server.js";
import { openSendQueue } from "../../worker.js";
import { openMigratedDatabase, orClose } from "../database.js";
import { connectionsInUse, stopOnSignal } from "../shutdown.js";

/** `supplynet serve`: HTTP only, for production, beside any number of workers. */
export function serveCommand(program: Command): void {
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
}
