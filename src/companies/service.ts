import { and, eq, gt, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../auth/actor.js";
import { changedFields, originOf, recordAudit, recordChanges } from "../auth/audit.js";
import { actorCompanyBinding, visibleCompanies, visibleCompaniesPrepared } from "../auth/scope.js";
import type { Services } from "../auth/services.js";
import { type DbOrTx, selectRows } from "../db/client.js";
import { nameDebtCause } from "../db/ledger.js";
import { companies, companyProducts, products, type UserRole } from "../db/schema.js";
import { type CsvColumn, type CsvTable, csvDecimal, EXPORT_CHUNK_ROWS } from "../http/csv.js";
import { badRequest, notFound } from "../http/errors.js";
import { type KeysetOrder, keysetChunks, keysetOrder } from "../http/keyset.js";
import { containsPattern, countListed, countRows, orderingOf, type Page, paginate } from "../http/listing.js";
import { msg } from "../i18n/translate.js";
import {
  DEBT_READ_ONLY,
  hierarchyError,
  levelIndex,
  levelName,
  levelWords,
  suppliesOthersError,
  unknownProductsError,
} from "./rules.js";
import {
  type CompanyCreateInput,
  type CompanyExportFilters,
  type CompanyFilters,
  type CompanyListFilters,
  type CompanyTreeNode,
  type CompanyUpdateInput,
  type CompanyView,
  MAX_SELECTED_IDS,
} from "./schemas.js";

const supplier = alias(companies, "supplier");

/**
 * One SELECT gives the whole company as the API shows it: the supplier by a join, the product ids and the
 * counts by correlated subqueries (each an index lookup), so a detail costs one round trip. The subqueries
 * name `companies.id` literally: Drizzle leaves columns in a select list unqualified when there is no join.
 */
const companyColumns = {
  id: companies.id,
  name: companies.name,
  email: companies.email,
  country: companies.country,
  city: companies.city,
  street: companies.street,
  houseNumber: companies.houseNumber,
  level: companies.level,
  supplierId: companies.supplierId,
  supplierName: supplier.name,
  supplierLevel: supplier.level,
  debt: companies.debt,
  createdAt: companies.createdAt,
  updatedAt: companies.updatedAt,
  productIds: sql<number[]>`coalesce((select array_agg(cp.product_id order by cp.product_id)
    from company_products cp where cp.company_id = companies.id), '{}')`,
  employeesCount: sql<number>`(select count(*)::int from users u
    where u.company_id = companies.id and u.role = 'employee')`,
  clientsCount: sql<number>`(select count(*)::int from companies client
    where client.supplier_id = companies.id)`,
};

type CompanyRow = Awaited<ReturnType<typeof selectCompanies>>[number];

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

function toCompanyView(row: CompanyRow): CompanyView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    country: row.country,
    city: row.city,
    street: row.street,
    house_number: row.houseNumber,
    level: levelName(row.level),
    supplier_id: row.supplierId,
    supplier:
      row.supplierId === null
        ? null
        : { id: row.supplierId, name: row.supplierName ?? "", level: levelName(row.supplierLevel ?? 0) },
    debt: row.debt,
    product_ids: row.productIds,
    products_count: row.productIds.length,
    employees_count: row.employeesCount,
    clients_count: row.clientsCount,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

function selectCompanies(db: DbOrTx) {
  return db
    .select(companyColumns)
    .from(companies)
    .leftJoin(supplier, eq(supplier.id, companies.supplierId))
    .$dynamic();
}

const orderingColumns = {
  name: companies.name,
  level: companies.level,
  city: companies.city,
  country: companies.country,
  debt: companies.debt,
  created_at: companies.createdAt,
  id: companies.id,
};

/** A created_at bound as the query gives it: a date stands for its first moment, in UTC. */
const moment = (value: string) => (value.length === 10 ? `${value}T00:00:00Z` : value);

function filterConditions(filters: CompanyFilters): SQL[] {
  const conditions: (SQL | undefined)[] = [
    filters.level === undefined ? undefined : eq(companies.level, levelIndex(filters.level)),
    filters.country === undefined ? undefined : sql`lower(${companies.country}) = lower(${filters.country})`,
    filters.city === undefined ? undefined : sql`lower(${companies.city}) = lower(${filters.city})`,
    filters.supplier === undefined ? undefined : eq(companies.supplierId, filters.supplier),
    filters.product === undefined
      ? undefined
      : sql`exists (select 1 from company_products cp
          where cp.company_id = ${companies.id} and cp.product_id = ${filters.product})`,
    filters.has_debt === undefined
      ? undefined
      : filters.has_debt
        ? gt(companies.debt, "0")
        : eq(companies.debt, "0"),
    // Compared as numeric in SQL, so "10" and "10.00" are the same bound and nothing is rounded.
    filters.debt_min === undefined ? undefined : sql`${companies.debt} >= ${filters.debt_min}::numeric`,
    filters.debt_max === undefined ? undefined : sql`${companies.debt} <= ${filters.debt_max}::numeric`,
    filters.created_after === undefined
      ? undefined
      : sql`${companies.createdAt} >= ${moment(filters.created_after)}::timestamptz`,
    filters.created_before === undefined
      ? undefined
      : sql`${companies.createdAt} < ${moment(filters.created_before)}::timestamptz`,
    filters.search === undefined || filters.search === ""
      ? undefined
      : or(
          ilike(companies.name, containsPattern(filters.search)),
          ilike(companies.email, containsPattern(filters.search)),
        ),
  ];
  return conditions.filter((condition): condition is SQL => condition !== undefined);
}

/** The companies a list, "select all" or an export shows: the caller's visibility and the list's filters. */
const listedCompanies = (actor: Actor, filters: CompanyFilters) =>
  and(visibleCompanies(actor), ...filterConditions(filters));

/** One page of companies plus the total, both under the caller's visibility rule (`visible`). */
function pageOfCompanies(
  db: DbOrTx,
  visible: SQL | undefined,
  filters: SQL | undefined,
  ordering: SQL[],
  page: Page,
) {
  return paginate(
    page,
    selectCompanies(db)
      .where(and(visible, filters))
      .orderBy(...ordering),
    countListed(db, companies, visible, filters),
    toCompanyView,
  );
}

export function listCompanies(
  { db }: Pick<Services, "db">,
  actor: Actor,
  filters: CompanyListFilters,
  page: Page,
) {
  return pageOfCompanies(
    db,
    visibleCompanies(actor),
    and(...filterConditions(filters)),
    orderingOf(filters.ordering ?? "id", orderingColumns, companies.id),
    page,
  );
}

/** Every id the list's filters match, for "select all" across pages, capped at what one clear_debt takes. */
export async function listCompanyIds({ db }: Pick<Services, "db">, actor: Actor, filters: CompanyFilters) {
  const where = listedCompanies(actor, filters);
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: companies.id })
      .from(companies)
      .where(where)
      .orderBy(companies.id)
      .limit(MAX_SELECTED_IDS),
    countRows(db, companies, where),
  ]);
  return { count: total?.count ?? 0, ids: rows.map((row) => row.id) };
}

const exportColumns = {
  id: companies.id,
  name: companies.name,
  email: companies.email,
  country: companies.country,
  city: companies.city,
  street: companies.street,
  houseNumber: companies.houseNumber,
  level: companies.level,
  supplierId: companies.supplierId,
  supplierName: supplier.name,
  debt: companies.debt,
  createdAt: companies.createdAt,
};
function exportChunk(db: DbOrTx, where: SQL | undefined, order: KeysetOrder, size: number) {
  return db
    .select({ ...exportColumns, sortKey: order.sortKey })
    .from(companies)
    .leftJoin(supplier, eq(supplier.id, companies.supplierId))
    .where(where)
    .orderBy(...order.orderBy)
    .limit(size);
}
type ExportRow = Awaited<ReturnType<typeof exportChunk>>[number];

const COMPANY_CSV: CsvColumn<ExportRow>[] = [
  { header: msg("csv.id"), value: (row) => row.id },
  { header: msg("csv.name"), value: (row) => row.name },
  { header: msg("csv.email"), value: (row) => row.email },
  { header: msg("csv.country"), value: (row) => row.country },
  { header: msg("csv.city"), value: (row) => row.city },
  { header: msg("csv.street"), value: (row) => row.street },
  { header: msg("csv.house_number"), value: (row) => row.houseNumber },
  { header: msg("csv.level"), value: (row) => levelWords(row.level) },
  { header: msg("csv.supplier_id"), value: (row) => row.supplierId },
  { header: msg("csv.supplier"), value: (row) => row.supplierName },
  { header: msg("csv.debt"), value: (row) => csvDecimal(row.debt) },
  { header: msg("csv.created_at"), value: (row) => iso(row.createdAt) },
];

/** The whole filtered list, in the list's order, as an export reads it: chunk by chunk (see keysetChunks). */
export function exportCompanies(
  { db }: Pick<Services, "db">,
  actor: Actor,
  filters: CompanyExportFilters,
  chunkRows = EXPORT_CHUNK_ROWS,
): CsvTable<ExportRow> {
  const where = listedCompanies(actor, filters);
  const order = keysetOrder(filters.ordering ?? "id", orderingColumns, companies.id);
  return {
    columns: COMPANY_CSV,
    chunks: keysetChunks(order, chunkRows, (after, size) => exportChunk(db, and(where, after), order, size)),
  };
}

/** The network's average debt counts only companies that have a supplier (a factory never owes). */
export const averageDebt = sql`(select avg(debt) from companies where supplier_id is not null)`;
export const debtAboveAverage = sql`${companies.debt} > ${averageDebt}`;

export function listDebtAboveAverage({ db }: Pick<Services, "db">, actor: Actor, page: Page) {
  return pageOfCompanies(
    db,
    visibleCompanies(actor),
    debtAboveAverage,
    orderingOf("-debt", orderingColumns, companies.id),
    page,
  );
}

function prepareCompanyDetail(db: DbOrTx, role: UserRole) {
  return selectCompanies(db)
    .where(and(visibleCompaniesPrepared(role), eq(companies.id, sql.placeholder("id"))))
    .prepare(`company_detail_${role}`);
}

/** The detail is the hottest read: its SQL is built once per database handle and role, not per request. */
const companyDetailQueries = new WeakMap<DbOrTx, Map<UserRole, ReturnType<typeof prepareCompanyDetail>>>();

function companyDetailQuery(db: DbOrTx, role: UserRole) {
  const byRole = companyDetailQueries.get(db) ?? new Map();
  companyDetailQueries.set(db, byRole);
  const query = byRole.get(role) ?? prepareCompanyDetail(db, role);
  byRole.set(role, query);
  return query;
}

export async function getCompany(
  { db }: Pick<Services, "db">,
  actor: Actor,
  id: number,
): Promise<CompanyView> {
  const [row] = await companyDetailQuery(db, actor.role).execute({ id, ...actorCompanyBinding(actor) });
  if (!row) throw notFound(msg("company.not_found", { id }));
  return toCompanyView(row);
}

/** Checks the supplier exists, is one level up and the product ids are real, inside the write's transaction. */
async function checkCompanyInput(
  tx: DbOrTx,
  company: { id?: number; level: number; supplierId: number | null; debt?: string },
  productIds: number[] | undefined,
) {
  const [supplierRow] =
    company.supplierId === null
      ? []
      : await tx
          .select({ id: companies.id, level: companies.level })
          .from(companies)
          .where(eq(companies.id, company.supplierId));
  const problem = hierarchyError(company, supplierRow);
  if (problem) throw problem;
  if (productIds?.length) {
    const found = await tx.select({ id: products.id }).from(products).where(inArray(products.id, productIds));
    const known = new Set(found.map((row) => row.id));
    const unknown = productIds.filter((id) => !known.has(id));
    if (unknown.length) throw unknownProductsError(unknown);
  }
}

async function replaceProducts(tx: DbOrTx, companyId: number, productIds: number[] | undefined) {
  if (productIds === undefined) return;
  await tx.delete(companyProducts).where(eq(companyProducts.companyId, companyId));
  if (productIds.length) {
    await tx.insert(companyProducts).values(productIds.map((productId) => ({ companyId, productId })));
  }
}

type ContactFields = Pick<
  CompanyCreateInput,
  "name" | "email" | "country" | "city" | "street" | "house_number"
>;

/** The name, email and address as columns; on an update a field left out stays undefined and unchanged. */
function contactColumns<T extends Partial<ContactFields>>(input: T) {
  return {
    name: input.name as T["name"],
    email: input.email as T["email"],
    country: input.country as T["country"],
    city: input.city as T["city"],
    street: input.street as T["street"],
    houseNumber: input.house_number as T["house_number"],
  };
}

export function createCompany(
  { db }: Pick<Services, "db">,
  actor: Actor,
  input: CompanyCreateInput,
): Promise<CompanyView> {
  return db.transaction(async (tx) => {
    await nameDebtCause(tx, "opening", { label: "staff", userId: actor.userId });
    const level = levelIndex(input.level);
    const supplierId = input.supplier_id ?? null;
    await checkCompanyInput(tx, { level, supplierId, debt: input.debt ?? "0" }, input.product_ids);
    const [created] = await tx
      .insert(companies)
      .values({ ...contactColumns(input), level, supplierId, debt: input.debt ?? "0" })
      .returning({ id: companies.id });
    const id = created?.id as number;
    await replaceProducts(tx, id, input.product_ids);
    await recordAudit(tx, originOf(actor), {
      action: "create",
      objectType: "company",
      objectId: id,
      details: { name: input.name },
    });
    return getCompany({ db: tx }, actor, id);
  });
}

/** What an update of a company may change, as the API names it. */
const AUDITED_FIELDS = [
  "name",
  "email",
  "country",
  "city",
  "street",
  "house_number",
  "level",
  "supplier_id",
  "product_ids",
] as const satisfies readonly (keyof CompanyView)[];

async function lockCompany(tx: DbOrTx, id: number) {
  const [row] = await tx
    .select({
      id: companies.id,
      name: companies.name,
      level: companies.level,
      supplierId: companies.supplierId,
      clients: sql<number>`(select count(*)::int from companies client where client.supplier_id = companies.id)`,
    })
    .from(companies)
    .where(eq(companies.id, id))
    .for("update");
  if (!row) throw notFound(msg("company.not_found", { id }));
  return row;
}

export function updateCompany(
  { db }: Pick<Services, "db">,
  actor: Actor,
  id: number,
  input: CompanyUpdateInput,
): Promise<CompanyView> {
  if (input.debt !== undefined) {
    return Promise.reject(badRequest(DEBT_READ_ONLY, { debt: [DEBT_READ_ONLY] }));
  }
  return db.transaction(async (tx) => {
    const current = await lockCompany(tx, id);
    const before = await getCompany({ db: tx }, actor, id);
    const level = input.level === undefined ? current.level : levelIndex(input.level);
    if (level !== current.level && current.clients > 0) {
      throw suppliesOthersError(current, current.clients, "level");
    }
    const supplierId = input.supplier_id === undefined ? current.supplierId : input.supplier_id;
    await checkCompanyInput(tx, { id, level, supplierId }, input.product_ids);
    await tx
      .update(companies)
      .set({ ...contactColumns(input), level, supplierId, updatedAt: sql`now()` })
      .where(eq(companies.id, id));
    await replaceProducts(tx, id, input.product_ids);
    const after = await getCompany({ db: tx }, actor, id);
    await recordChanges(
      tx,
      originOf(actor),
      { objectType: "company", objectId: id },
      changedFields(before, after, AUDITED_FIELDS),
    );
    return after;
  });
}

export function deleteCompany({ db }: Pick<Services, "db">, actor: Actor, id: number): Promise<void> {
  return db.transaction(async (tx) => {
    await nameDebtCause(tx, "deletion", { label: "staff", userId: actor.userId });
    const current = await lockCompany(tx, id);
    if (current.clients > 0) throw suppliesOthersError(current, current.clients, "delete");
    await tx.delete(companies).where(eq(companies.id, id));
    await recordAudit(tx, originOf(actor), {
      action: "delete",
      objectType: "company",
      objectId: id,
      details: { name: current.name },
    });
  });
}

/** Above this many nodes the tree is cut (breadth first) and says so, so one request stays bounded. */
export const TREE_NODE_LIMIT = 2000;

/**
 * The supply tree below a company in one recursive query. Without ORDER BY, PostgreSQL produces the rows
 * breadth first and stops the recursion as soon as the LIMIT is met.
 */
export async function companyTree({ db }: Pick<Services, "db">, actor: Actor, id: number) {
  const visible = visibleCompanies(actor);
  const list = await selectRows<{
    id: number;
    name: string;
    level: number;
    debt: string;
    supplier_id: number | null;
  }>(
    db,
    sql`
    with recursive tree as (
      select ${companies.id} as id, ${companies.name} as name, ${companies.level} as level,
        ${companies.debt} as debt, ${companies.supplierId} as supplier_id
      from ${companies}
      where ${companies.id} = ${id} ${visible ? sql`and ${visible}` : sql``}
      union all
      select client.id, client.name, client.level, client.debt, client.supplier_id
      from companies client join tree on client.supplier_id = tree.id
    )
    select id, name, level, debt::text as debt, supplier_id from tree limit ${TREE_NODE_LIMIT + 1}`,
  );
  const [root, ...rest] = list.slice(0, TREE_NODE_LIMIT);
  if (!root) throw notFound(msg("company.not_found", { id }));
  const nodes = new Map<number, CompanyTreeNode>();
  const nodeOf = (row: typeof root): CompanyTreeNode => {
    const node = { id: row.id, name: row.name, level: levelName(row.level), debt: row.debt, children: [] };
    nodes.set(row.id, node);
    return node;
  };
  const rootNode = nodeOf(root);
  for (const row of rest.sort((a, b) => a.level - b.level || a.id - b.id)) {
    nodes.get(row.supplier_id as number)?.children.push(nodeOf(row));
  }
  return { ...rootNode, truncated: list.length > TREE_NODE_LIMIT, nodes: nodes.size };
}
