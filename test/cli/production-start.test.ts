import { randomBytes } from "node:crypto";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { DEMO_STAFF_EMAIL } from "../../src/seed/demo.js";
import {
  cliDatabase,
  isReadableFailure,
  type RunningCli,
  runCli,
  snapshot,
  startCli,
} from "../helpers/cli.js";
import { createTestDatabase, testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { adminUrl, withAdminClient } from "../helpers/postgres.js";

/** Each child starts the whole CLI: seconds each, more on a busy machine. */
const CHILD_TIMEOUT = 180_000;

const t = testApp({ app: false, cli: true, truncate: false });

const production = {
  NODE_ENV: "production",
  JWT_SECRET: randomBytes(32).toString("hex"),
  HOST: "127.0.0.1",
  LOG_LEVEL: "warn",
};

const randomPort = () => 20_000 + Math.floor(Math.random() * 40_000);

/**
 * A database lacking every migration. On PostgreSQL an empty database; on PGlite, where a new data dir costs
 * an initdb of several seconds, the migrated template with drizzle's record of its migrations emptied.
 */
async function unmigratedDatabase(): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }> {
  if (testDriver === "pg") {
    const serverUrl = process.env.TEST_DATABASE_URL ?? "";
    const name = `supplynet_unmigrated_${process.pid}_${randomBytes(4).toString("hex")}`;
    await withAdminClient(serverUrl, (client) => client.query(`create database ${name}`));
    return {
      env: { DATABASE_URL: adminUrl(serverUrl, name) },
      drop: () =>
        withAdminClient(serverUrl, (client) =>
          client.query(`drop database if exists ${name} with (force)`),
        ).then(() => {}),
    };
  }
  const testDb = await createTestDatabase({ queueSchema: false });
  const cli = await cliDatabase(testDb);
  await testDb.destroy();
  const database = await cli.open();
  await database.executeSql("delete from drizzle.__drizzle_migrations");
  await database.close();
  return { env: cli.env, drop: async () => cli.cleanup() };
}

describe("serve and worker refuse to start on a bad setup, in one line", () => {
  it(
    "refuses a database with pending migrations, saying to run `supplynet migrate`",
    async () => {
      const database = await unmigratedDatabase();
      try {
        // One after the other: a PGlite data dir is one process's.
        for (const command of ["serve", "worker"]) {
          const result = await runCli(
            [command],
            { ...production, PORT: String(randomPort()), ...database.env },
            undefined,
            { timeoutMs: 60_000 },
          );
          expect(result.stderr, command).toMatch(
            /lacks (\d+) of the \1 migrations \(0000_init, .*\): run `supplynet migrate` first/,
          );
          expect(isReadableFailure(result), `${command}: ${result.stderr}`).toBe(true);
        }
      } finally {
        await database.drop();
      }
    },
    CHILD_TIMEOUT,
  );

  it(
    "refuses a port that is already in use",
    async () => {
      const listener = net.createServer();
      await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
      const { port } = listener.address() as net.AddressInfo;
      try {
        const result = await runCli(
          ["serve"],
          { ...production, ...t.cli.env, PORT: String(port) },
          undefined,
          {
            timeoutMs: 60_000,
          },
        );
        expect(result.stderr).toContain(
          `Port ${port} is already in use on 127.0.0.1: set PORT to a free port, or stop the other process.`,
        );
        expect(isReadableFailure(result), result.stderr).toBe(true);
      } finally {
        listener.close();
      }
    },
    CHILD_TIMEOUT,
  );
});

describe("test data in production", () => {
  it(
    "`start` with NODE_ENV=production migrates and serves, but loads no demo data",
    async () => {
      const before = await snapshot(t.cli);
      const port = randomPort();
      const started = startCli(["start"], { ...production, ...t.cli.env, PORT: String(port) });
      let code: number | null;
      try {
        await started.waitForStatus(`http://127.0.0.1:${port}/ready`, 200);
        await started.waitFor(/no demo data is loaded/);
      } finally {
        code = await started.stop();
      }
      expect(code, started.output()).toBe(0);
      expect(started.output()).not.toContain("Demo logins");
      expect(await snapshot(t.cli)).toEqual(before);
    },
    CHILD_TIMEOUT,
  );

  it(
    "`import-test-data` refuses with NODE_ENV=production unless given --allow-in-production",
    async () => {
      const before = await snapshot(t.cli);
      const refused = await runCli(["import-test-data", "--companies", "5"], {
        ...production,
        ...t.cli.env,
      });
      expect(refused.stderr).toMatch(/NODE_ENV=production .*password "1": pass --allow-in-production/);
      expect(isReadableFailure(refused), refused.stderr).toBe(true);
      expect(await snapshot(t.cli)).toEqual(before);

      const allowed = await runCli(
        ["import-test-data", "--companies", "5", "--seed", "1", "--allow-in-production"],
        {
          ...production,
          ...t.cli.env,
        },
      );
      expect(allowed.stderr).toBe("");
      expect(allowed.code).toBe(0);
      const after = (await snapshot(t.cli)) as { companies: number; users: string };
      expect(after.companies).toBeGreaterThanOrEqual(5);
      expect(after.users).not.toContain(DEMO_STAFF_EMAIL);
    },
    CHILD_TIMEOUT,
  );
});

describe.runIf(testDriver === "pg")("many processes starting at once", () => {
  // A database of its own: queue setup must be as fresh as after `supplynet migrate`.
  const fresh = testApp({ app: false, cli: true, truncate: false });

  it(
    "2 serve and 2 worker on a freshly migrated PostgreSQL database all come up, and stop cleanly on SIGTERM",
    async () => {
      const { cli } = fresh;
      const ports = [randomPort(), randomPort()];
      const processes: RunningCli[] = [];
      let codes: (number | null)[] = [];
      try {
        for (const port of ports) {
          processes.push(startCli(["serve"], { ...production, ...cli.env, PORT: String(port) }));
          processes.push(startCli(["worker"], { ...production, ...cli.env }));
        }
        await Promise.all(
          processes.map((started, index) =>
            index % 2 === 0
              ? started.waitForStatus(`http://127.0.0.1:${ports[index / 2]}/ready`, 200)
              : started.waitFor(/supplynet worker is running/),
          ),
        );
      } finally {
        codes = await Promise.all(processes.map((started) => started.stop()));
      }
      expect(codes, processes.map((started) => started.output()).join("\n---\n")).toEqual([0, 0, 0, 0]);
      for (const started of processes) expect(started.output()).not.toMatch(/deadlock|40P01|\n\s+at /);
    },
    CHILD_TIMEOUT,
  );
});
