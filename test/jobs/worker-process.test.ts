import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/paths.js";
import { PASSWORD_ONE_HASH } from "../helpers/app.js";
import { hashOpaqueToken } from "../helpers/auth.js";
import { CLI_COMMAND } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { startMailbox } from "../helpers/mailbox.js";
import { insertNetwork, sleep, waitForJob } from "../helpers/worker.js";

/**
 * Real `supplynet worker` processes on PostgreSQL (PGlite is one process's database, so this is pg only).
 * A job is made slow honestly: the test holds a row lock on one company, so the job's UPDATE waits for it.
 */
const t = testApp({ app: false, queue: true });
let dataDir: string;
const children: ChildProcess[] = [];

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `supplynet worker` (one process, so a signal reaches the worker itself), once ready. */
async function startWorkerProcess(env: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
  const child = spawn(CLI_COMMAND[0] as string, [...CLI_COMMAND.slice(1), "worker"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: t.testDb.url,
      DATA_DIR: dataDir,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 30_000;
  while (!output.includes("supplynet worker is running")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start:\n${output}`);
    await sleep(50);
  }
  return { child, output: () => output, exited };
}

/** Holds a row lock on a company from another connection until released. */
async function lockCompany(id: number) {
  const client = new pg.Client({ connectionString: t.testDb.url });
  await client.connect();
  await client.query("begin");
  await client.query("select id from companies where id = $1 for update", [id]);
  return async () => {
    await client.query("rollback");
    await client.end();
  };
}

/** Waits until some backend of this database is blocked on a lock: the job is inside its UPDATE. */
async function waitForLockWaiter() {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const [row] = await t.sql<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if (row?.n) return;
    await sleep(50);
  }
  expect.fail("no job ever waited on the locked row");
}

describe.skipIf(testDriver !== "pg")(
  "worker processes (pg only: several processes share the database)",
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), "supplynet-worker-"));
    });
    beforeEach(async () => {
      await insertNetwork(t.testDb, 300);
    });
    afterEach(() => {
      for (const child of children.splice(0))
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it("SIGKILL mid-job: the job is retried by the next worker, finishes, and is applied once", async () => {
      const [locked] = await t.sql<{ id: number }>(
        "select max(id)::int as id from companies where level = 1",
      );
      const release = await lockCompany(locked?.id as number);
      await t.sql("create table debt_before as select id, level, debt from companies");
      const first = await startWorkerProcess();
      const slot = "2026-05-01T03:00:00.000Z";
      // A dead worker's job is retried once it outlives its expiry; 5 s and a 1 s retry delay keep the test short.
      const jobId = await t.queue.enqueue("accrue-debt", { slot }, { expireInSeconds: 5, retryDelay: 1 });
      await waitForLockWaiter();
      expect((await t.queue.getJob(jobId))?.state).toBe("active");

      first.child.kill("SIGKILL");
      expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
      await release();
      // The run was claimed, but the killed worker's chunk never committed: no company has changed yet.
      await sleep(500);
      expect(
        await t.sql("select done_through_id, finished_at from task_runs where task = 'accrue-debt'"),
      ).toEqual([{ done_through_id: 0, finished_at: null }]);
      expect(
        await t.sql(
          "select count(*)::int as n from companies c join debt_before b using (id) where c.debt <> b.debt",
        ),
      ).toEqual([{ n: 0 }]);

      // pg-boss's maintenance (every 30 s in a worker) moves the expired job to retry; run it now instead of waiting.
      const second = await startWorkerProcess();
      await sleep(5_500);
      await t.queue.maintain();
      const job = await waitForJob(t.queue, jobId, ["completed", "failed"], 60_000);
      expect(job).toMatchObject({ state: "completed", result: { slot, companies_touched: 297 } });
      const [attempt] = await t.sql<{ retry_count: number }>(
        "select retry_count from pgboss.job where id = $1",
        [jobId],
      );
      expect(attempt?.retry_count).toBe(1);

      const runs = await t.sql<{ total_change: string }>(
        "select total_change::text from task_runs where task = 'accrue-debt'",
      );
      expect(runs).toHaveLength(1);
      const [applied] = await t.sql<{ min: string; max: string; total: string; changed: number }>(
        `select min(c.debt - b.debt)::text as min, max(c.debt - b.debt)::text as max,
              sum(c.debt - b.debt)::text as total, count(*) filter (where c.debt <> b.debt)::int as changed
       from companies c join debt_before b using (id) where c.level = 1`,
      );
      expect(applied?.changed).toBe(297);
      expect(Number(applied?.min)).toBeGreaterThanOrEqual(5);
      expect(Number(applied?.max)).toBeLessThanOrEqual(500);
      expect(applied?.total).toBe(runs[0]?.total_change);

      second.child.kill("SIGTERM");
      expect((await second.exited).code).toBe(0);
    });

    it("SIGKILL mid-send of a password reset: the next worker mails one link, the newest, and it works", async () => {
      const email = "forgetful@example.com";
      await t.sql("insert into users (email, password_hash, role) values ($1, $2, 'staff')", [
        email,
        PASSWORD_ONE_HASH,
      ]);
      // An SMTP server that takes the connection and never greets: the first worker is caught mid-send.
      const stalled: Socket[] = [];
      const silent = createServer((socket) => stalled.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const silentPort = (silent.address() as { port: number }).port;
      const mailbox = await startMailbox();
      try {
        const first = await startWorkerProcess({ SMTP_URL: `smtp://127.0.0.1:${silentPort}` });
        const jobId = await t.queue.enqueue(
          "send-password-reset",
          { email },
          { expireInSeconds: 5, retryDelay: 1 },
        );
        const deadline = Date.now() + 20_000;
        while (stalled.length === 0 && Date.now() < deadline) await sleep(50);
        expect(stalled.length, "the first worker never reached SMTP").toBe(1);
        expect((await t.queue.getJob(jobId))?.state).toBe("active");
        const [unsent] = await t.sql<{ token_hash: string }>(
          "select token_hash from password_resets where expires_at > now() and used_at is null",
        );
        expect(unsent?.token_hash, "the first attempt made its link before it sent").toBeDefined();
        first.child.kill("SIGKILL");
        expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });

        const second = await startWorkerProcess({ SMTP_URL: mailbox.url });
        await sleep(5_500);
        await t.queue.maintain();
        expect(await waitForJob(t.queue, jobId, ["completed", "failed"], 60_000)).toMatchObject({
          state: "completed",
          result: { sent: true },
        });
        await sleep(1_000);
        expect(mailbox.messageIds).toEqual([
          expect.stringMatching(new RegExp(`^<password-reset-${jobId}-1@`)),
        ]);
        const link = mailbox.messages[0]?.text?.match(/reset-password\?token=(\S+)/)?.[1] ?? "";
        // The link of the attempt that died was never sent, and the one sent ended it: only the mailed link works.
        const live = await t.sql<{ token_hash: string }>(
          "select token_hash from password_resets where expires_at > now() and used_at is null",
        );
        expect(live).toEqual([{ token_hash: hashOpaqueToken(decodeURIComponent(link)) }]);
        expect(live[0]?.token_hash).not.toBe(unsent?.token_hash);
        second.child.kill("SIGTERM");
        expect((await second.exited).code).toBe(0);
      } finally {
        for (const socket of stalled) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
        await mailbox.close();
      }
    });

    it("SIGTERM: takes no new job, finishes the one in flight, exits 0", async () => {
      const [locked] = await t.sql<{ id: number }>(
        "select max(id)::int as id from companies where level = 1",
      );
      const ids = (await t.sql<{ id: number }>("select id from companies where level = 1 order by id")).map(
        (r) => r.id,
      );
      const release = await lockCompany(locked?.id as number);
      const worker = await startWorkerProcess();
      const inFlight = await t.queue.enqueue("clear-debt", { ids });
      await waitForLockWaiter();

      worker.child.kill("SIGTERM");
      await sleep(1_500);
      expect(worker.child.exitCode).toBeNull();
      const later = await t.queue.enqueue("clear-debt", { ids: [ids[0] as number] });
      await sleep(1_500);
      await release();

      expect(await worker.exited).toEqual({ code: 0, signal: null });
      expect(worker.output()).toContain("SIGTERM received");
      expect(await t.queue.getJob(inFlight)).toMatchObject({ state: "completed", result: { cleared: 297 } });
      expect((await t.queue.getJob(later))?.state).toBe("queued");
      expect(await t.sql("select count(*)::int as n from companies where level = 1 and debt <> 0")).toEqual([
        { n: 0 },
      ]);
    });
  },
);
