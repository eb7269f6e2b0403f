/**
 * The import benches' baseline: the rows `import-test-data` writes for a seed, generated beforehand in memory,
 * and a bare COPY of them into the emptied tables, with every index and foreign key checked row by row and the
 * ledger's INSERT trigger writing an opening entry per company in debt, as on the import's side.
 */
import { hashPassword } from "../src/auth/passwords.js";
import type { Database } from "../src/db/client.js";
import { PRODUCT_CATALOG } from "../src/seed/catalog.js";
import { COPY_COLUMNS, generateRows, planNetworks } from "../src/seed/generate.js";
import { TEST_PASSWORD } from "../src/seed/import.js";
import { inBulkTransaction } from "../src/seed/load.js";
import { buildPools } from "../src/seed/pools.js";
import { Random } from "../src/seed/random.js";

const TABLES = ["companies", "company_products", "users"] as const;
type CopyTable = (typeof TABLES)[number];
/** Each table's COPY text, in as few parts as a JS string allows (V8 caps one at about 512 MiB). */
export type PregeneratedRows = Record<CopyTable, string[]>;

/** Characters per COPY text: a table of 100,000 companies fits in one, a million's users need several. */
const PART_CHARS = 128 * 2 ** 20;

const seconds = (start: number) => (performance.now() - start) / 1000;

/** The rows importTestData writes for `companies` and `seed` (ids from 1), as COPY texts, built before timing. */
export async function pregenerate(companies: number, seed: number): Promise<PregeneratedRows> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const random = new Random(seed);
  const pools = await buildPools("en", seed);
  const plan = planNetworks(companies, random);
  const productIds = PRODUCT_CATALOG.map((_, index) => index + 1);
  const context = { plan, pools, random, firstCompanyId: 1, firstUserId: 1, productIds, passwordHash };
  const rows: PregeneratedRows = { companies: [], company_products: [], users: [] };
  const pending: Record<CopyTable, { parts: string[]; chars: number }> = {
    companies: { parts: [], chars: 0 },
    company_products: { parts: [], chars: 0 },
    users: { parts: [], chars: 0 },
  };
  const flush = (table: CopyTable) => {
    if (pending[table].parts.length > 0) rows[table].push(pending[table].parts.join(""));
    pending[table] = { parts: [], chars: 0 };
  };
  const add = (table: CopyTable, text: string) => {
    if (pending[table].chars + text.length > PART_CHARS) flush(table);
    pending[table].parts.push(text);
    pending[table].chars += text.length;
  };
  for (const batch of generateRows(context, 5_000)) {
    add("companies", batch.companies);
    add("company_products", batch.companyProducts);
    add("users", batch.users);
  }
  for (const table of TABLES) flush(table);
  return rows;
}

/** The opening entries in the ledger, beside the companies in debt: one each is what the trigger must write. */
export async function openingEntries(database: Database): Promise<string> {
  const { rows } = await database.executeSql<{ entries: number; in_debt: number }>(
    `select (select count(*) from debt_ledger where kind = 'opening')::int as entries,
            (select count(*) from companies where debt <> 0)::int as in_debt`,
  );
  return `${rows[0]?.entries} opening ledger entries (${rows[0]?.in_debt} companies in debt)`;
}

/** Empties the network tables, then times a bare COPY of `rows` into them, in one transaction; in seconds. */
export async function bareCopy(database: Database, rows: PregeneratedRows): Promise<number> {
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
    for (const table of TABLES) {
      const tableStart = performance.now();
      for (const part of rows[table]) await session.copyIn(table, COPY_COLUMNS[table], part);
      console.log(`  bare COPY ${table}: ${seconds(tableStart).toFixed(2)} s`);
    }
  });
  return seconds(start);
}
