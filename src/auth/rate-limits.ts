import fastifyRateLimit, { normalizeIP } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { HttpError } from "../http/errors.js";
import { type Message, msg } from "../i18n/translate.js";
import { throttledRequests } from "../metrics/registry.js";
import { openRateLimitRedis } from "./redis-store.js";

/**
 * Throttling of the routes anonymous callers reach, with the limits in `config.authRateLimit`:
 * - every request counts against the caller's IP: `perIp` per `perIpWindowMs` (default 10 per minute) on the
 *   routes that take a secret (login, register), which caps password spraying across accounts from one address;
 *   refresh and logout get REFRESH_PER_MINUTE;
 * - login failures count against the ACCOUNT the email resolves to, never against a spelling of the email
 *   (see loginBudget);
 * - failed registrations (each guesses an invitation token) count against the IP: `failures` per
 *   `failureWindowMs` (default 5 per 15 minutes).
 * Counters live in @fastify/rate-limit's store: with REDIS_URL its Redis store, shared by every `serve` process;
 * without, this process's memory (each counter an LRU of 5,000 keys), so N processes give a client N budgets.
 *
 * While Redis is away each limit fails one way (see StoreDown): those that only cap load or the caller's own
 * mail let requests through, those that stand between a caller and guessing a secret, or mailing someone else,
 * refuse with 503 `rate_limit_unavailable`. Never a 500.
 */
export const throttled = (seconds: number, reason: Message) => {
  throttledRequests.inc({ reason: reason.key });
  return new HttpError(
    429,
    "throttled",
    msg("throttle.retry", { reason, count: seconds }),
    {},
    { "retry-after": String(seconds) },
  );
};

/**
 * A refresh or a logout is a SHA-256 and one indexed row, and the token is 256 random bits, so this caps load,
 * not guessing. One a second leaves room for several admin tabs and API clients behind one NAT address, each
 * refreshing when its 15-minute access token runs out (and once more after a reload).
 */
export const REFRESH_PER_MINUTE = 60;

/**
 * Anonymous routes take small bodies, refused with 413 before they are parsed or validated. The largest valid
 * login or registration (a 1,024-character password of 4-byte characters is 4 KB, plus the email or token and
 * names) fits in 8 KB; a refresh token fits many times over.
 */
export const PUBLIC_BODY_LIMIT = 8 * 1024;

/** The per-account cap is this many addresses' worth of per-address budgets... */
const ACCOUNT_CAP_ADDRESSES = 10;
/** ...per hour: with the defaults, 50 failed logins an hour per account from addresses it has not used. */
const ACCOUNT_CAP_WINDOW_MS = 60 * 60_000;
/** An address an account logged in from stays exempt from the account cap for this long. */
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;

/**
 * What a counter does while its store (Redis) cannot be reached:
 * - "fail open": counts nothing and refuses nothing, for limits that cap load or mail to the caller themselves
 *   (the per-IP limits, the QR quota), where refusing everyone would be an outage of its own;
 * - "fail closed": refuses with 503 and Retry-After, for budgets that bound guessing a secret (passwords,
 *   invitation and reset tokens) or that cap mail sent to someone else: uncounted, they would bound nothing.
 */
export type StoreDown = "fail open" | "fail closed";

const storeUnavailable = () =>
  new HttpError(503, "rate_limit_unavailable", msg("throttle.unavailable"), {}, { "retry-after": "5" });

/**
 * The app's one registration of @fastify/rate-limit, so that every limit and counter shares its store. No limit
 * is global: a route sets its own in `config.rateLimit`, and the counters below are made from its createRateLimit.
 * The routes' per-IP limits fail open (skipOnError): they cap load, and while Redis is away the login budgets,
 * which fail closed, still bound the guesses.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance) => {
    const redisUrl = app.config.redisUrl;
    const redis = redisUrl ? await openRateLimitRedis(redisUrl, app.log) : undefined;
    if (redis) app.addHook("onClose", () => redis.close());
    else app.log.info("rate limits are per process: set REDIS_URL to share them across serve processes");
    await app.register(fastifyRateLimit, {
      global: false,
      ...(redis ? { redis: redis.client } : {}),
      skipOnError: true,
      errorResponseBuilder: (_request, context) =>
        throttled(Math.ceil(context.ttl / 1000), msg("throttle.address")),
    });
  },
  // Its 429s are HttpErrors, which the error handler answers.
  { name: "supplynet-rate-limit", dependencies: ["supplynet-error-handler"] },
);

/** The per-IP limit on routes that take a secret, as a route's `config.rateLimit`. */
export const perIpRateLimit = (app: FastifyInstance) => ({
  max: app.config.authRateLimit.perIp,
  timeWindow: app.config.authRateLimit.perIpWindowMs,
});

/** The per-IP limit on refresh and logout, as a route's `config.rateLimit`. */
export const refreshRateLimit = { max: REFRESH_PER_MINUTE, timeWindow: 60_000 };

/** The caller's address as the per-IP limits count it: an IPv6 client's whole /64 is one address. */
export const addressOf = (request: FastifyRequest) => normalizeIP(request.ip);

interface CounterState {
  /** Hits in the current window, up to `max`. */
  count: number;
  /** More than `max` hits: the hit that gave this state went over. */
  exceeded: boolean;
  /** Whole seconds until the window ends (at least 1). */
  retryAfter: number;
}

/** A count of events per string key over a fixed window, kept in the rate-limit plugin's store. */
export interface Counter {
  readonly max: number;
  peek(key: string): Promise<CounterState>;
  hit(key: string): Promise<CounterState>;
}

/** What createRateLimit is handed: it keys a request, and here the key is already known. */
interface KeyedCall {
  counterKey: string;
  routeOptions: { config: Record<string, never> };
}

/**
 * `name` prefixes every key: the plugin's Redis store prefixes the keys of all such counters alike, so two
 * counters must never share a key.
 */
export function counter(
  app: FastifyInstance,
  name: string,
  max: number,
  timeWindow: number,
  whenStoreIsDown: StoreDown,
): Counter {
  const limit = app.createRateLimit({
    max,
    timeWindow,
    // Failing open, the plugin reads an unreachable store as no hits at all.
    skipOnError: whenStoreIsDown === "fail open",
    keyGenerator: (call) => `${name}:${(call as unknown as KeyedCall).counterKey}`,
  });
  const run = async (key: string, increment: boolean): Promise<CounterState> => {
    const call: KeyedCall = { counterKey: key, routeOptions: { config: {} } };
    const status = await limit(call as unknown as FastifyRequest, { increment }).catch(() => {
      throw storeUnavailable();
    });
    if (status.isAllowed) return { count: 0, exceeded: false, retryAfter: 1 };
    return {
      count: status.max - status.remaining,
      exceeded: status.isExceeded,
      retryAfter: Math.max(1, status.ttlInSeconds),
    };
  };
  return { max, peek: (key) => run(key, false), hit: (key) => run(key, true) };
}

export interface FailureLimiter {
  /** 429 with Retry-After while this caller's key has no failed attempts left. */
  refuseIfExhausted(request: FastifyRequest): Promise<void>;
  recordFailure(request: FastifyRequest): Promise<void>;
}

/**
 * Counts failed attempts per key: peeks before the attempt, and consumes only when the attempt fails. Each guesses
 * a secret, so it fails closed.
 */
export function failureLimiter(
  app: FastifyInstance,
  name: string,
  keyOf: (request: FastifyRequest) => string,
  reason: Message,
): FailureLimiter {
  const { failures, failureWindowMs } = app.config.authRateLimit;
  const failed = counter(app, name, failures, failureWindowMs, "fail closed");
  return {
    async refuseIfExhausted(request) {
      const state = await failed.peek(keyOf(request));
      if (state.count >= failed.max) throw throttled(state.retryAfter, reason);
    },
    async recordFailure(request) {
      await failed.hit(keyOf(request));
    },
  };
}

/** Whom a login attempt is about: the account the email resolves to, or the email when it names none. */
export type LoginAccountKey = `user:${number}` | `email:${string}`;

export interface LoginBudget {
  /** 429 with Retry-After when this address, or every address new to the account, has no guesses left. */
  refuseIfExhausted(account: LoginAccountKey, request: FastifyRequest): Promise<void>;
  recordFailure(account: LoginAccountKey, request: FastifyRequest): Promise<void>;
  recordSuccess(account: LoginAccountKey, request: FastifyRequest): Promise<void>;
}

/**
 * Budgets for guessing one account's password, keyed on the account, so every spelling of its email shares
 * them (an unknown email is keyed on PostgreSQL's lower() of it, the same function the lookup uses, so that
 * known and unknown emails are throttled alike and a 429 does not tell which exist):
 * - `failures` per `failureWindowMs` per account AND address: an attacker at one address locks out only
 *   themselves, never the owner at another;
 * - ten times that per hour per account, from addresses that have not logged in to it in the last 30 days:
 *   however many addresses an attacker has, the guesses per account stay capped, while the owner's known
 *   addresses still get in.
 */
export function loginBudget(app: FastifyInstance): LoginBudget {
  // One per server: the API's /auth/token and the admin's session login must draw on the same budgets.
  let budget = loginBudgets.get(app.server);
  if (!budget) {
    budget = newLoginBudget(app);
    loginBudgets.set(app.server, budget);
  }
  return budget;
}

const loginBudgets = new WeakMap<object, LoginBudget>();

/**
 * The budgets fail closed: while Redis is away a login answers 503, since uncounted guesses are unbounded ones
 * (the per-IP limit fails open too), and the sessions already open go on refreshing. The known addresses fail
 * open, which is the safe way for an exemption: an unreadable one exempts nobody, an unrecorded one is only
 * forgotten.
 */
function newLoginBudget(app: FastifyInstance): LoginBudget {
  const { failures, failureWindowMs } = app.config.authRateLimit;
  const perAddress = counter(app, "login-failures-address", failures, failureWindowMs, "fail closed");
  const perAccount = counter(
    app,
    "login-failures-account",
    failures * ACCOUNT_CAP_ADDRESSES,
    ACCOUNT_CAP_WINDOW_MS,
    "fail closed",
  );
  const knownAddresses = counter(app, "login-known-address", 1, KNOWN_ADDRESS_MS, "fail open");
  const pairOf = (account: LoginAccountKey, request: FastifyRequest) => `${account}|${addressOf(request)}`;
  return {
    async refuseIfExhausted(account, request) {
      const pair = pairOf(account, request);
      const fromHere = await perAddress.peek(pair);
      if (fromHere.count >= perAddress.max) {
        throw throttled(fromHere.retryAfter, msg("throttle.login_from_address"));
      }
      const overall = await perAccount.peek(account);
      if (overall.count < perAccount.max) return;
      if ((await knownAddresses.peek(pair)).count > 0) return;
      throw throttled(overall.retryAfter, msg("throttle.login"));
    },
    async recordFailure(account, request) {
      await Promise.all([perAddress.hit(pairOf(account, request)), perAccount.hit(account)]);
    },
    async recordSuccess(account, request) {
      await knownAddresses.hit(pairOf(account, request));
    },
  };
}

/**
 * Wrong current passwords, per account, on both ways of changing a password (the API's and the admin's): a
 * stolen access token must not become unlimited guesses at the password behind it.
 */
export const currentPasswordBudget = (app: FastifyInstance) =>
  failureLimiter(
    app,
    "current-password-failures",
    (request) => `user:${request.actor.userId}`,
    msg("throttle.current_password"),
  );
