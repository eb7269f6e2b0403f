import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { projectRoot } from "../../src/paths.js";
import { testConfig } from "../helpers/app.js";
import { createTestDatabase } from "../helpers/database.js";

/** By path: the child runs in an empty folder, where a bare "tsx" would not resolve. */
const tsxLoader = pathToFileURL(path.join(projectRoot, "node_modules/tsx/dist/loader.mjs")).href;

describe("JWT_SECRET in production", () => {
  it("is required by the config", () => {
    expect(() => loadConfig({}, { NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => loadConfig({}, { NODE_ENV: "production" })).toThrow(/JWT_SECRET is required/);
    expect(loadConfig({}, { NODE_ENV: "production", JWT_SECRET: "s3cret" }).jwtSecret).toBe("s3cret");
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
