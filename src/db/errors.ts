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

/** SQLSTATE classes and codes meaning "the server is not there right now", not "your statement is wrong". */
const UNAVAILABLE_CODES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
const UNAVAILABLE_SOCKET_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * True when the error says the database cannot be reached (down, restarting, cut off), so the same statement may
 * well succeed once it is back; false for every error about the statement itself.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = databaseErrorOf(error);
  if (code && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SOCKET_ERRORS.has(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
    message ?? "",
  );
}

/** pg's error for a query that outlived the pool's query_timeout: the server did not answer at all. */
export const QUERY_READ_TIMEOUT = "Query read timeout";
/** query_canceled (statement_timeout) and lock_not_available (lock_timeout). */
const TIMEOUT_CODES = new Set(["57014", "55P03"]);

/** True when a statement gave up waiting on the database: its own timeout, a lock's, or pg's client-side one. */
export function isDatabaseTimeout(error: unknown): boolean {
  const { code, message } = databaseErrorOf(error);
  return (code !== undefined && TIMEOUT_CODES.has(code)) || message === QUERY_READ_TIMEOUT;
}
