/** The fields of a PostgreSQL error that say which rule a statement broke. */
export interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
  detail?: string;
}

/** Drizzle wraps driver errors in DrizzleQueryError; the PostgreSQL error with its code and constraint is the cause. */
export function databaseErrorOf(error: unknown): PgError {
  const wrapped = error as { cause?: unknown };
  return (wrapped?.cause ?? error ?? {}) as PgError;
}
