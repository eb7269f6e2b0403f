import { hashPassword } from "../auth/passwords.js";
import type { Database } from "../db/client.js";
import { NAME_OPENING_CAUSE_SQL } from "../db/ledger.js";
import { UserError } from "../user-error.js";
import { type CatalogProduct, catalogFor } from "./catalog.js";
import { COPY_COLUMNS, type GenerateContext, generateRows, planNetworks, type RowBatch } from "./generate.js";
import { type BulkSession, inBulkTransaction, withConstraintsRebuilt } from "./load.js";
import { buildPools } from "./pools.js";
import { Random } from "./random.js";
import { SEED_LOCALES, type SeedLocale } from "./types.js";

/** Every test user's password, as in the original project. */
export const TEST_PASSWORD = "1";
/** Far beyond any useful test set, and well inside the int4 ids. */
const MAX_COMPANIES = 5_000_000;
/** Companies per COPY round: large enough for COPY to stream, small enough for a smooth progress bar. */
const BATCH_SIZE = 5_000;
/**
 * Companies generated between two turns of the event loop: short enough that the COPY of the batch before
 * keeps streaming and its acknowledgements are read while the next batch is made.
 */
const SLICE_SIZE = 250;

export interface ImportOptions {
  /** About how many companies: whole networks are made, so the real count is a little above. */
  companies: number;
  /** The same seed gives the same data (with --reset, the same ids too). Random when absent. */
  seed?: number | undefined;
  locale?: string | undefined;
  /** Empty the network tables first (companies, products, employees); staff users are kept. */
  reset?: boolean | undefined;
  /** Load only if there are no companies yet, checked under the table lock (for `start`'s demo data). */
  onlyIntoEmpty?: boolean | undefined;
  /** An argon2id hash of TEST_PASSWORD to reuse; computed once when absent. */
  passwordHash?: string | undefined;
  /** More writes that must commit or roll back with the import (run only when rows are loaded). */
  alsoInTransaction?: ((session: BulkSession) => Promise<void>) | undefined;
}

export interface ImportSummary {
  /** False when `onlyIntoEmpty` found companies already there. */
  loaded: boolean;
  companies: number;
  networks: number;
  companyProducts: number;
  employees: number;
  catalogProducts: number;
  seed: number;
  locale: SeedLocale;
}

/**
 * What an import is busy with: copying the rows (counted in companies), then, when it dropped them for the copy,
 * rebuilding the indexes and foreign keys (counted one by one), which takes longer than the copy at a million.
 */
export type ImportStage = "companies" | "indexes";
export type ImportProgress = (done: number, total: number, stage: ImportStage) => void;

export interface CheckedImportOptions {
  companies: number;
  seed: number;
  locale: SeedLocale;
}

/** Validates the options before anything touches the database; throws UserError naming the bad one. */
export function checkImportOptions(options: ImportOptions): CheckedImportOptions {
  const { companies } = options;
  if (!Number.isInteger(companies) || companies < 1) {
    throw new UserError(`The number of companies must be a whole number of at least 1, got ${companies}.`);
  }
  if (companies > MAX_COMPANIES) {
    throw new UserError(`At most ${MAX_COMPANIES} companies can be imported at once, got ${companies}.`);
  }
  const locale = options.locale ?? "en";
  if (!(SEED_LOCALES as readonly string[]).includes(locale)) {
    throw new UserError(`Unknown locale "${locale}". Use one of: ${SEED_LOCALES.join(", ")}.`);
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new UserError(`The seed must be a whole number of at least 0, got ${seed}.`);
  }
  return { companies, seed, locale: locale as SeedLocale };
}

/**
 * Staff users (and their sessions) survive a reset; every table of the network starts again from id 1, so
 * the same seed then gives the same ids as well.
 */
const RESET_SQL = `
  create temp table reset_staff on commit drop as select * from users where role <> 'employee';
  create temp table reset_staff_tokens on commit drop as
    select * from refresh_tokens where user_id in (select id from reset_staff);
  truncate company_products, invitations, refresh_tokens, users, products, companies restart identity cascade;
  insert into users select * from reset_staff;
  insert into refresh_tokens select * from reset_staff_tokens;
  select setval(pg_get_serial_sequence('users', 'id'), coalesce(max(id), 0) + 1, false) from users;
`;

/** Adds the catalog products that are missing and returns the ids of the whole catalog. */
async function ensureCatalog(session: BulkSession, catalog: readonly CatalogProduct[]): Promise<number[]> {
  const names = catalog.map((product) => product.name);
  const models = catalog.map((product) => product.model);
  const dates = catalog.map((product) => product.releaseDate);
  await session.query(
    `insert into products (name, model, release_date)
     select * from unnest($1::text[], $2::text[], $3::date[]) on conflict (name, model) do nothing`,
    [names, models, dates],
  );
  const rows = await session.query<{ id: number; name: string; model: string }>(
    `select p.id, p.name, p.model from products p
     join unnest($1::text[], $2::text[]) as c(name, model) on p.name = c.name and p.model = c.model
     order by p.id`,
    [names, models],
  );
  return rows.map((row) => row.id);
}

/**
 * Takes `count` ids from a table's identity sequence at once, so rows can carry their ids (and suppliers'
 * ids) in the COPY. The caller holds the table lock, so no other insert draws from the sequence meanwhile.
 */
async function reserveIds(session: BulkSession, table: string, count: number): Promise<number> {
  const [row] = await session.query<{ first: number }>(
    `select (setval(seq, nextval(seq) + $1::int - 1) - $1::int + 1)::int as first
     from cast(pg_get_serial_sequence($2, 'id') as regclass) as seq`,
    [count, table],
  );
  return row?.first as number;
}

function emptyBatch(): RowBatch {
  return {
    companies: "",
    companyProducts: "",
    users: "",
    companyCount: 0,
    companyProductCount: 0,
    userCount: 0,
  };
}

function appendBatch(batch: RowBatch, slice: RowBatch): void {
  batch.companies += slice.companies;
  batch.companyProducts += slice.companyProducts;
  batch.users += slice.users;
  batch.companyCount += slice.companyCount;
  batch.companyProductCount += slice.companyProductCount;
  batch.userCount += slice.userCount;
}

async function copyBatch(session: BulkSession, batch: RowBatch): Promise<void> {
  await session.copyIn("companies", COPY_COLUMNS.companies, batch.companies);
  await session.copyIn("company_products", COPY_COLUMNS.company_products, batch.companyProducts);
  await session.copyIn("users", COPY_COLUMNS.users, batch.users);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Streams the generated rows batch by batch; returns how many company-product links were written. Making the
 * rows costs about as much as PostgreSQL's COPY of them, so the next batch is made, a slice at a time, while
 * the database writes the one before: the two run on two cores instead of one after the other.
 */
async function copyRows(session: BulkSession, context: GenerateContext, onProgress: ImportProgress) {
  const total = context.plan.companyCount;
  let done = 0;
  let companyProducts = 0;
  onProgress(0, total, "companies");
  let copying: Promise<void> = Promise.resolve();
  const send = async (batch: RowBatch) => {
    await copying;
    copying = copyBatch(session, batch).then(() => {
      done += batch.companyCount;
      onProgress(done, total, "companies");
    });
    // Awaited at the next send or at the end; until then a failure must not count as unhandled.
    copying.catch(() => {});
  };
  let next = emptyBatch();
  for (const slice of generateRows(context, SLICE_SIZE)) {
    appendBatch(next, slice);
    companyProducts += slice.companyProductCount;
    if (next.companyCount >= BATCH_SIZE) {
      await send(next);
      next = emptyBatch();
    } else {
      await nextTurn();
    }
  }
  if (next.companyCount > 0) await send(next);
  await copying;
  return companyProducts;
}

/**
 * Imports whole test networks in one transaction: a failure leaves nothing half-written. On PostgreSQL the
 * rows stream through COPY FROM STDIN; on PGlite through COPY from a Blob.
 */
export async function importTestData(
  database: Database,
  options: ImportOptions,
  onProgress: ImportProgress = () => {},
): Promise<ImportSummary> {
  const { companies, seed, locale } = checkImportOptions(options);
  // argon2id costs ~50 ms per hash on purpose (that is what makes a stolen table hard to crack); hashing for
  // each of 300,000 test users would take hours. They all share the one known password "1" anyway, so one
  // hash, with its own random salt, serves them all.
  const passwordHash = options.passwordHash ?? (await hashPassword(TEST_PASSWORD));
  const pools = await buildPools(locale, seed);
  const catalog = catalogFor(locale);
  const random = new Random(seed);
  const plan = planNetworks(companies, random);
  const summary: ImportSummary = {
    loaded: false,
    companies: plan.companyCount,
    networks: plan.networkCount,
    companyProducts: 0,
    employees: plan.employeeCount,
    catalogProducts: catalog.length,
    seed,
    locale,
  };

  try {
    return await inBulkTransaction(database, async (session) => {
      await session.exec("lock table companies, users, products in exclusive mode");
      if (options.reset) await session.exec(RESET_SQL);
      await session.query(NAME_OPENING_CAUSE_SQL, ["import-test-data"]);
      if (options.onlyIntoEmpty) {
        const [row] = await session.query<{ found: boolean }>(
          "select exists (select 1 from companies) as found",
        );
        if (row?.found) return summary;
      }
      const productIds = await ensureCatalog(session, catalog);
      const firstCompanyId = await reserveIds(session, "companies", plan.companyCount);
      const firstUserId = await reserveIds(session, "users", plan.employeeCount);
      const context = { plan, pools, random, firstCompanyId, firstUserId, productIds, passwordHash };
      const copyAll = async () => {
        summary.companyProducts = await copyRows(session, context, onProgress);
      };
      // Rebuilding indexes costs in proportion to the whole table, so it pays only when this import is at least
      // as large as what is already there.
      const [existing] = await session.query<{ count: number }>(
        "select count(*)::int as count from companies",
      );
      if (plan.companyCount >= (existing?.count ?? 0)) {
        await withConstraintsRebuilt(session, Object.keys(COPY_COLUMNS), copyAll, (done, total) =>
          onProgress(done, total, "indexes"),
        );
      } else {
        await copyAll();
      }
      await options.alsoInTransaction?.(session);
      summary.loaded = true;
      return summary;
    });
  } catch (error) {
    // Seeded emails carry their new user id, so only a hand-made user with that very email can collide.
    if ((error as { code?: string }).code === "23505") {
      throw new UserError(
        `The import collided with existing data (${(error as Error).message}); nothing was written. Try --reset.`,
      );
    }
    throw error;
  }
}
