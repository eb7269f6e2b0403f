import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { migrateDatabase } from "../../db/migrate.js";
import { ensureDemoData, startBanner } from "../../seed/demo.js";
import { startHttpServer } from "../../server.js";
import { startWorker } from "../../worker.js";
import { listenForCommands } from "../command-socket.js";
import { openConfiguredDatabase, orClose } from "../database.js";
import { connectionsInUse, JOB_UNWIND_MS, stopOnSignal } from "../shutdown.js";

/** `supplynet start` (`npm start`): everything in one process, with the demo data on a development database. */
export function startCommand(program: Command): void {
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
          const demo =
            config.env === "production"
              ? null
              : await ensureDemoData(database, { locale: config.defaultLanguage });
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
      // The embedded database is this process's alone: the commands run beside it ask it to do their work.
      const stopCommands = database.pglite
        ? await orClose(
            async () => {
              await server.stop();
              await worker.stop();
              await database.close();
            },
            () => listenForCommands({ database, config }, config.dataDir),
          )
        : () => {};
      // One write, once everything runs: no log line (a job's, the rate limits' notice) can land inside it.
      process.stdout.write(
        `supplynet is running at ${server.url} on ${database.description}\n${startBanner(server.url, demo)}\n`,
      );
      stopOnSignal(config, connections, async (timeLeft) => {
        stopCommands();
        await server.stop(timeLeft());
        await worker.stop(timeLeft() + JOB_UNWIND_MS);
        await database.close();
      });
    });
}
