import type { Database } from "./client.js";
import { pendingMigrations } from "./migrate.js";

/** A probe never waits on the database longer than this, so /health answers well within a second. */
export const PROBE_TIMEOUT_MS = 500;

export type DatabaseStatus = "ok" | "unreachable" | "timeout";

export interface DatabaseProbe {
  status: DatabaseStatus;
  driver: Database["driver"];
  latency_ms: number;
}

const TIMED_OUT = Symbol("timed out");

/** `work`'s value, or TIMED_OUT once `ms` have passed; a failure stays a failure. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Probes one database for /health and /ready. While a `select 1` is in flight, later probes wait on that same
 * one: a database that hangs gets one query from the probes, not one per probe and per second.
 */
export function databaseProber(database: Database) {
  let inFlight: Promise<unknown> | null = null;

  async function probe(): Promise<DatabaseProbe> {
    const started = performance.now();
    inFlight ??= database.executeSql("select 1").finally(() => {
      inFlight = null;
    });
    let status: DatabaseStatus;
    try {
      status = (await within(inFlight, PROBE_TIMEOUT_MS)) === TIMED_OUT ? "timeout" : "ok";
    } catch {
      status = "unreachable";
    }
    const latency = Math.round((performance.now() - started) * 10) / 10;
    return { status, driver: database.driver, latency_ms: latency };
  }

  /** The migrations this database lacks, or null when they could not be read in time. */
  async function pending(): Promise<string[] | null> {
    try {
      const result = await within(pendingMigrations(database), PROBE_TIMEOUT_MS);
      return result === TIMED_OUT ? null : result;
    } catch {
      return null;
    }
  }

  return { probe, pending };
}
