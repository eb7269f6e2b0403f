import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../db/client.js";
import { databaseErrorOf } from "../db/errors.js";
import { databaseProber } from "../db/probe.js";

/** While the database is away, it is probed this often, so that its return is noted without waiting for traffic. */
const WATCH_INTERVAL_MS = 1000;

/**
 * Notes in the log when the API loses its database and when it has it back, one line each. During an outage
 * every request fails the same way, and a line per request (let alone a stack) would bury the log: 67 MB in
 * ten seconds at 4,000 requests a second.
 */
export function databaseOutageLog(database: Database, log: FastifyBaseLogger) {
  const prober = databaseProber(database);
  let lostAt: number | null = null;
  let watch: NodeJS.Timeout | undefined;

  async function check() {
    const { status } = await prober.probe();
    if (status !== "ok" || lostAt === null) return;
    log.info({ outage_ms: Date.now() - lostAt }, "database reachable again; the API serves normally");
    lostAt = null;
    clearInterval(watch);
  }

  return {
    /** The first failure of an outage is logged; the rest are the same news. */
    lost(error: unknown) {
      if (lostAt !== null) return;
      lostAt = Date.now();
      log.warn(
        { reason: databaseErrorOf(error).message },
        "database lost; API calls that need it answer 503 or 504 until it is back",
      );
      watch = setInterval(check, WATCH_INTERVAL_MS);
      watch.unref();
    },
    stop() {
      clearInterval(watch);
    },
  };
}
