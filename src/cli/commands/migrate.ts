import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { migrateDatabase } from "../../db/migrate.js";
import { openConfiguredDatabase } from "../database.js";

/** `supplynet migrate`, as Django's: applies the committed migrations. */
export function migrateCommand(program: Command): void {
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
}
