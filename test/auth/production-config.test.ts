import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { ConfigError, DEV_JWT_SECRET, loadConfig, parseTrustProxy } from "../../src/config.js";
import { projectRoot } from "../../src/paths.js";
import { testConfig } from "../helpers/app.js";
import { createTestDatabase } from "../helpers/database.js";

/** By path: the child runs in an empty folder, where a bare "tsx" would not resolve. */
const tsxLoader = pathToFileURL(path.join(projectRoot, "node_modules/tsx/dist/loader.mjs")).href;

describe("JWT_SECRET in production", () => {
  it("is required by the config", () => {
    expect(() => loadConfig({}, { NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => loadConfig({}, { NODE_ENV: "production" })).toThrow(/JWT_SECRET is required/);
    const strong = "0123456789abcdef0123456789abcdef";
    expect(loadConfig({}, { NODE_ENV: "production", JWT_SECRET: strong }).jwtSecret).toBe(strong);
  });

  it("refuses a secret shorter than 32 bytes, and the public development default", () => {
    const production = (secret: string) => () => loadConfig({}, { NODE_ENV: "production", JWT_SECRET: secret });
    expect(production("s3cret")).toThrow(/too short for production: at least 32 bytes/);
    expect(production("x".repeat(31))).toThrow(/openssl rand -hex 32/);
    expect(production(DEV_JWT_SECRET)).toThrow(/public development default/);
    // In development the default keeps the quick start working.
    expect(loadConfig({}, { NODE_ENV: "development" }).jwtSecret).toBe(DEV_JWT_SECRET);
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

  it("is required to start: `supplynet serve` exits 1 with one line saying what to set", () => {
    // Run from an empty folder so that no ./.env supplies a secret.
    const cwd = mkdtempSync(path.join(os.tmpdir(), "supplynet-prod-"));
    try {
      const env = { PATH: process.env.PATH, NODE_ENV: "production", DATA_DIR: cwd, PORT: "0" };
      const result = spawnSync(
        process.execPath,
        ["--import", tsxLoader, path.join(projectRoot, "src/main.ts"), "serve"],
        { cwd, env, encoding: "utf8", timeout: 60_000 },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/JWT_SECRET is required when NODE_ENV=production/);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe("JWT_REFRESH_TTL", () => {
  it("stops the app at start-up when it is not a duration", async () => {
    const testDb = await createTestDatabase();
    try {
      const start = async (jwtRefreshTtl: string) => {
        const app = await buildApp({ config: { ...testConfig(), jwtRefreshTtl }, database: testDb.database });
        await app.ready();
        await app.close();
      };
      await expect(start("soon")).rejects.toThrow(/JWT_REFRESH_TTL must be a duration such as 7d/);
      await expect(start("0d")).rejects.toThrow(ConfigError);
      await expect(start("12h")).resolves.toBeUndefined();
    } finally {
      await testDb.destroy();
    }
  });
});
