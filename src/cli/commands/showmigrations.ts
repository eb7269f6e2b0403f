import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { migrationStatus } from "../../db/migrate.js";
import { openConfiguredDatabase } from "../database.js";

/** `supplynet showmigrations`, as Django's: every committed migration, [X] applied or [ ] pending. */
export function showmigrationsCommand(program: Command): void {
  program
    .command("showmigrations")
    .description(
      "List the migrations: [X] applied to the database, [ ] pending (`supplynet migrate` applies them).",
    )
    .action(async () => {
      const database = await openConfiguredDatabase(loadConfig());
      try {
        const migrations = await migrationStatus(database);
        console.log(`supplynet (${database.description})`);
        for (const { tag, applied } of migrations) console.log(` [${applied ? "X" : " "}] ${tag}`);
      } finally {
        await database.close();
      }
    });
}
