import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { projectRoot } from "../../src/paths.js";

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
