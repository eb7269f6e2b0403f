import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { DATABASE_METRICS_CACHE_MS } from "../../src/metrics/database.js";
import { buildTestApp } from "../helpers/app.js";
import { type RunningCli, startCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { type PrivatePostgres, startPrivatePostgres } from "../helpers/private-postgres.js";

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: { error?: { code: string; message: string; fields: object } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timedFetch(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  return {
    status: response.status,
    ms: performance.now() - started,
    retryAfter: response.headers.get("retry-after"),
    body: text ? JSON.parse(text) : {},
  };
}

/**
 * `/metrics` read as a scraper reads it: how long it took, and the value of `supplynet_database_up`. The figures
 * read from the database are cached for DATABASE_METRICS_CACHE_MS, so a caller that wants a fresh read waits
 * that out first.
 */
async function scrape(base: string) {
  const started = performance.now();
  const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  const up = /^supplynet_database_up (\d)$/m.exec(text)?.[1];
  return {
    status: response.status,
    ms: performance.now() - started,
    databaseUp: up === undefined ? null : Number(up),
    text,
  };
}

/** One request on a raw keep-alive socket, and every byte the server writes on it until `quietMs` after `until`. */
function rawExchange(port: number, request: string, until: Promise<unknown>, quietMs: number) {
  return new Promise<{ firstAnswerMs: number; bytes: string }>((resolve, reject) => {
    const started = performance.now();
    let firstAnswerMs = -1;
    let bytes = "";
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    socket.on("data", (chunk) => {
      if (firstAnswerMs < 0) firstAnswerMs = performance.now() - started;
      bytes += chunk.toString();
    });
    socket.on("error", reject);
    until
      .then(() => sleep(quietMs))
      .then(() => {
        socket.destroy();
        resolve({ firstAnswerMs, bytes });
      }, reject);
  });
}

/**
 * The API on a PostgreSQL of the test's own, which the test stops and freezes (SIGSTOP). Runs in the pg project
 * only: it needs the PostgreSQL binaries, which the pglite project does not assume.
 */
describe.skipIf(testDriver !== "pg")("the API while its database goes away", { timeout: 60_000 }, () => {
  let server: PrivatePostgres;
  let dataDir: string;
  let companyId: number;
  /** A staff token for the test's user, signed with the test secret that `serve` under NODE_ENV=test uses too. */
  let headers: { authorization: string };
  const opened: Database[] = [];
  const children: RunningCli[] = [];
  const freeze = async () => server.freeze();
  const thaw = () => server.thaw();

  beforeAll(async () => {
    server = await startPrivatePostgres();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-api-outage-"));
    const database = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
    await migrateDatabase(database);
    const { rows } = await database.executeSql<{ id: number }>(
      `insert into companies (name, email, country, city, street, house_number, level)
       values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0) returning id`,
    );
    companyId = rows[0]?.id as number;
    const user = await database.executeSql<{ id: number }>(
      `insert into users (email, password_hash, first_name, last_name, role, is_active)
       values ('staff@example.com', 'x', 'Test', 'Staff', 'staff', true) returning id`,
    );
    const signer = await buildTestApp({ database, url: server.url });
    headers = {
      authorization: `Bearer ${signer.jwt.sign({ sub: String(user.rows[0]?.id), role: "staff", company_id: null })}`,
    };
    await signer.close();
    await database.close();
  });
  afterAll(async () => {
    for (const child of children) await child.stop();
    for (const database of opened) await database.close().catch(() => {});
    thaw();
    await server?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A real `supplynet serve` on the test's PostgreSQL, logging at info, with `env` on top. */
  async function startServe(env: NodeJS.ProcessEnv) {
    const child = startCli(["serve"], {
      DATABASE_URL: server.url,
      DATA_DIR: dataDir,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: "0",
      ...env,
    });
    children.push(child);
    await child.waitFor(/supplynet is serving http:\S+/);
    const url = new URL(/supplynet is serving (http:\S+)/.exec(child.output())?.[1] ?? "");
    return { child, port: Number(url.port), base: `http://127.0.0.1:${url.port}` };
  }

  async function openWithTimeouts(statementTimeoutMs: number, lockTimeoutMs: number) {
    const database = await openDatabase({ databaseUrl: server.url, statementTimeoutMs, lockTimeoutMs });
    opened.push(database);
    return database;
  }

  /** Another session holding the company's row, so that writes to it wait on the lock. */
  async function holdCompanyRow() {
    const holder = new pg.Client({ connectionString: server.url });
    await holder.connect();
    await holder.query("begin");
    await holder.query("select id from companies where id = $1 for update", [companyId]);
    return { release: () => holder.query("rollback").then(() => holder.end()) };
  }

  it("the pool's connections carry the timeouts, and a frozen server fails the query instead of hanging it", async () => {
    const database = await openWithTimeouts(1000, 500);
    const { rows } = await database.executeSql<{ statement: string; lock: string }>(
      "select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock",
    );
    expect(rows[0]).toEqual({ statement: "1s", lock: "500ms" });

    const holder = await holdCompanyRow();
    let started = performance.now();
    await expect(
      database.executeSql("update companies set name = 'Waited' where id = $1", [companyId]),
    ).rejects.toMatchObject({ code: "55P03" });
    expect(performance.now() - started).toBeLessThan(2000);
    await holder.release();

    // Frozen inside a transaction: the client gives up at statement_timeout plus its margin, and the connection
    // is dropped, so that after the thaw no pooled connection sits in the half-done transaction.
    const transaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`update companies set name = 'Half done' where id = ${companyId}`);
      await freeze();
      await tx.execute(sql`select 1`);
    });
    started = performance.now();
    await expect(transaction).rejects.toThrow();
    const failedAfter = performance.now() - started;
    thaw();
    expect(failedAfter).toBeGreaterThan(1500);
    expect(failedAfter).toBeLessThan(5000);

    const name = await database.executeSql<{ name: string }>("select name from companies where id = $1", [
      companyId,
    ]);
    expect(name.rows[0]?.name).toBe("Factory");
    // The dropped connection's backend, thawed, finds its socket closed and rolls back.
    const settled = Date.now() + 3000;
    let inTransaction = -1;
    while (inTransaction !== 0 && Date.now() < settled) {
      const idle = await database.executeSql<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where state like 'idle in transaction%'",
      );
      inTransaction = idle.rows[0]?.n ?? -1;
      if (inTransaction !== 0) await sleep(100);
    }
    expect(inTransaction).toBe(0);
  });

  it("a request still unanswered after REQUEST_TIMEOUT answers 503 timeout once, and nothing after", async () => {
    // Database timeouts well above the lock's 2.5 s, so that only the request's own deadline can answer.
    const { child, port } = await startServe({
      REQUEST_TIMEOUT: "1s",
      DB_STATEMENT_TIMEOUT: "10s",
      DB_LOCK_TIMEOUT: "10s",
    });

    const holder = await holdCompanyRow();
    const body = JSON.stringify({ name: "Renamed" });
    const released = sleep(2500).then(() => holder.release());
    const { firstAnswerMs, bytes } = await rawExchange(
      port,
      `PATCH /api/v1/companies/${companyId} HTTP/1.1\r\nHost: x\r\nAuthorization: ${headers.authorization}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      released,
      1000,
    );
    expect(firstAnswerMs, bytes).toBeGreaterThan(900);
    expect(firstAnswerMs, bytes).toBeLessThan(2000);
    expect(bytes.match(/HTTP\/1\.1 \d{3}/g)).toEqual(["HTTP/1.1 503"]);
    expect(bytes).toMatch(/retry-after: \d+/i);
    const json = JSON.parse(bytes.slice(bytes.indexOf("\r\n\r\n") + 4));
    expect(json).toEqual({ error: { code: "timeout", message: expect.any(String), fields: {} } });
    // The handler ended after the answer; Fastify's line about it, with a stack, is no news.
    expect(child.output()).not.toMatch(/"stack"|already sent|\n\s+at /);
    await child.stop();
  });

  describe("a real `serve`", () => {
    let base: string;
    let serve: RunningCli | undefined;
    const api = () => timedFetch(`${base}/api/v1/companies/${companyId}`, { headers });
    /** Calls the API until it answers 200 again, for at most 10 s, and returns the last answer. */
    const apiOnceBack = async () => {
      const deadline = Date.now() + 10_000;
      let answer = await api();
      while (answer.status !== 200 && Date.now() < deadline) {
        await sleep(200);
        answer = await api();
      }
      return answer;
    };

    beforeAll(async () => {
      ({ child: serve, base } = await startServe({
        DB_STATEMENT_TIMEOUT: "2s",
        DB_LOCK_TIMEOUT: "2s",
        // Above the client-side query timeout (statement timeout + 1 s), so that a request waiting on a query gets
        // the 504 of the database's timeout rather than its own 503.
        REQUEST_TIMEOUT: "4s",
      }));
      expect((await api()).status).toBe(200);
    });

    it("answers 503 database_unavailable with Retry-After while PostgreSQL is stopped, logs it once, and recovers", async () => {
      await server.stop();
      const answers: Answer[] = [];
      for (let round = 0; round < 10; round++) {
        answers.push(...(await Promise.all(Array.from({ length: 20 }, api))));
      }
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toMatch(/^\d+$/);
        expect(answer.body).toEqual({
          error: { code: "database_unavailable", message: expect.any(String), fields: {} },
        });
        // Refused connections answer at once; the bound leaves room for a loaded machine, far below the 2 s
        // statement and 4 s request timeouts that a hanging request would run into.
        expect(answer.ms).toBeLessThan(1500);
      }
      const health = await timedFetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect((await timedFetch(`${base}/ready`)).status).toBe(503);
      // The scrape still answers, at once, and says the database is down rather than failing.
      await sleep(DATABASE_METRICS_CACHE_MS);
      const down = await scrape(base);
      expect(down.status).toBe(200);
      expect(down.databaseUp).toBe(0);
      expect(down.ms).toBeLessThan(1500);
      expect(down.text).toMatch(/^supplynet_http_requests_total\{.*status="503".*\} \d+$/m);

      await server.start();
      expect((await apiOnceBack()).status).toBe(200);
      expect((await timedFetch(`${base}/ready`)).status).toBe(200);
      await sleep(DATABASE_METRICS_CACHE_MS);
      const back = await scrape(base);
      expect(back.databaseUp).toBe(1);
      expect(back.text).toMatch(/^supplynet_queue_jobs\{queue="clear-debt",state="queued"\} 0$/m);
      await serve?.waitFor(/database reachable again/, 5000);

      const output = serve?.output() ?? "";
      expect(output.match(/database lost/g)).toHaveLength(1);
      expect(output.match(/database reachable again/g)).toHaveLength(1);
      expect(output).not.toMatch(/"stack"|unhandled error|\n\s+at /);
    });

    it("answers 503 or 504 within the timeouts while PostgreSQL is frozen, /health within a second, and recovers", async () => {
      const before = serve?.output().length ?? 0;
      await freeze();
      try {
        // More requests than the pool has connections: some wait on a query, the rest on a connection.
        const pending = Promise.all(Array.from({ length: 15 }, api));
        await sleep(500);
        const health = await timedFetch(`${base}/health`);
        expect(health.ms).toBeLessThan(1000);
        expect(health.status).toBe(200);
        expect(health.body).toMatchObject({ status: "degraded", database: { status: "timeout" } });
        expect((await timedFetch(`${base}/ready`)).status).toBe(503);
        // A scrape waits on a frozen database no longer than its bound, and reports it down.
        const frozen = await scrape(base);
        expect(frozen.status).toBe(200);
        expect(frozen.databaseUp).toBe(0);
        expect(frozen.ms).toBeLessThan(2500);
        const answers = await pending;
        for (const answer of answers) {
          expect([503, 504]).toContain(answer.status);
          expect(["timeout", "database_timeout", "database_unavailable"]).toContain(answer.body.error?.code);
          expect(answer.body.error?.fields).toEqual({});
          expect(answer.ms).toBeLessThan(5000);
        }
        // The requests that held a connection gave up with the query (serve passes DB_STATEMENT_TIMEOUT on).
        expect(
          answers.filter((answer) => answer.body.error?.code === "database_timeout").length,
        ).toBeGreaterThan(0);
      } finally {
        thaw();
      }
      expect((await apiOnceBack()).status).toBe(200);
      expect((await timedFetch(`${base}/ready`)).status).toBe(200);
      await sleep(DATABASE_METRICS_CACHE_MS);
      expect((await scrape(base)).databaseUp).toBe(1);
      await serve?.waitFor(/database reachable again[\s\S]*database reachable again/, 5000);
      const output = serve?.output().slice(before) ?? "";
      expect(output.match(/database lost/g)).toHaveLength(1);
      expect(output.match(/database reachable again/g)).toHaveLength(1);
      expect(output).not.toMatch(/"stack"|unhandled error|\n\s+at /);
      expect(serve?.child.exitCode).toBeNull();
    });
  });
});
