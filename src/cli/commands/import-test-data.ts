import { type Command, InvalidArgumentError } from "commander";
import { loadConfig } from "../../config.js";
import { checkImportOptions, type ImportOptions, type ImportStage } from "../../seed/import.js";
import { SEED_LOCALES } from "../../seed/types.js";
import { UserError } from "../../user-error.js";
import { type CommandTarget, openCommandTarget } from "../command-socket.js";
import type { ImportRequest } from "../operations.js";
import { progressBar } from "../progress.js";
import { Prompter } from "../prompt.js";

export function parseWholeNumber(value: string): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError("Expected a whole number.");
  }
  return number;
}

const STAGE_UNITS: Record<ImportStage, string> = {
  companies: "companies copied",
  indexes: "indexes and foreign keys rebuilt",
};

/**
 * `supplynet import-test-data`: a progress bar per stage on a terminal, one summary line in any case, with the
 * part of the time the rebuild of the indexes took (most of it at a million companies).
 */
async function importWithProgress(target: CommandTarget, options: ImportRequest): Promise<void> {
  const started = performance.now();
  let rebuildStarted: number | undefined;
  const bar = progressBar((stage) => STAGE_UNITS[stage as ImportStage] ?? stage ?? "");
  try {
    const summary = await target.run("importTestData", options, (done, total, stage) => {
      if (stage === "indexes") rebuildStarted ??= performance.now();
      bar.update(done, total, stage);
    });
    bar.stop();
    const finished = performance.now();
    const seconds = (from: number) => ((finished - from) / 1000).toFixed(1);
    const rebuild =
      rebuildStarted === undefined ? "" : `, ${seconds(rebuildStarted)} s of it rebuilding indexes`;
    console.log(
      `Imported ${summary.companies} companies in ${summary.networks} networks, ${summary.companyProducts} company products ` +
        `and ${summary.employees} employees (password "1") into ${target.description} in ${seconds(started)} s${rebuild} ` +
        `(seed ${summary.seed}, locale ${summary.locale}).`,
    );
  } finally {
    bar.stop();
  }
}

type ImportCommandOptions = ImportOptions & { allowInProduction?: boolean; input: boolean };

/** Refuses, before the database is opened, a --reset that cannot be confirmed: no terminal and no --no-input. */
function checkResetCanBeConfirmed(options: ImportCommandOptions): void {
  if (options.reset && options.input && !process.stdin.isTTY) {
    throw new UserError(
      "--reset deletes every company, product and employee, and there is no terminal to confirm it on: pass --no-input to reset without asking.",
    );
  }
}

/** As `manage.py flush` asks: only "yes" goes on. */
async function resetConfirmed(target: CommandTarget): Promise<boolean> {
  const prompter = new Prompter(process.stdin, process.stdout);
  try {
    prompter.say(
      `This will delete ALL companies, products and employees in ${target.description} (staff users stay), then import the test data.`,
    );
    const answer = await prompter.ask(
      "Are you sure you want to do this?\n\n    Type 'yes' to continue, or 'no' to cancel: ",
    );
    return answer?.trim() === "yes";
  } finally {
    prompter.close();
  }
}

/** `supplynet import-test-data`: whole faker networks, for trying supplynet out and for the benches. */
export function importTestDataCommand(program: Command): void {
  program
    .command("import-test-data")
    .description(
      'Add whole networks (factory → entrepreneur) with products and 1–5 employees per company (password "1").',
    )
    .option("--companies <n>", "about how many companies; whole networks are made", parseWholeNumber, 1000)
    .option("--seed <n>", "the same seed gives the same data (random when absent)", parseWholeNumber)
    .option(
      "--reset",
      "first empty companies, products and employees (staff users stay); asks to confirm on a terminal",
    )
    .option("--locale <locale>", `language of the data: ${SEED_LOCALES.join(" or ")}`, "en")
    .option("--allow-in-production", 'import even with NODE_ENV=production (its users\' password is "1")')
    .option("--no-input", "never prompt: --reset goes ahead without asking")
    .action(async (options: ImportCommandOptions) => {
      checkImportOptions(options);
      const config = loadConfig();
      if (config.env === "production" && !options.allowInProduction) {
        throw new UserError(
          'NODE_ENV=production and test data gives every user the password "1": pass --allow-in-production if this database is only for trying supplynet out.',
        );
      }
      checkResetCanBeConfirmed(options);
      const target = await openCommandTarget(config, "bulk");
      try {
        if (options.reset && options.input && !(await resetConfirmed(target))) {
          console.log("Import cancelled; nothing was changed.");
          return;
        }
        if (target.runningStart) {
          // PGlite runs one transaction at a time, and the import is one transaction.
          console.log(
            `The running supplynet start (pid ${target.runningStart}) holds the embedded database, so it does the import: until it ends, that server answers no request that reads the database and runs no job.`,
          );
        }
        const { companies, seed, locale, reset } = options;
        await importWithProgress(target, { companies, seed, locale, reset });
      } finally {
        await target.close();
      }
    });
}
