import { type AnyColumn, and, asc, desc, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { FastifyRequest, RouteOptions } from "fastify";
import { type DbOrTx, selectRows } from "../db/client.js";
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

/** What a list gives pageResponse: its page of rows and its count; `more` says whether a row follows the page. */
export interface ListPage<T> {
  count: number;
  /** The count is the planner's estimate (see countListed); an exact count when absent. */
  countIsEstimate?: boolean;
  results: T[];
  /** Absent for a list that counts exactly and reads no row past its page: the count tells then. */
  more?: boolean;
}

/**
 * A list route's answer: the page its query asks for, as `list` reads it, with absolute next/previous links, as
 * DRF's PageNumberPagination gives them. The page is computed here for every list, and services cut rows by it.
 * A page past the last is a 404 "Invalid page.", as DRF answers it, so that a client paging on never mistakes
 * an empty page for the end; the first page of an empty list is an empty page. Both are decided by the rows,
 * never by the count, which may be an estimate: a page past the last is one with no rows, and the last page is
 * the one no row follows.
 */
export async function pageResponse<T>(
  request: FastifyRequest & { query: PageQuery },
  list: (page: Page) => Promise<ListPage<T>>,
) {
  const page = pageOf(request.query);
  const { count, countIsEstimate = false, results, more } = await list(page);
  if (page.page > 1 && results.length === 0) throw notFound(msg("request.invalid_page"));
  return {
    count,
    count_is_estimate: countIsEstimate,
    next: (more ?? page.offset + results.length < count) ? pageUrl(request, page.page + 1) : null,
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

/**
 * Above this many rows, the count of a list nobody filtered is the planner's estimate rather than a count(*),
 * which reads every row (or every index entry) of a table of 1,000,000 companies on each page of the admin.
 */
export const ESTIMATED_COUNT_ABOVE = 100_000;

export interface ListCount {
  count: number;
  estimate: boolean;
}

/** The planner's estimate of a query's rows, as EXPLAIN gives it (both drivers parse its json, pg may not). */
async function plannedRows(db: DbOrTx, query: SQL): Promise<number> {
  const [row] = await selectRows<{ "QUERY PLAN": unknown }>(db, sql`explain (format json) ${query}`);
  const plan = typeof row?.["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row?.["QUERY PLAN"];
  return Number((plan as { Plan?: { "Plan Rows"?: number } }[] | undefined)?.[0]?.Plan?.["Plan Rows"] ?? 0);
}

/**
 * The count beside a page of the rows of `table` that match `list` (what the list is: a role, the caller's
 * visibility) and `filters` (what the caller asked: filters, a search). As Django admin's
 * show_full_result_count = False: with no filters, and when the planner expects more than ESTIMATED_COUNT_ABOVE
 * rows, the count is its estimate; otherwise it is exact. The estimate is EXPLAIN's, not pg_class.reltuples:
 * the planner scales the last ANALYZE's density by the table's size now, still estimates a table never
 * analyzed (reltuples -1) by its size, and applies `list`'s condition. A filtered count stays exact, since
 * a filter's estimate can be far off and a filtered list is what a user counts.
 */
export async function countListed(
  db: DbOrTx,
  table: PgTable,
  list: SQL | undefined,
  filters: SQL | undefined,
): Promise<ListCount> {
  if (filters === undefined) {
    const planned = await plannedRows(db, sql`select 1 from ${table} where ${list ?? sql`true`}`);
    if (planned > ESTIMATED_COUNT_ABOVE) return { count: Math.round(planned), estimate: true };
  }
  const [counted] = await countRows(db, table, and(list, filters));
  return { count: counted?.count ?? 0, estimate: false };
}

/** A query a page can be cut from, as Drizzle's select builder is. */
interface Pageable<Row> {
  limit(limit: number): { offset(offset: number): PromiseLike<Row[]> };
}

/**
 * One page of `rows`, each as `view` shows it, and their count (`total`, from countListed), queried side by
 * side. One row past the page is read, so that `more` tells the last page whatever the count says.
 */
export async function paginate<Row, View>(
  page: Page,
  rows: Pageable<Row>,
  total: PromiseLike<ListCount>,
  view: (row: Row) => View,
): Promise<Required<ListPage<View>>> {
  const [pageRows, counted] = await Promise.all([rows.limit(page.pageSize + 1).offset(page.offset), total]);
  return {
    count: counted.count,
    countIsEstimate: counted.estimate,
    results: pageRows.slice(0, page.pageSize).map(view),
    more: pageRows.length > page.pageSize,
  };
}
