import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_JWT_SECRET, loadConfig, parseTrustProxy } from "../../src/config.js";
import { UserError } from "../../src/user-error.js";
import { isReadableFailure, runCli } from "../helpers/cli.js";

describe("JWT_SECRET in production", () => {
  it("is required by the config", () => {
    expect(() => loadConfig({}, { NODE_ENV: "production" })).toThrow(UserError);
    expect(() => loadConfig({}, { NODE_ENV: "production" })).toThrow(/JWT_SECRET is required/);
    const strong = "0123456789abcdef0123456789abcdef";
    expect(loadConfig({}, { NODE_ENV: "production", JWT_SECRET: strong }).jwtSecret).toBe(strong);
  });

  it("refuses a secret shorter than 32 bytes, and the public development default", () => {
    const production = (secret: string) => () =>
      loadConfig({}, { NODE_ENV: "production", JWT_SECRET: secret });
    expect(production("s3cret")).toThrow(/too short for production: at least 32 bytes/);
    expect(production("x".repeat(31))).toThrow(/openssl rand -hex 32/);
    expect(production(DEV_JWT_SECRET)).toThrow(/public development default/);
    // In development the default keeps the quick start working.
    expect(loadConfig({}, { NODE_ENV: "development" }).jwtSecret).toBe(DEV_JWT_SECRET);
  });
});

describe("timeouts, mail retries and concurrency", () => {
  it("take durations and whole numbers, and name the variable when one is malformed", () => {
    const config = loadConfig({}, { NODE_ENV: "test", DB_LOCK_TIMEOUT: "7s", MAIL_RETRY: "2d" });
    expect(config.lockTimeoutMs).toBe(7000);
    expect(config.mailRetryMs).toBe(2 * 86_400_000);
    expect(config.workerConcurrency).toBe(4);
    expect(loadConfig({}, { NODE_ENV: "test", DB_STATEMENT_TIMEOUT: "0" }).statementTimeoutMs).toBe(0);
    expect(() => loadConfig({}, { NODE_ENV: "test", DB_STATEMENT_TIMEOUT: "soon" })).toThrow(
      /DB_STATEMENT_TIMEOUT must be a duration/,
    );
    expect(() => loadConfig({}, { NODE_ENV: "test", WORKER_CONCURRENCY: "0" })).toThrow(
      /WORKER_CONCURRENCY must be a whole number from 1 to 64/,
    );
  });
});

describe("TRUST_PROXY", () => {
  it("is off by default, and takes a hop count or a list of proxy addresses", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("10.0.0.1, 10.1.0.0/16")).toEqual(["10.0.0.1", "10.1.0.0/16"]);
    expect(() => parseTrustProxy("everyone")).toThrow(/TRUST_PROXY must be empty, a number of proxy hops/);
  });
});

describe("serve and worker in production, as child processes", () => {
  it("refuse a missing, short or development JWT_SECRET in one line saying how to make one", async () => {
    // Run from an empty folder so that no ./.env supplies a secret.
    const cwd = mkdtempSync(path.join(os.tmpdir(), "supplynet-prod-"));
    try {
      const secrets: [string | undefined, RegExp][] = [
        [undefined, /JWT_SECRET is required when NODE_ENV=production/],
        ["s3cret", /JWT_SECRET is too short for production: at least 32 bytes/],
        [DEV_JWT_SECRET, /JWT_SECRET is the public development default/],
      ];
      const cases = secrets.flatMap(([secret, message]) =>
        ["serve", "worker"].map((command) => ({ command, secret, message })),
      );
      // One process at a time: six starting together on a loaded machine outlast any timeout.
      for (const { command, secret, message } of cases) {
        const result = await runCli(
          [command],
          { NODE_ENV: "production", DATA_DIR: cwd, DATABASE_URL: "", PORT: "0", JWT_SECRET: secret ?? "" },
          undefined,
          { cwd, timeoutMs: 60_000 },
        );
        expect(result.stderr, command).toMatch(message);
        expect(result.stderr, command).toMatch(/openssl rand -hex 32/);
        expect(isReadableFailure(result), `${command}: ${result.stderr}`).toBe(true);
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("JWT_ACCESS_TTL and JWT_REFRESH_TTL", () => {
  it("are read once, with the configuration, and refused when they are not durations", () => {
    for (const variable of ["JWT_ACCESS_TTL", "JWT_REFRESH_TTL"]) {
      expect(() => loadConfig({}, { [variable]: "soon" })).toThrow(
        new RegExp(`${variable} must be a duration such as 7d`),
      );
      expect(() => loadConfig({}, { [variable]: "0d" })).toThrow(UserError);
    }
    const config = loadConfig({}, { JWT_ACCESS_TTL: "5m", JWT_REFRESH_TTL: "12h" });
    expect(config.jwtAccessTtlMs).toBe(5 * 60_000);
    expect(config.jwtRefreshTtlMs).toBe(12 * 3_600_000);
  });
});
