import { type AnyColumn, asc, desc, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { FastifyRequest, RouteOptions } from "fastify";
import type { DbOrTx } from "../db/client.js";
import { msg } from "../i18n/translate.js";
import { badRequest, notFound } from "./errors.js";
import { DEFAULT_PAGE_SIZE, errorResponses } from "./schemas.js";

/**
 * `search=` means "contains, any case". The text goes in as a bound parameter, and LIKE's own wildcards
 * (% and _, and the escape character \) are escaped, so "50%" finds "50%" and not everything.
 */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * DRF-style `ordering=-field` over a whitelist of columns (the query schema refuses any other name).
 * `id` breaks ties in the same direction, so pages never overlap and an index on (column, id) serves it.
 */
export function orderingOf<Field extends string>(
  ordering: string,
  columns: Record<Field, AnyColumn | SQL>,
  id: AnyColumn,
): SQL[] {
  const descending = ordering.startsWith("-");
  const field = (descending ? ordering.slice(1) : ordering) as Field;
  const direction = descending ? desc : asc;
  // The schema's enum already refuses other names; own keys only, so "constructor" can never be a column.
  if (!Object.hasOwn(columns, field))
    throw badRequest(msg("request.unknown_ordering"), { ordering: [msg("field.unknown")] });
  const column = columns[field];
  return column === id ? [direction(id)] : [direction(column), direction(id)];
}

export interface Page {
  page: number;
  pageSize: number;
  offset: number;
}

/** What a list's query string says of the page (see PaginationQuery). */
interface PageQuery {
  page?: number;
  page_size?: number;
}

function pageOf(query: PageQuery): Page {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The client chooses its Host header, so links are built on PUBLIC_URL, the address the service is published at. */
function pageUrl(request: FastifyRequest, page: number): string {
  const { pathname, search } = new URL(request.url, "http://unused.invalid");
  const url = new URL(`${request.server.config.publicUrl}${pathname}${search}`);
  if (page === 1) url.searchParams.delete("page");
  else url.searchParams.set("page", String(page));
  return url.toString();
}

/**
 * A list route's answer: the page its query asks for, as `list` reads it, with absolute next/previous links, as
 * DRF's PageNumberPagination gives them. The page is computed here for every list, and services cut rows by it.
 * A page past the last is a 404 "Invalid page.", as DRF answers it, so that a client paging on never mistakes
 * an empty page for the end; the first page of an empty list is an empty page.
 */
export async function pageResponse<T>(
  request: FastifyRequest & { query: PageQuery },
  list: (page: Page) => Promise<{ count: number; results: T[] }>,
) {
  const page = pageOf(request.query);
  const { count, results } = await list(page);
  if (page.page > 1 && page.offset >= count) throw notFound(msg("request.invalid_page"));
  return {
    count,
    next: page.offset + results.length < count ? pageUrl(request, page.page + 1) : null,
    previous: page.page > 1 ? pageUrl(request, page.page - 1) : null,
    results,
  };
}

const INVALID_PAGE = "A page past the last: `Invalid page.`. Code: `not_found`";

/**
 * An onRoute hook: every route that takes a `page` answers pageResponse's 404, so its schema says so, beside
 * any 404 of its own (an unknown company).
 */
export function documentInvalidPage(route: RouteOptions) {
  const query = route.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
  if (!query?.properties?.page) return;
  const responses = (route.schema?.response ?? {}) as Record<number, { description?: string }>;
  const own = responses[404];
  const notFound = own
    ? { ...own, description: `${own.description}; or ${INVALID_PAGE}` }
    : { ...errorResponses(404)[404], description: INVALID_PAGE };
  route.schema = { ...route.schema, response: { ...responses, 404: notFound } };
}

/** How many rows of `table` match `where`: the count beside a page, or beside a capped list of ids. */
export const countRows = (db: DbOrTx, table: PgTable, where: SQL | undefined) =>
  db.select({ count: sql<number>`count(*)::int` }).from(table).where(where);

/** A query a page can be cut from, as Drizzle's select builder is. */
interface Pageable<Row> {
  limit(limit: number): { offset(offset: number): PromiseLike<Row[]> };
}

/** One page of `rows`, each as `view` shows it, and the count of all of them (`total`), queried side by side. */
export async function paginate<Row, View>(
  page: Page,
  rows: Pageable<Row>,
  total: PromiseLike<{ count: number }[]>,
  view: (row: Row) => View,
): Promise<{ count: number; results: View[] }> {
  const [pageRows, [counted]] = await Promise.all([rows.limit(page.pageSize).offset(page.offset), total]);
  return { count: counted?.count ?? 0, results: pageRows.map(view) };
}
