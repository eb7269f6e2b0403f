import { existsSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./paths.js";

/** A user-facing configuration mistake: the CLI prints the message and exits without a stack trace. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Throttling of POST /auth/token and /auth/register; see src/auth/rate-limits.ts. */
export interface AuthRateLimit {
  /** Requests one IP may make to each of those routes per `perIpWindowMs`. */
  perIp: number;
  perIpWindowMs: number;
  /** Failed attempts (per email for login, per IP for register) allowed per `failureWindowMs`. */
  failures: number;
  failureWindowMs: number;
}

export interface Config {
  env: "development" | "production" | "test";
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  jwtSecret: string;
  jwtAccessTtl: string;
  jwtRefreshTtl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  appTimezone: string;
  logLevel: string;
  authRateLimit: AuthRateLimit;
}

const DEV_JWT_SECRET = "supplynet-development-secret-do-not-use-in-production";

function loadDotEnv(): void {
  const file = path.join(process.cwd(), ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${value}".`);
  }
  return port;
}

function checkTimezone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    throw new ConfigError(
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
  const jwtSecret = env.JWT_SECRET || (nodeEnv === "production" ? "" : DEV_JWT_SECRET);
  if (!jwtSecret && !overrides.jwtSecret) {
    throw new ConfigError(
      "JWT_SECRET is required when NODE_ENV=production. Set it to a long random string, e.g. `openssl rand -hex 32`.",
    );
  }
  const port = parsePort(env.PORT ?? "8000");
  const host = env.HOST ?? "0.0.0.0";
  return {
    env: nodeEnv,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(projectRoot, "data")),
    host,
    port,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    jwtSecret,
    jwtAccessTtl: env.JWT_ACCESS_TTL ?? "15m",
    jwtRefreshTtl: env.JWT_REFRESH_TTL ?? "7d",
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "supplynet <noreply@supplynet.local>",
    appTimezone: checkTimezone(env.APP_TIMEZONE ?? "UTC"),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info"),
    authRateLimit: { perIp: 10, perIpWindowMs: 60_000, failures: 5, failureWindowMs: 15 * 60_000 },
    ...overrides,
  };
}
