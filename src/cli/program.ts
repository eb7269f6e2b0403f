import { readFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { loadConfig } from "../config.js";
import { projectRoot } from "../paths.js";
import { UserError } from "../user-error.js";
import { changepasswordCommand } from "./commands/changepassword.js";
import { checkCommand } from "./commands/check.js";
import { createsuperuserCommand } from "./commands/createsuperuser.js";
import { importTestDataCommand } from "./commands/import-test-data.js";
import { jobsCommand } from "./commands/jobs.js";
import { migrateCommand } from "./commands/migrate.js";
import { runTaskCommand } from "./commands/run-task.js";
import { serveCommand } from "./commands/serve.js";
import { showmigrationsCommand } from "./commands/showmigrations.js";
import { startCommand } from "./commands/start.js";
import { workerCommand } from "./commands/worker.js";

/** The version in package.json, which `npm version` sets, whether running from src/ or dist/. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string })
    .version;
}

export function buildCli(): Command {
  const program = new Command("supplynet")
    .version(packageVersion(), "-V, --version", "print the supplynet version")
    .description(
      "supplynet: the electronics supply network. Companies, debts, employees, API, admin and jobs.",
    )
    .showHelpAfterError("(run `supplynet --help` for the list of commands)")
    // Every setting (a DATABASE_URL that is not PostgreSQL's, say) is refused before a command prompts or opens
    // anything.
    .hook("preAction", () => {
      loadConfig();
    });

  for (const command of [
    migrateCommand,
    showmigrationsCommand,
    serveCommand,
    startCommand,
    importTestDataCommand,
    createsuperuserCommand,
    changepasswordCommand,
    workerCommand,
    runTaskCommand,
    checkCommand,
    jobsCommand,
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
