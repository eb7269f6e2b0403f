import type { Command } from "commander";
import { runTaskNow } from "../../debts/run-task.js";
import { openConfiguredDatabase } from "../database.js";

/** `supplynet run-task NAME`, as `celery call`: a scheduled task, now. */
export function runTaskCommand(program: Command): void {
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
}
