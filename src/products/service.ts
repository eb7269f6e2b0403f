import { and, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.js";
import { changedFields, originOf, recordAudit, recordChanges } from "../auth/audit.js";
import { requireVisibleCompany, visibleProducts } from "../auth/scope.js";
import type { Services } from "../auth/services.js";
import type { DbOrTx } from "../db/client.js";
import { companyProducts, products } from "../db/schema.js";
import { type CsvColumn, type CsvTable, EXPORT_CHUNK_ROWS } from "../http/csv.js";
import { notFound } from "../http/errors.js";
import { keysetChunks, keysetOrder } from "../http/keyset.js";
import { containsPattern, countListed, orderingOf, type Page, paginate } from "../http/listing.js";
import { msg } from "../i18n/translate.js";
import type {
  ProductCreateInput,
  ProductExportFilters,
  ProductListFilters,
  ProductUpdateInput,
  ProductView,
} from "./schemas.js";

const productColumns = {
  id: products.id,
  name: products.name,
  model: products.model,
  releaseDate: products.releaseDate,
  createdAt: products.createdAt,
};

type ProductRow = { id: number; name: string; model: string; releaseDate: string | null; createdAt: Date };

const toProductView = (row: ProductRow): ProductView => ({
  id: row.id,
  name: row.name,
  model: row.model,
  release_date: row.releaseDate,
  created_at: row.createdAt.toISOString(),
});

const orderingColumns = {
  name: products.name,
  model: products.model,
  release_date: products.releaseDate,
  id: products.id,
};

function searchCondition(search: string | undefined): SQL | undefined {
  if (!search) return undefined;
  return or(ilike(products.name, containsPattern(search)), ilike(products.model, containsPattern(search)));
}

/** One page of products: those the caller may see (`visible`), as `filters` narrow them. */
function pageOfProducts(
  db: DbOrTx,
  visible: SQL | undefined,
  filters: SQL | undefined,
  ordering: string | undefined,
  page: Page,
) {
  return paginate(
    page,
    db
      .select(productColumns)
      .from(products)
      .where(and(visible, filters))
      .orderBy(...orderingOf(ordering ?? "id", orderingColumns, products.id)),
    countListed(db, products, visible, filters),
    toProductView,
  );
}

export function listProducts(
  { db }: Pick<Services, "db">,
  actor: Actor,
  filters: ProductListFilters,
  page: Page,
) {
  return pageOfProducts(db, visibleProducts(actor), searchCondition(filters.search), filters.ordering, page);
}

type ProductExportRow = ProductRow & { sortKey: string | null };

const PRODUCT_CSV: CsvColumn<ProductExportRow>[] = [
  { header: msg("csv.id"), value: (row) => row.id },
  { header: msg("csv.name"), value: (row) => row.name },
  { header: msg("csv.model"), value: (row) => row.model },
  { header: msg("csv.release_date"), value: (row) => row.releaseDate },
  { header: msg("csv.created_at"), value: (row) => row.createdAt.toISOString() },
];

/** The whole filtered list, in the list's order, chunk by chunk (see keysetChunks). */
export function exportProducts(
  { db }: Pick<Services, "db">,
  actor: Actor,
  filters: ProductExportFilters,
  chunkRows = EXPORT_CHUNK_ROWS,
): CsvTable<ProductExportRow> {
  const where = and(visibleProducts(actor), searchCondition(filters.search));
  const order = keysetOrder(filters.ordering ?? "id", orderingColumns, products.id, ["release_date"]);
  return {
    columns: PRODUCT_CSV,
    chunks: keysetChunks(order, chunkRows, (after, size) =>
      db
        .select({ ...productColumns, sortKey: order.sortKey })
        .from(products)
        .where(and(where, after))
        .orderBy(...order.orderBy)
        .limit(size),
    ),
  };
}

/** The products one company sells; a company outside the caller's reach is a 404, as everywhere. */
export async function listCompanyProducts(
  { db }: Pick<Services, "db">,
  actor: Actor,
  companyId: number,
  filters: ProductListFilters,
  page: Page,
) {
  await requireVisibleCompany(db, actor, companyId);
  const soldByCompany = sql`exists (select 1 from ${companyProducts}
    where ${companyProducts.productId} = ${products.id} and ${companyProducts.companyId} = ${companyId})`;
  return pageOfProducts(
    db,
    undefined,
    and(soldByCompany, searchCondition(filters.search)),
    filters.ordering,
    page,
  );
}

export async function getProduct(
  { db }: Pick<Services, "db">,
  actor: Actor,
  id: number,
): Promise<ProductView> {
  const [row] = await db
    .select(productColumns)
    .from(products)
    .where(and(visibleProducts(actor), eq(products.id, id)));
  if (!row) throw notFound(msg("product.not_found", { id }));
  return toProductView(row);
}

export function createProduct(
  { db }: Pick<Services, "db">,
  actor: Actor,
  input: ProductCreateInput,
): Promise<ProductView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(products)
      .values({ name: input.name, model: input.model, releaseDate: input.release_date ?? null })
      .returning(productColumns);
    const product = toProductView(row as ProductRow);
    await recordAudit(tx, originOf(actor), {
      action: "create",
      objectType: "product",
      objectId: product.id,
      details: { name: product.name, model: product.model },
    });
    return product;
  });
}

const AUDITED_FIELDS = ["name", "model", "release_date"] as const satisfies readonly (keyof ProductView)[];

export async function updateProduct(
  { db }: Pick<Services, "db">,
  actor: Actor,
  id: number,
  input: ProductUpdateInput,
): Promise<ProductView> {
  if (input.name === undefined && input.model === undefined && input.release_date === undefined) {
    return getProduct({ db }, actor, id);
  }
  return db.transaction(async (tx) => {
    const [current] = await tx.select(productColumns).from(products).where(eq(products.id, id)).for("update");
    if (!current) throw notFound(msg("product.not_found", { id }));
    const [row] = await tx
      .update(products)
      .set({ name: input.name, model: input.model, releaseDate: input.release_date })
      .where(eq(products.id, id))
      .returning(productColumns);
    const [before, after] = [toProductView(current), toProductView(row as ProductRow)];
    await recordChanges(
      tx,
      originOf(actor),
      { objectType: "product", objectId: id },
      changedFields(before, after, AUDITED_FIELDS),
    );
    return after;
  });
}

export function deleteProduct({ db }: Pick<Services, "db">, actor: Actor, id: number): Promise<void> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(products)
      .where(eq(products.id, id))
      .returning({ name: products.name, model: products.model });
    if (!deleted) throw notFound(msg("product.not_found", { id }));
    await recordAudit(tx, originOf(actor), {
      action: "delete",
      objectType: "product",
      objectId: id,
      details: deleted,
    });
  });
}
