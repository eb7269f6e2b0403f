import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { migrateDatabase } from "../../db/migrate.js";
import { openConfiguredDatabase } from "../database.js";

/** `supplynet migrate`, as Django's: applies the committed migrations and names each one it applied. */
export function migrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Apply the database migrations (PGlite in ./data, or PostgreSQL with DATABASE_URL).")
    .action(async () => {
      const database = await openConfiguredDatabase(loadConfig(), "bulk");
      try {
        console.log(`Running migrations on ${database.description}:`);
        const applied = await migrateDatabase(database);
        // Drizzle commits them together, so each is reported once all of them are in.
        for (const tag of applied) console.log(`  Applying ${tag}... OK`);
        if (applied.length === 0) console.log("  No migrations to apply.");
      } finally {
        await database.close();
      }
    });
}
