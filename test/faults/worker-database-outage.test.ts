import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import type { JobQueue } from "../../src/queue/queue.js";
import { openSendQueue } from "../../src/worker.js";
import { type RunningCli, startCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { freePort, type PrivatePostgres, startPrivatePostgres } from "../helpers/private-postgres.js";

/**
 * A real worker on a PostgreSQL of the test's own, which the test stops while a job runs. Runs in the pg
 * project only: it needs the PostgreSQL binaries, which the pglite project does not assume.
 */
describe.skipIf(testDriver !== "pg")("a worker while its database goes away", { timeout: 120_000 }, () => {
  let server: PrivatePostgres;
  let dataDir: string;
  let worker: RunningCli | undefined;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-outage-"));
    const database = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
    await migrateDatabase(database);
    await database.executeSql(
      `insert into companies (name, email, country, city, street, house_number, level)
       values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0)`,
    );
    await database.executeSql(
      `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
       select 'Dealer ' || n, 'd' || n || '@example.com', 'Russia', 'Kazan', 'Baumana', n::text, 1,
              (select min(id) from companies), 100
       from generate_series(1, 30) n`,
    );
    await database.close();
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stays up when PostgreSQL stops mid-job, and finishes the job once it is back; its /metrics says so", async () => {
    const metricsPort = await freePort();
    /** The worker's own count of clear-debt jobs in `state`, from its /metrics, or null if it does not answer. */
    const jobsCounted = async (state: "started" | "completed") => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, {
        signal: AbortSignal.timeout(5000),
      }).catch(() => null);
      if (response?.status !== 200) return null;
      const line = new RegExp(`^supplynet_jobs_${state}_total\\{queue="clear-debt"\\} (\\d+)$`, "m");
      return Number(line.exec(await response.text())?.[1] ?? 0);
    };
    worker = startCli(["worker"], {
      DATABASE_URL: server.url,
      DATA_DIR: dataDir,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      HOST: "127.0.0.1",
      METRICS_PORT: String(metricsPort),
    });
    await worker.waitFor(/supplynet worker is running/);

    // The job is made to wait honestly: another connection holds the companies' rows.
    const holder = new pg.Client({ connectionString: server.url });
    // The stop below cuts this connection too; that is expected.
    holder.on("error", () => {});
    await holder.connect();
    await holder.query("begin");
    await holder.query("select id from companies for update");
    let queue: JobQueue | undefined;
    let database: Database | undefined;
    database = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
    queue = await openSendQueue({
      config: loadConfig({}, { NODE_ENV: "test" }),
      database,
      databaseUrl: server.url,
    });
    const ids = Array.from({ length: 30 }, (_, index) => index + 2);
    const jobId = await queue.enqueue("clear-debt", { ids });
    await queue.stop();
    await database.close();

    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await holder.query(
        "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'",
      );
      if (rows[0].n > 0) break;
      if (Date.now() > deadline) expect.fail("the job never waited on the locked rows");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    await server.stop();
    await holder.end().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(worker.child.exitCode, worker.output()).toBeNull();
    // With its database gone, the worker still answers its scrape: the job began and has not completed.
    expect(await jobsCounted("started")).toBeGreaterThanOrEqual(1);
    expect(await jobsCounted("completed")).toBe(0);
    await server.start();

    database = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
    queue = await openSendQueue({
      config: loadConfig({}, { NODE_ENV: "test" }),
      database,
      databaseUrl: server.url,
    });
    try {
      const finishedBy = Date.now() + 60_000;
      let state = "";
      while (Date.now() < finishedBy) {
        state = (await queue.getJob(jobId))?.state ?? "";
        if (state === "completed") break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(state, worker.output()).toBe("completed");
      expect(await jobsCounted("completed")).toBe(1);
      const { rows } = await database.executeSql<{ n: number }>(
        "select count(*)::int as n from companies where debt > 0",
      );
      expect(rows[0]?.n).toBe(0);
      expect(worker.child.exitCode, worker.output()).toBeNull();
    } finally {
      await queue.stop();
      await database.close();
    }
  });
});
