import { Command } from "commander";
import { UserError } from "../user-error.js";
import { createsuperuserCommand } from "./commands/createsuperuser.js";
import { importTestDataCommand } from "./commands/import-test-data.js";
import { migrateCommand } from "./commands/migrate.js";
import { runTaskCommand } from "./commands/run-task.js";
import { serveCommand } from "./commands/serve.js";
import { startCommand } from "./commands/start.js";
import { workerCommand } from "./commands/worker.js";

export function buildCli(): Command {
  const program = new Command("supplynet")
    .description(
      "supplynet: the electronics supply network. Companies, debts, employees, API, admin and jobs.",
    )
    .showHelpAfterError("(run `supplynet --help` for the list of commands)");

  for (const command of [
    migrateCommand,
    serveCommand,
    startCommand,
    importTestDataCommand,
    createsuperuserCommand,
    workerCommand,
    runTaskCommand,
  ])
    command(program);
  return program;
}

/** Entry point: user mistakes end as one readable line and exit code 1; bugs keep their stack. */
export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof UserError) {
      console.error(`Error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
