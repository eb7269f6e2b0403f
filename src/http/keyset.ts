import { type AnyColumn, and, or, type SQL, sql } from "drizzle-orm";
import { orderingOf } from "./listing.js";

/** A row of a keyset-paged read: its id and its sort key as text, to start the next chunk after it. */
export interface KeysetRow {
  id: number;
  sortKey: string | null;
}

/** A list's ordering as keyset pages read it: the same ORDER BY as the list, and where the next page starts. */
export interface KeysetOrder {
  orderBy: SQL[];
  /** The sort column as text, selected beside each row. */
  sortKey: SQL<string | null>;
  after(last: KeysetRow): SQL;
}

/**
 * The ordering of a list (`field` or `-field`, as orderingOf takes it) for reading the whole list in chunks,
 * each starting after the last row of the one before: an index range, however deep, where OFFSET would read and
 * drop every row before it. The sort key goes out and comes back as text, so a timestamp keeps its microseconds
 * (a JS Date would cut them, and the next chunk would repeat rows) and the database compares it as the column's
 * own type. Nullable columns sort as PostgreSQL sorts them: nulls last going up, first going down.
 */
export function keysetOrder<Field extends string>(
  ordering: string,
  columns: Record<Field, AnyColumn | SQL>,
  id: AnyColumn,
  nullable: readonly Field[] = [],
): KeysetOrder {
  const orderBy = orderingOf(ordering, columns, id); // refuses an unknown field
  const descending = ordering.startsWith("-");
  const field = (descending ? ordering.slice(1) : ordering) as Field;
  const column = columns[field];
  const beyond = (value: unknown) => (descending ? sql`${column} < ${value}` : sql`${column} > ${value}`);
  const idBeyond = (last: KeysetRow) => (descending ? sql`${id} < ${last.id}` : sql`${id} > ${last.id}`);
  if (column === id) return { orderBy, sortKey: sql`null`, after: idBeyond };
  const mayBeNull = nullable.includes(field);
  return {
    orderBy,
    sortKey: sql<string | null>`(${column})::text`,
    after(last) {
      if (last.sortKey === null) {
        // Going up, the nulls come last: only nulls remain. Going down they come first: every value remains.
        const nulls = and(sql`${column} is null`, idBeyond(last));
        return descending ? (or(sql`${column} is not null`, nulls) as SQL) : (nulls as SQL);
      }
      return or(
        beyond(last.sortKey),
        and(sql`${column} = ${last.sortKey}`, idBeyond(last)),
        mayBeNull && !descending ? sql`${column} is null` : undefined,
      ) as SQL;
    },
  };
}

/**
 * Every row of a list, in chunks of `size` read one after another by `read(after, size)`: constant memory for
 * any length, and on PGlite, where a query loads all its rows and a cursor would hold the one connection, each
 * chunk is a short query that lets other requests in between. The next chunk is read while the consumer works
 * on this one, so the database's time hides behind the writing: two chunks in memory at most. The chunks are
 * separate statements, not one snapshot: a row whose sort key changes meanwhile may be read twice or not at all
 * (ordering by id avoids that).
 */
export async function* keysetChunks<Row extends KeysetRow>(
  order: KeysetOrder,
  size: number,
  read: (after: SQL | undefined, size: number) => Promise<Row[]>,
): AsyncGenerator<Row[]> {
  let next: Promise<Row[]> | undefined = read(undefined, size);
  try {
    while (next) {
      const rows: Row[] = await next;
      const last = rows.at(-1);
      next = last && rows.length === size ? read(order.after(last), size) : undefined;
      if (rows.length > 0) yield rows;
    }
  } finally {
    // A consumer that stopped early (the client went away) leaves a chunk read ahead: its end is of no interest.
    next?.catch(() => undefined);
  }
}
