import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { openCommandTarget } from "../command-socket.js";

/** `supplynet run-task NAME`, as `celery call`: a scheduled task, now. */
export function runTaskCommand(program: Command): void {
  program
    .command("run-task")
    .description("Run a scheduled task now, as `celery call` does: accrue-debt or repay-debt.")
    .argument("<name>", "accrue-debt | repay-debt")
    .action(async (name: string) => {
      const target = await openCommandTarget(loadConfig());
      try {
        console.log(await target.run("runTask", { name }));
      } finally {
        await target.close();
      }
    });
}
