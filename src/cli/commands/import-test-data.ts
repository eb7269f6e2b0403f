import cliProgress from "cli-progress";
import type { Database } from "../../db/client.js";
import { type ImportOptions, importTestData } from "../../seed/import.js";

/** `supplynet import-test-data`: a progress bar on a terminal, one summary line in any case. */
export async function importWithProgress(database: Database, options: ImportOptions): Promise<void> {
  const started = performance.now();
  const bar = process.stdout.isTTY
    ? new cliProgress.SingleBar(
        { format: "Importing |{bar}| {value}/{total} companies | {eta_formatted} left", hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  try {
    const summary = await importTestData(database, options, (done, total) => {
      if (done === 0) bar?.start(total, 0);
      else bar?.update(done);
    });
    bar?.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Imported ${summary.companies} companies in ${summary.networks} networks, ${summary.companyProducts} company products ` +
        `and ${summary.employees} employees (password "1") into ${database.description} in ${seconds} s ` +
        `(seed ${summary.seed}, locale ${summary.locale}).`,
    );
  } finally {
    bar?.stop();
  }
}
