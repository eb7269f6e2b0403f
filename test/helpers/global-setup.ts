import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDatabase, wrapPglite } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { adminUrl, withAdminClient } from "./postgres.js";

/**
 * Migrates once per run, so each test file starts from a copy instead of replaying migrations:
 * PostgreSQL clones a template database, PGlite loads a dumped data dir (0.7 s instead of 4 s).
 * Both are named after this process, so two runs on one machine never drop each other's template.
 * Returns the teardown that removes them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (project.config.env?.TEST_DRIVER === "pg") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("TEST_DRIVER=pg needs TEST_DATABASE_URL");
    const template = `supplynet_test_template_${process.pid}`;
    await withAdminClient(url, async (client) => {
      await client.query(`drop database if exists ${template} with (force)`);
      await client.query(`create database ${template}`);
    });
    const database = await openDatabase({ databaseUrl: adminUrl(url, template), poolSize: 1 });
    await migrateDatabase(database);
    await database.close();
    project.provide("pgTemplate", template);
    return () =>
      withAdminClient(url, (client) => client.query(`drop database if exists ${template} with (force)`)).then(
        () => {},
      );
  }
  const pglite = await PGlite.create();
  const database = wrapPglite(pglite, "PGlite template");
  await migrateDatabase(database);
  const dump = await pglite.dumpDataDir("none");
  await database.close();
  const file = path.join(os.tmpdir(), `supplynet-test-template-${process.pid}-${project.name}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return async () => rmSync(file, { force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
