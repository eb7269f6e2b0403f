import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrationsFolder, projectRoot } from "../../src/paths.js";
import { isReadableFailure, runCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { adminUrl, withAdminClient } from "../helpers/postgres.js";

/** Each child starts the whole CLI; a fresh PGlite data dir adds an initdb of several seconds. */
const CHILD_TIMEOUT = 240_000;

const journal = (
  JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  }
).entries.map((entry) => entry.tag);

/** A database no migration has touched: a new PostgreSQL database, or an empty PGlite data dir. */
async function emptyDatabase(): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }> {
  if (testDriver === "pg") {
    const serverUrl = process.env.TEST_DATABASE_URL ?? "";
    const name = `supplynet_fresh_${process.pid}_${randomBytes(4).toString("hex")}`;
    await withAdminClient(serverUrl, (client) => client.query(`create database ${name}`));
    return {
      env: { DATABASE_URL: adminUrl(serverUrl, name) },
      drop: () =>
        withAdminClient(serverUrl, (client) =>
          client.query(`drop database if exists ${name} with (force)`),
        ).then(() => {}),
    };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-fresh-"));
  return {
    env: { DATABASE_URL: "", DATA_DIR: dataDir },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

describe("supplynet --version, showmigrations and migrate, as child processes", () => {
  it(
    "--version prints package.json's version",
    async () => {
      const { version } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8"));
      const result = await runCli(["--version"], {});
      expect(result).toMatchObject({ code: 0, stderr: "", stdout: `${version}\n` });
    },
    CHILD_TIMEOUT,
  );

  it(
    "showmigrations marks each migration pending, then applied; migrate names each one it applies, then none",
    async () => {
      const database = await emptyDatabase();
      const run = async (command: string) => {
        const result = await runCli([command], database.env);
        expect(result.stderr, command).toBe("");
        expect(result.code, command).toBe(0);
        return result.stdout.trimEnd().split("\n");
      };
      try {
        const before = await run("showmigrations");
        expect(before.slice(1)).toEqual(journal.map((tag) => ` [ ] ${tag}`));
        expect(before[0]).toMatch(/^supplynet \((PGlite|PostgreSQL) at .+\)$/);

        const migrated = await run("migrate");
        expect(migrated.slice(1)).toEqual(journal.map((tag) => `  Applying ${tag}... OK`));

        expect((await run("migrate")).slice(1)).toEqual(["  No migrations to apply."]);
        expect((await run("showmigrations")).slice(1)).toEqual(journal.map((tag) => ` [X] ${tag}`));
      } finally {
        await database.drop();
      }
    },
    CHILD_TIMEOUT,
  );
});

describe("a DATABASE_URL that is not PostgreSQL's", () => {
  it(
    "is refused by every command in one line that says what to do, without echoing the URL's password",
    async () => {
      const commands = [
        ["migrate"],
        ["showmigrations"],
        ["start"],
        ["serve"],
        ["worker"],
        // Refused before any prompt: stdin is empty, so a prompt would end in another error.
        ["createsuperuser"],
        ["import-test-data", "--companies", "10"],
        ["run-task", "accrue-debt"],
      ];
      for (const url of ["mysql://root:hunter22@db.example.com/supply", "sqlite:data.db"]) {
        const results = await Promise.all(
          commands.map((args) => runCli(args, { DATABASE_URL: url }, "", { timeoutMs: 60_000 })),
        );
        results.forEach((result, index) => {
          const command = `${commands[index]?.join(" ")} with ${url}`;
          expect(result.stderr, command).toMatch(
            /^Error: DATABASE_URL is a (mysql|sqlite): URL, and supplynet supports only PostgreSQL\. Give a postgres:\/\/user:password@host:5432\/dbname URL, or unset DATABASE_URL to use the embedded database\.\n$/,
          );
          expect(result.stderr, command).not.toContain("hunter22");
          expect(isReadableFailure(result), command).toBe(true);
        });
      }
    },
    CHILD_TIMEOUT,
  );
});
