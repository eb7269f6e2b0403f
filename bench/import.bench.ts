/**
 * `import-test-data` of 100,000 companies (with products and employees) into a fresh PostgreSQL database,
 * beside a bare COPY of the same rows, generated beforehand in memory, into the same emptied tables.
 * The import generates its rows as it goes but drops and rebuilds the secondary indexes and foreign keys around
 * its COPY (src/seed/load.ts); the bare COPY writes into the tables as they are, with every index and foreign
 * key checked row by row. That is why the ratio can be below 1. COPY fires the ledger's INSERT trigger on both
 * sides: each writes an opening entry per company in debt, counted here.
 */
import { hashPassword } from "../src/auth/passwords.js";
import type { Database } from "../src/db/client.js";
import { PRODUCT_CATALOG } from "../src/seed/catalog.js";
import { COPY_COLUMNS, generateRows, planNetworks } from "../src/seed/generate.js";
import { importTestData, TEST_PASSWORD } from "../src/seed/import.js";
import { inBulkTransaction } from "../src/seed/load.js";
import { buildPools } from "../src/seed/pools.js";
import { Random } from "../src/seed/random.js";
import { openBenchDatabase } from "./bench-database.js";

const COMPANIES = 100_000;
const SEED = 1;
const TARGET_SECONDS = 30;
const TARGET_RATIO = 3;
function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

/** The rows importTestData writes for this seed, as whole COPY texts per table, built before timing. */
async function pregenerate(passwordHash: string) {
  const random = new Random(SEED);
  const pools = await buildPools("en", SEED);
  const plan = planNetworks(COMPANIES, random);
  const tables = { companies: [] as string[], company_products: [] as string[], users: [] as string[] };
  const productIds = PRODUCT_CATALOG.map((_, index) => index + 1);
  const context = { plan, pools, random, firstCompanyId: 1, firstUserId: 1, productIds, passwordHash };
  for (const batch of generateRows(context, 5_000)) {
    tables.companies.push(batch.companies);
    tables.company_products.push(batch.companyProducts);
    tables.users.push(batch.users);
  }
  return Object.fromEntries(
    Object.entries(tables).map(([table, parts]) => [table, parts.join("")]),
  ) as Record<keyof typeof tables, string>;
}

/** The opening entries in the ledger, beside the companies in debt: one each is what the trigger must write. */
async function openingEntries(database: Database): Promise<string> {
  const { rows } = await database.executeSql<{ entries: number; in_debt: number }>(
    `select (select count(*) from debt_ledger where kind = 'opening')::int as entries,
            (select count(*) from companies where debt <> 0)::int as in_debt`,
  );
  return `${rows[0]?.entries} opening ledger entries (${rows[0]?.in_debt} companies in debt)`;
}

async function bareCopy(database: Database, rows: Awaited<ReturnType<typeof pregenerate>>): Promise<number> {
  await database.executeSql(
    "truncate company_products, invitations, refresh_tokens, users, products, companies restart identity cascade",
  );
  await database.executeSql(
    "insert into products (name, model, release_date) select * from unnest($1::text[], $2::text[], $3::date[])",
    [
      PRODUCT_CATALOG.map((p) => p.name),
      PRODUCT_CATALOG.map((p) => p.model),
      PRODUCT_CATALOG.map((p) => p.releaseDate),
    ],
  );
  const start = performance.now();
  await inBulkTransaction(database, async (session) => {
    for (const table of ["companies", "company_products", "users"] as const) {
      const tableStart = performance.now();
      await session.copyIn(table, COPY_COLUMNS[table], rows[table]);
      console.log(`  bare COPY ${table}: ${seconds(tableStart).toFixed(2)} s`);
    }
  });
  return seconds(start);
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

  const rows = await pregenerate(await hashPassword(TEST_PASSWORD));
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
