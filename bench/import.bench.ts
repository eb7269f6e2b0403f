/**
 * `import-test-data` of 100,000 companies (with products and employees) into a fresh PostgreSQL database,
 * beside a bare COPY of the same rows, generated beforehand in memory, into the same emptied tables.
 * The import generates its rows as it goes but drops and rebuilds the secondary indexes and foreign keys around
 * its COPY (src/seed/load.ts); the bare COPY writes into the tables as they are, with every index and foreign
 * key checked row by row. That is why the ratio can be below 1. COPY fires the ledger's INSERT trigger on both
 * sides: each writes an opening entry per company in debt, counted here.
 */
import { importTestData } from "../src/seed/import.js";
import { openBenchDatabase } from "./bench-database.js";
import { bareCopy, openingEntries, pregenerate } from "./copy-baseline.js";

const COMPANIES = 100_000;
const SEED = 1;
const TARGET_SECONDS = 30;
const TARGET_RATIO = 3;
function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

const benchDatabase = await openBenchDatabase("import", 2);
const { database } = benchDatabase;
try {
  const importStart = performance.now();
  const summary = await importTestData(database, { companies: COMPANIES, seed: SEED });
  const importSeconds = seconds(importStart);
  console.log(
    `  imported ${summary.companies} companies, ${summary.companyProducts} company products, ${summary.employees} employees, ` +
      (await openingEntries(database)),
  );

  const rows = await pregenerate(COMPANIES, SEED);
  const copySeconds = await bareCopy(database, rows);
  console.log(`  the bare COPY wrote ${await openingEntries(database)}`);
  const ratio = importSeconds / copySeconds;
  console.log(
    `import ${COMPANIES} companies: ${importSeconds.toFixed(1)} s (target <= ${TARGET_SECONDS} s) | ` +
      `bare COPY of the same rows: ${copySeconds.toFixed(1)} s | ratio ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x)`,
  );
  if (importSeconds > TARGET_SECONDS || ratio > TARGET_RATIO) process.exitCode = 1;
} finally {
  await benchDatabase.drop();
}
