import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpError } from "../http/errors.js";

/**
 * Throttling of the two routes that accept secrets from anonymous callers (POST /auth/token, /auth/register),
 * with the limits in `config.authRateLimit`:
 * - every request counts against the caller's IP: `perIp` per `perIpWindowMs` (default 10 per minute), which
 *   caps password spraying across many accounts from one address;
 * - only FAILED attempts count against a key (login: the email; register: the IP, as each guess is a new
 *   token): `failures` per `failureWindowMs` (default 5 per 15 minutes), which caps guessing one account's
 *   password without locking out a user who simply logs in often.
 * Counters live in this process's memory: behind several `serve` processes each keeps its own.
 */
const throttled = (seconds: number, message: string) =>
  new HttpError(
    429,
    "throttled",
    `${message} Try again in ${seconds} s.`,
    {},
    { "retry-after": String(seconds) },
  );

export async function registerRateLimiting(app: FastifyInstance): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      throttled(Math.ceil(context.ttl / 1000), "Too many requests from your address."),
  });
}

/** The per-IP limit, as a route's `config.rateLimit`. */
export const perIpRateLimit = (app: FastifyInstance) => ({
  max: app.config.authRateLimit.perIp,
  timeWindow: app.config.authRateLimit.perIpWindowMs,
});

export interface FailureLimiter {
  /** 429 with Retry-After while this caller's key has no failed attempts left. */
  refuseIfExhausted(request: FastifyRequest): Promise<void>;
  recordFailure(request: FastifyRequest): Promise<void>;
}

/** Counts failed attempts per key: peeks before the attempt, and consumes only when the attempt fails. */
export function failureLimiter(
  app: FastifyInstance,
  keyOf: (request: FastifyRequest) => string,
  what: string,
): FailureLimiter {
  const { failures, failureWindowMs } = app.config.authRateLimit;
  const limit = app.createRateLimit({ max: failures, timeWindow: failureWindowMs, keyGenerator: keyOf });
  return {
    async refuseIfExhausted(request) {
      const status = await limit(request, { increment: false });
      if (!status.isAllowed && status.remaining === 0) {
        throw throttled(Math.max(1, status.ttlInSeconds), `Too many failed ${what}.`);
      }
    },
    async recordFailure(request) {
      await limit(request);
    },
  };
}
