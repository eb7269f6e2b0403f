import { type AnyColumn, asc, desc, type SQL } from "drizzle-orm";
import { badRequest } from "./errors.js";

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
  if (!Object.hasOwn(columns, field)) throw badRequest("Unknown ordering.", { ordering: ["Unknown field."] });
  const column = columns[field];
  return column === id ? [direction(id)] : [direction(column), direction(id)];
}
