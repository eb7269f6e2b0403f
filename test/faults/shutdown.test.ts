import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD_ONE_HASH } from "../helpers/app.js";
import { type RunningCli, startCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { sleep, waitForJob } from "../helpers/worker.js";

/**
 * SIGTERM on real `serve` and `worker` processes whose work is held in flight honestly (a client that sends
 * half a body, an UPDATE waiting on a row lock the test holds), with SHUTDOWN_TIMEOUT=2s: each must finish what
 * it can, cut off the rest at the timeout and exit 0 soon after, instead of waiting for its clients or locks.
 */
const SHUTDOWN_TIMEOUT_MS = 2_000;
/** What a stop may take past SHUTDOWN_TIMEOUT: pg-boss's own polling, closing pools, a loaded CI machine. */
const MARGIN_MS = 4_000;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One keep-alive HTTP/1.1 connection written byte by byte: the test decides when a request is complete. */
interface RawConnection {
  write(text: string): void;
  /** The `index`th final response on this connection (0 for the first; a 100 Continue is not counted). */
  response(index: number, timeoutMs?: number): Promise<Answer>;
  /** Resolves on the first 100 Continue: the server has read the request's headers and is handling it. */
  continued: Promise<void>;
  /** When the server closed the connection (Date.now()). */
  closed: Promise<number>;
}

async function connect(port: number): Promise<RawConnection> {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.on("error", () => {});
  let buffer = "";
  const responses: Answer[] = [];
  let onContinue = () => {};
  const continued = new Promise<void>((resolve) => {
    onContinue = resolve;
  });
  socket.on("data", (chunk) => {
    buffer += chunk.toString("latin1");
    for (;;) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const [statusLine = "", ...lines] = buffer.slice(0, end).split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      const length = Number(headers["content-length"] ?? 0);
      if (buffer.length < end + 4 + length) return;
      const status = Number(statusLine.split(" ")[1]);
      if (status === 100) onContinue();
      else responses.push({ status, headers, body: buffer.slice(end + 4, end + 4 + length) });
      buffer = buffer.slice(end + 4 + length);
    }
  });
  const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now())));
  return {
    write: (text) => socket.write(text),
    async response(index, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!responses[index]) {
        if (Date.now() > deadline) throw new Error(`no response #${index} within ${timeoutMs} ms`);
        await sleep(20);
      }
      return responses[index] as Answer;
    },
    continued,
    closed,
  };
}

const request = (method: string, target: string, headers: Record<string, string> = {}, body = "") =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
  Object.entries({ ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("") +
  `\r\n${body}`;

/**
 * A login whose body the client has only begun to send: in flight (the server has answered 100 Continue to its
 * headers) until the test sends the rest with the function returned.
 */
async function halfSentLogin(connection: RawConnection, email: string): Promise<() => void> {
  const body = JSON.stringify({ email, password: "wrong" });
  const whole = request(
    "POST",
    "/api/v1/auth/token",
    { "content-type": "application/json", expect: "100-continue" },
    body,
  );
  const cut = whole.length - 5;
  connection.write(whole.slice(0, cut));
  await connection.continued;
  return () => connection.write(whole.slice(cut));
}

/** The exit code and when it came, or null if the process outlived `timeoutMs` (it is then SIGKILLed). */
async function exitWithin(cli: RunningCli, timeoutMs: number): Promise<{ code: number | null; at: number }> {
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => {
    if (cli.child.exitCode !== null) resolve({ code: cli.child.exitCode, at: Date.now() });
    cli.child.once("exit", (code) => resolve({ code, at: Date.now() }));
  });
  const outcome = await Promise.race([exited, sleep(timeoutMs).then(() => null)]);
  if (!outcome) {
    cli.child.kill("SIGKILL");
    expect.fail(`still running ${timeoutMs} ms after SIGTERM:\n${cli.output()}`);
  }
  return outcome;
}

/** Waits until some session of the database waits on a lock: the statement under test is blocked. */
async function waitForLockWaiter(client: pg.Client): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { rows } = await client.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if (rows[0].n > 0) return;
    if (Date.now() > deadline) expect.fail("nothing ever waited on the locked row");
    await sleep(50);
  }
}

/** Holds a row lock on a company from a connection of the test's own, until released. */
async function lockCompany(
  url: string,
  id: number,
): Promise<{ client: pg.Client; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  // Dropping the test's database at the end cuts this connection if a failed test left it open.
  client.on("error", () => {});
  await client.connect();
  await client.query("begin");
  await client.query("select id from companies where id = $1 for update", [id]);
  return {
    client,
    async release() {
      await client.query("rollback");
      await client.end();
    },
  };
}

const children: RunningCli[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill("SIGKILL");
  }
});

describe("SIGTERM on serve", { timeout: 120_000 }, () => {
  // On PGlite the child gets a data dir of its own, without the rows below: only PostgreSQL's part uses them.
  const t = testApp({ app: false, cli: true, truncate: false });
  let companyId: number;
  const staff = "staff@example.com";

  beforeAll(async () => {
    const { rows } = await t.testDb.database.executeSql<{ id: number }>(
      `insert into companies (name, email, country, city, street, house_number, level)
       values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0) returning id`,
    );
    companyId = rows[0]?.id as number;
    await t.testDb.database.executeSql(
      `insert into users (email, password_hash, first_name, last_name, role)
       values ($1, $2, 'Staff', 'User', 'staff')`,
      [staff, PASSWORD_ONE_HASH],
    );
  });

  it("finishes what it can, answers 503 in the error shape, cuts off the rest at SHUTDOWN_TIMEOUT, exits 0", async () => {
    const serve = startCli(["serve"], {
      ...t.cli.env,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "silent",
      SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS / 1000}s`,
    });
    children.push(serve);
    await serve.waitFor(/supplynet is serving http:\/\/localhost:\d+/);
    const port = Number(/localhost:(\d+)/.exec(serve.output())?.[1]);

    // Idle: one request answered, the connection kept.
    const idle = await connect(port);
    idle.write(request("GET", "/health"));
    expect((await idle.response(0)).status).toBe(200);
    // Finishes during the drain with a second request pipelined behind it, which must get the 503.
    const pipelined = await connect(port);
    const finishPipelined = await halfSentLogin(pipelined, staff);
    // Finishes during the drain and keeps its connection: the 73 s of the issue (Fastify's keep-alive timeout).
    const finishing = await connect(port);
    const finishFinishing = await halfSentLogin(finishing, staff);
    // Never finishes: its client stops sending.
    const stalled = await connect(port);
    await halfSentLogin(stalled, staff);
    // On PostgreSQL, a PATCH whose UPDATE waits on a row lock that the test holds.
    let lock: Awaited<ReturnType<typeof lockCompany>> | undefined;
    let locked: RawConnection | undefined;
    if (t.testDb.url) {
      idle.write(
        request(
          "POST",
          "/api/v1/auth/token",
          { "content-type": "application/json" },
          JSON.stringify({ email: staff, password: "1" }),
        ),
      );
      const { access } = JSON.parse((await idle.response(1)).body) as { access: string };
      lock = await lockCompany(t.testDb.url, companyId);
      locked = await connect(port);
      const body = JSON.stringify({ name: "Renamed during the drain" });
      locked.write(
        request(
          "PATCH",
          `/api/v1/companies/${companyId}`,
          { authorization: `Bearer ${access}`, "content-type": "application/json" },
          body,
        ),
      );
      await waitForLockWaiter(lock.client);
    }

    try {
      const signalled = Date.now();
      serve.child.kill("SIGTERM");
      await serve.waitFor(/SIGTERM received/, 5_000);
      await sleep(300);
      finishPipelined();
      pipelined.write(request("GET", "/health"));
      finishFinishing();

      const [login, refused] = [await pipelined.response(0), await pipelined.response(1)];
      expect(login.status).toBe(401);
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "unavailable", fields: {} } });
      expect((await finishing.response(0)).status).toBe(401);

      const { code, at } = await exitWithin(serve, SHUTDOWN_TIMEOUT_MS + MARGIN_MS + 4_000);
      expect(code, serve.output()).toBe(0);
      expect(at - signalled, serve.output()).toBeLessThan(SHUTDOWN_TIMEOUT_MS + MARGIN_MS);

      const closedAt = async (connection: RawConnection) => (await connection.closed) - signalled;
      expect(await closedAt(idle)).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      // Closed once answered, not left to its keep-alive timeout; the stalled ones were given their time.
      expect(await closedAt(finishing)).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      expect(await closedAt(stalled)).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS);
      if (locked) expect(await closedAt(locked)).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS);
    } finally {
      await lock?.release();
    }
    if (t.testDb.url) {
      // The cut-off PATCH's query was cancelled: its transaction rolled back instead of waiting for the lock.
      const { rows } = await t.testDb.database.executeSql<{ name: string }>(
        "select name from companies where id = $1",
        [companyId],
      );
      expect(rows[0]?.name).toBe("Factory");
    }
  });
});

describe.skipIf(testDriver !== "pg")(
  "SIGTERM on worker (pg only: the test holds a row lock)",
  { timeout: 120_000 },
  () => {
    const t = testApp({ app: false, queue: true, truncate: false });
    let dataDir: string;
    const startWorkerCli = async () => {
      const worker = startCli(["worker"], {
        DATABASE_URL: t.testDb.url,
        DATA_DIR: dataDir,
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS / 1000}s`,
      });
      children.push(worker);
      await worker.waitFor(/supplynet worker is running/);
      return worker;
    };

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-shutdown-"));
    });
    afterAll(async () => {
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("cancels a job blocked past SHUTDOWN_TIMEOUT, which rolls back, exits 0; the retry applies it once", async () => {
      await t.sql(
        `insert into companies (name, email, country, city, street, house_number, level)
       values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0)`,
      );
      const ids = (
        await t.sql<{ id: number }>(
          `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
         select 'Dealer ' || n, 'd' || n || '@example.com', 'Russia', 'Kazan', 'Baumana', n::text, 1,
                (select min(id) from companies), 100.25
         from generate_series(1, 20) n returning id`,
        )
      ).map((row) => row.id);
      const lock = await lockCompany(t.testDb.url as string, ids.at(-1) as number);
      const first = await startWorkerCli();
      let jobId: string;
      try {
        jobId = await t.queue.enqueue("clear-debt", { ids });
        await waitForLockWaiter(lock.client);

        const signalled = Date.now();
        first.child.kill("SIGTERM");
        const { code, at } = await exitWithin(first, SHUTDOWN_TIMEOUT_MS + MARGIN_MS + 4_000);
        expect(code, first.output()).toBe(0);
        expect(at - signalled, first.output()).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS);
        expect(at - signalled, first.output()).toBeLessThan(SHUTDOWN_TIMEOUT_MS + MARGIN_MS);
      } finally {
        await lock.release();
      }

      // Nothing of the job committed, and it is up for retry rather than left active until its expiry.
      expect(
        await t.sql("select count(*)::int as n from companies where debt <> 100.25 and level = 1"),
      ).toEqual([{ n: 0 }]);
      expect(await t.sql("select count(*)::int as n from applied_jobs")).toEqual([{ n: 0 }]);
      expect((await t.queue.getJob(jobId))?.state).toBe("queued");

      const second = await startWorkerCli();
      const job = await waitForJob(t.queue, jobId, ["completed", "failed"], 30_000);
      expect(job).toMatchObject({ state: "completed", result: { cleared: 20 } });
      expect(await t.sql("select count(*)::int as n from applied_jobs where job_id = $1", [jobId])).toEqual([
        { n: 1 },
      ]);
      expect(await t.sql("select count(*)::int as n from companies where debt <> 0 and level = 1")).toEqual([
        { n: 0 },
      ]);
      expect(await second.stop()).toBe(0);
    });
  },
);
