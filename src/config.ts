import { existsSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./paths.js";
import { UserError } from "./user-error.js";

/** Throttling of POST /auth/token and /auth/register; see src/auth/rate-limits.ts. */
export interface AuthRateLimit {
  /** Requests one IP may make to each of those routes per `perIpWindowMs`. */
  perIp: number;
  perIpWindowMs: number;
  /** Failed attempts (per email for login, per IP for register) allowed per `failureWindowMs`. */
  failures: number;
  failureWindowMs: number;
}

/** The languages of the admin, the API's messages and the emails; the first is the default. */
export const LANGUAGES = ["ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Config {
  env: "development" | "production" | "test";
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  jwtSecret: string;
  /** How long an access token (JWT) is valid. */
  jwtAccessTtlMs: number;
  /** How long a refresh token, and the admin's session cookie, is valid. */
  jwtRefreshTtlMs: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  appTimezone: string;
  /** The language of a first visit whose browser asks for none we have, and of the demo data. */
  defaultLanguage: Language;
  logLevel: string;
  /** LOG_FORMAT: "pretty" or "json"; unset, pretty on a terminal outside production (src/http/logging.ts). */
  logFormat: "pretty" | "json" | undefined;
  authRateLimit: AuthRateLimit;
  /**
   * Which proxies in front of the app may say who the client is (X-Forwarded-For): false (none, the default),
   * a number of hops, or a list of addresses and CIDR ranges. Per-IP rate limits count `request.ip`.
   */
  trustProxy: boolean | number | string[];
  /** PostgreSQL's statement_timeout and lock_timeout for the app's connections (0 turns one off). */
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  /** A request still unanswered after this long gets a 503 (504 when it was waiting on the database). */
  requestTimeoutMs: number;
  /** After SIGTERM, how long in-flight requests and jobs may take before they are cut off. */
  shutdownTimeoutMs: number;
  /** How long a mail job keeps retrying while SMTP is away, as an MTA's queue does. */
  mailRetryMs: number;
  /** Jobs of one queue that one worker process runs at the same time (for the mail queues). */
  workerConcurrency: number;
  /** Months of debt-ledger detail kept; older months are rolled up into one entry per company and month. */
  ledgerRetentionMonths: number;
  /** Months of audit log kept; older entries are deleted by the nightly maintenance. */
  auditRetentionMonths: number;
  /** Where `serve` processes share their rate-limit counters; unset, each keeps its own in memory. */
  redisUrl: string | undefined;
  /**
   * The bearer token GET /metrics asks for. Unset, /metrics is open in development and test and off in
   * production, where the public port serves it only to a scraper that holds a long token.
   */
  metricsToken: string | undefined;
  /** The worker's /metrics port; unset, the worker serves no metrics. */
  metricsPort: number | undefined;
}

export const DEV_JWT_SECRET = "supplynet-development-secret-do-not-use-in-production";
/** HS256 wants a key at least as long as its 256-bit output. */
export const MIN_JWT_SECRET_BYTES = 32;
const MAKE_A_SECRET = "Make one with `openssl rand -hex 32` and set it in JWT_SECRET.";

/** Production signs tokens only with a long secret of its own: the public development default forges staff tokens. */
function checkJwtSecret(secret: string | undefined, nodeEnv: Config["env"]): string {
  if (nodeEnv !== "production") return secret || DEV_JWT_SECRET;
  if (!secret) throw new UserError(`JWT_SECRET is required when NODE_ENV=production. ${MAKE_A_SECRET}`);
  if (secret === DEV_JWT_SECRET) {
    throw new UserError(
      `JWT_SECRET is the public development default, which anyone can use to forge tokens. ${MAKE_A_SECRET}`,
    );
  }
  if (Buffer.byteLength(secret, "utf8") < MIN_JWT_SECRET_BYTES) {
    throw new UserError(
      `JWT_SECRET is too short for production: at least ${MIN_JWT_SECRET_BYTES} bytes are needed. ${MAKE_A_SECRET}`,
    );
  }
  return secret;
}

/** In production METRICS_TOKEN guards /metrics on the public port, so it must be as hard to guess as JWT_SECRET. */
function checkMetricsToken(token: string | undefined, nodeEnv: Config["env"]): string | undefined {
  if (!token) return undefined;
  if (nodeEnv === "production" && Buffer.byteLength(token, "utf8") < MIN_JWT_SECRET_BYTES) {
    throw new UserError(
      `METRICS_TOKEN is too short for production: at least ${MIN_JWT_SECRET_BYTES} bytes are needed. Make one with \`openssl rand -hex 32\`.`,
    );
  }
  return token;
}

/** TRUST_PROXY: empty/false (trust no proxy), true, a hop count ("1"), or addresses/CIDRs ("10.0.0.1,10.1.0.0/16"). */
export function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  const trimmed = (value ?? "").trim();
  if (trimmed === "" || trimmed === "false" || trimmed === "0") return false;
  if (trimmed === "true") return true;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const addresses = trimmed.split(",").map((part) => part.trim());
  if (addresses.some((address) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(address))) {
    throw new UserError(
      `TRUST_PROXY must be empty, a number of proxy hops such as 1, or a comma-separated list of proxy addresses (10.0.0.1, 10.0.0.0/8), got "${value}".`,
    );
  }
  return addresses;
}

const DURATION_UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "7d", "12h", "30m", "45s" or a bare number of seconds: how every duration setting is written. */
export function parseDuration(value: string, variable: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match || Number(match[1]) === 0) {
    throw new UserError(
      `${variable} must be a duration such as 7d, 12h, 30m or 3600 (seconds), got "${value}".`,
    );
  }
  return Number(match[1]) * DURATION_UNITS_MS[(match[2] || "s") as keyof typeof DURATION_UNITS_MS];
}

/** A duration, or 0 for none (as PostgreSQL reads a timeout of 0). */
function parseTimeout(value: string, variable: string): number {
  return value.trim() === "0" ? 0 : parseDuration(value, variable);
}

function parseWholeNumber(value: string, variable: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
    throw new UserError(`${variable} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return number;
}

/**
 * Only PostgreSQL is supported: any other URL (mysql://, sqlite:) would reach pg and fail with a misleading
 * PostgreSQL error. The message names only the scheme, never a password in the URL.
 */
function checkDatabaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^postgres(ql)?:\/\//i.test(value)) return value;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw new UserError(
    `DATABASE_URL ${scheme ? `is a ${scheme}: URL` : "is not a URL"}, and supplynet supports only PostgreSQL. ` +
      "Give a postgres://user:password@host:5432/dbname URL, or unset DATABASE_URL to use the embedded database.",
  );
}

/** The rate limits' Redis (see src/auth/redis-store.ts); the message names only the scheme, never a password. */
function checkRedisUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^rediss?:\/\/[^/]/i.test(value)) return value;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw new UserError(
    `REDIS_URL ${scheme ? `is a ${scheme}: URL` : "is not a URL"}: give a redis://host:6379 or rediss://host:6380 URL, or unset it to keep rate limits in each process's memory.`,
  );
}

function loadDotEnv(): void {
  const file = path.join(process.cwd(), ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

function parsePort(value: string, variable = "PORT"): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(`${variable} must be a whole number from 0 to 65535, got "${value}".`);
  }
  return port;
}

/**
 * MAIL_FROM when it is not set: noreply at PUBLIC_URL's host. A host that is an IP address names no mail
 * domain, so it gives noreply@localhost, which every SMTP server still takes. A real relay wants a sender of a
 * domain it accepts mail for, which only MAIL_FROM can name.
 */
export function defaultMailFrom(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  const isAddress = host.startsWith("[") || /^[\d.]+$/.test(host);
  return `supplynet <noreply@${isAddress ? "localhost" : host}>`;
}

/** Links in emails and pages start with it, so it must be an absolute http(s) URL; a trailing slash is dropped. */
function parsePublicUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (!url || !["http:", "https:"].includes(url.protocol)) {
    throw new UserError(
      `PUBLIC_URL must be an absolute URL such as https://supply.example.com, got "${value}".`,
    );
  }
  return value.replace(/\/+$/, "");
}

function parseLanguage(value: string): Language {
  const language = value.trim().toLowerCase();
  if (!(LANGUAGES as readonly string[]).includes(language)) {
    throw new UserError(`DEFAULT_LANGUAGE must be one of ${LANGUAGES.join(", ")}, got "${value}".`);
  }
  return language as Language;
}

function parseLogFormat(value: string | undefined): Config["logFormat"] {
  const format = (value ?? "").trim().toLowerCase();
  if (format === "") return undefined;
  if (format === "pretty" || format === "json") return format;
  throw new UserError(
    `LOG_FORMAT must be pretty or json, or unset to print pretty lines on a terminal outside production, got "${value}".`,
  );
}

function checkTimezone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    throw new UserError(
      `APP_TIMEZONE "${zone}" is not a known IANA time zone (for example "Europe/Moscow").`,
    );
  }
  return zone;
}

/** Reads the environment (and ./.env) once into a typed config. Overrides win, for tests and the CLI. */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env) loadDotEnv();
  const nodeEnv =
    env.NODE_ENV === "production" ? "production" : env.NODE_ENV === "test" ? "test" : "development";
  const jwtSecret = overrides.jwtSecret ?? checkJwtSecret(env.JWT_SECRET, nodeEnv);
  const port = parsePort(env.PORT ?? "8000");
  const host = env.HOST ?? "0.0.0.0";
  const publicUrl = parsePublicUrl(env.PUBLIC_URL ?? `http://localhost:${port}`);
  return {
    env: nodeEnv,
    databaseUrl: checkDatabaseUrl(env.DATABASE_URL),
    dataDir: path.resolve(env.DATA_DIR ?? path.join(projectRoot, "data")),
    host,
    port,
    publicUrl,
    jwtSecret,
    jwtAccessTtlMs: parseDuration(env.JWT_ACCESS_TTL ?? "15m", "JWT_ACCESS_TTL"),
    jwtRefreshTtlMs: parseDuration(env.JWT_REFRESH_TTL ?? "7d", "JWT_REFRESH_TTL"),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || defaultMailFrom(publicUrl),
    appTimezone: checkTimezone(env.APP_TIMEZONE ?? "UTC"),
    defaultLanguage: parseLanguage(env.DEFAULT_LANGUAGE ?? LANGUAGES[0]),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info"),
    logFormat: parseLogFormat(env.LOG_FORMAT),
    authRateLimit: { perIp: 10, perIpWindowMs: 60_000, failures: 5, failureWindowMs: 15 * 60_000 },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    // The lock timeout outlasts any row lock a writer may wait for: a scheduled run's chunk holds its rows for
    // well under a second.
    statementTimeoutMs: parseTimeout(env.DB_STATEMENT_TIMEOUT ?? "15s", "DB_STATEMENT_TIMEOUT"),
    lockTimeoutMs: parseTimeout(env.DB_LOCK_TIMEOUT ?? "10s", "DB_LOCK_TIMEOUT"),
    requestTimeoutMs: parseDuration(env.REQUEST_TIMEOUT ?? "20s", "REQUEST_TIMEOUT"),
    shutdownTimeoutMs: parseDuration(env.SHUTDOWN_TIMEOUT ?? "10s", "SHUTDOWN_TIMEOUT"),
    mailRetryMs: parseDuration(env.MAIL_RETRY ?? "24h", "MAIL_RETRY"),
    workerConcurrency: parseWholeNumber(env.WORKER_CONCURRENCY ?? "4", "WORKER_CONCURRENCY", 1, 64),
    ledgerRetentionMonths: parseWholeNumber(
      env.LEDGER_RETENTION_MONTHS ?? "13",
      "LEDGER_RETENTION_MONTHS",
      1,
      1200,
    ),
    auditRetentionMonths: parseWholeNumber(
      env.AUDIT_RETENTION_MONTHS ?? "36",
      "AUDIT_RETENTION_MONTHS",
      1,
      1200,
    ),
    redisUrl: checkRedisUrl(env.REDIS_URL),
    metricsToken: checkMetricsToken(env.METRICS_TOKEN, nodeEnv),
    metricsPort: env.METRICS_PORT ? parsePort(env.METRICS_PORT, "METRICS_PORT") : undefined,
    ...overrides,
  };
}
