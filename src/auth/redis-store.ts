import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";

/**
 * Fail fast while Redis is away: without the offline queue a command is refused at once instead of waiting for
 * a reconnection, and a Redis that accepts connections but answers nothing (frozen, overloaded) costs a request
 * at most COMMAND_TIMEOUT_MS. Reconnecting every RECONNECT_MAX_MS at most notices its return soon.
 */
const CONNECT_TIMEOUT_MS = 500;
const COMMAND_TIMEOUT_MS = 500;
const RECONNECT_MAX_MS = 1000;

export interface RateLimitRedis {
  client: Redis;
  close(): Promise<void>;
}

/**
 * The Redis client of @fastify/rate-limit's Redis store, connected (or given up on, for now) before the server
 * listens, so that the first requests find it ready. Its outages are logged once each, with the return, as
 * databaseOutageLog does for PostgreSQL: ioredis emits an error for every failed reconnection, and the store's
 * commands fail once per counted request.
 */
export async function openRateLimitRedis(url: string, log: FastifyBaseLogger): Promise<RateLimitRedis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, RECONNECT_MAX_MS),
  });
  let lostAt: number | null = null;
  client.on("error", (error: Error) => {
    if (lostAt !== null) return;
    lostAt = Date.now();
    log.warn(
      { reason: error.message },
      "redis lost; until it is back, per-IP limits and the QR quota are not enforced, and logins answer 503",
    );
  });
  client.on("ready", () => {
    if (lostAt === null) return;
    log.info({ outage_ms: Date.now() - lostAt }, "redis reachable again; rate limits are shared again");
    lostAt = null;
  });
  // A Redis that is away at startup is an outage like any other: serve starts, and the client keeps reconnecting.
  await client.connect().catch(() => {});
  return {
    client,
    async close() {
      if (client.status === "ready") await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
