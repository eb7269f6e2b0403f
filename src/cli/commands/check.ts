import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { openCommandTarget } from "../command-socket.js";

/**
 * `supplynet check`, as Django's `manage.py check` but of the data: every company against the debt ledger and the
 * hierarchy rules. Exits 1 when any company breaks one, listing them, so a deployment or a cron can act on it.
 */
export function checkCommand(program: Command): void {
  program
    .command("check")
    .description(
      "Check every company: its debt equals the sum of its ledger entries, and the hierarchy rules hold. Exits 1 if any company breaks one.",
    )
    .action(async () => {
      // Bulk work: summing ten million entries may outlast the statement timeout that bounds a request.
      const target = await openCommandTarget(loadConfig(), "bulk");
      try {
        const started = Date.now();
        const report = await target.run("check", {});
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const scope = `${report.companies} companies and ${report.entries} ledger entries in ${seconds} s`;
        if (!report.problems.length) {
          console.log(`No problems: ${scope}.`);
          return;
        }
        for (const { company_id, problem } of report.problems)
          console.log(`company ${company_id}: ${problem}`);
        if (report.more) console.log(`… and ${report.more} more.`);
        const count = report.problems.length + report.more;
        process.exitCode = 1;
        console.error(
          `${count} ${count === 1 ? "company breaks" : "companies break"} a rule (${scope}). A debt that differs from its ledger was changed past the triggers (were they disabled?); correct it with SQL, which the ledger records as a correction, or restore from a backup.`,
        );
      } finally {
        await target.close();
      }
    });
}
