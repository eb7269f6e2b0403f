import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase, wrapPglite } from "../../src/db/client.js";
import { applyScheduledDebtChange } from "../../src/debts/debt.js";
import { DATABASE_METRICS_CACHE_MS } from "../../src/metrics/database.js";
import { buildTestApp, createChain } from "../helpers/app.js";
import { isReadableFailure, jsonLogEntries, runCli, startCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { tcpProxy } from "../helpers/tcp-proxy.js";
import { sleep, waitForJob } from "../helpers/worker.js";

const LONG_TOKEN = "m".repeat(40);

/**
 * A sample line of the text format: `name{labels} value`. The value is a float as Go's ParseFloat reads it,
 * which takes NaN and Inf in any case (prom-client writes `Nan` for an empty event-loop histogram).
 */
const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|nan|[+-]?inf)$/i;

/** Every sample of a scrape, keyed `name{labels}` as written; fails on any line that is neither comment nor sample. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    const match = SAMPLE.exec(line);
    expect(match, `not a sample line: ${line}`).not.toBeNull();
    const [, name, labels = "", value] = match as RegExpExecArray;
    samples.set(`${name}${labels}`, Number(value));
  }
  return samples;
}

async function scrape(app: App, headers: Record<string, string> = {}) {
  const response = await app.inject({ url: "/metrics", headers });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  return { text: response.body, samples: parse(response.body) };
}

/** A scrape past the cache, so that it reads what the database holds now. */
async function freshScrape(app: App) {
  await sleep(DATABASE_METRICS_CACHE_MS + 100);
  return scrape(app);
}

describe("/metrics on serve", () => {
  const t = testApp({
    config: { authRateLimit: { perIp: 2, perIpWindowMs: 60_000, failures: 1000, failureWindowMs: 60_000 } },
  });

  it("answers the Prometheus text format with process metrics and the database up", async () => {
    const { samples } = await scrape(t.app);
    expect(samples.get("supplynet_database_up")).toBe(1);
    expect(samples.has("process_cpu_user_seconds_total")).toBe(true);
    expect(samples.has("nodejs_heap_size_used_bytes")).toBe(true);
    expect(samples.get("supplynet_db_pool_total")).toBeGreaterThanOrEqual(1);
    expect(samples.has("supplynet_db_pool_waiting")).toBe(true);
  });

  it("labels requests by route pattern and status, never by raw URL; a 404 is 'unmatched'", async () => {
    await t.app.inject({ url: "/api/v1/companies/987654" });
    await t.app.inject({ url: "/no/such/page-1234" });
    const { text, samples } = await scrape(t.app);
    expect(
      samples.get('supplynet_http_requests_total{method="GET",route="/api/v1/companies/:id",status="401"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      samples.get(
        'supplynet_http_request_duration_seconds_count{method="GET",route="/api/v1/companies/:id",status="401"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      samples.get('supplynet_http_requests_total{method="GET",route="unmatched",status="404"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain("987654");
    expect(text).not.toContain("page-1234");
  });

  it("counts login failures and 429s, with the 429 by route and status", async () => {
    const before = (await scrape(t.app)).samples;
    const login = () =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/token",
        payload: { email: "nobody@example.com", password: "wrong" },
      });
    expect((await login()).statusCode).toBe(401);
    expect((await login()).statusCode).toBe(401);
    expect((await login()).statusCode).toBe(429);
    const after = (await scrape(t.app)).samples;
    const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    expect(delta("supplynet_login_failures_total")).toBe(2);
    expect(delta('supplynet_throttled_total{reason="throttle.address"}')).toBe(1);
    expect(
      delta('supplynet_http_requests_total{method="POST",route="/api/v1/auth/token",status="429"}'),
    ).toBe(1);
  });

  it("reports queued, active and failed jobs per queue, the oldest queued job's age, and a schedule's last failure", async () => {
    const first = await freshScrape(t.app);
    expect(first.samples.get('supplynet_queue_jobs{queue="clear-debt",state="queued"}')).toBe(0);
    for (let index = 0; index < 3; index++) await t.queue.enqueue("clear-debt", { ids: [index + 1] });
    const failedId = await t.queue.enqueue("accrue-debt", {});
    await t.sql(`update pgboss.job set state = 'failed', completed_on = now() where id = $1`, [failedId]);

    // Within the cache, a scrape answers what the last one read.
    const cached = await scrape(t.app);
    expect(cached.samples.get('supplynet_queue_jobs{queue="clear-debt",state="queued"}')).toBe(0);

    const { samples } = await freshScrape(t.app);
    expect(samples.get('supplynet_queue_jobs{queue="clear-debt",state="queued"}')).toBe(3);
    expect(samples.get('supplynet_queue_jobs{queue="clear-debt",state="active"}')).toBe(0);
    expect(samples.get('supplynet_queue_jobs{queue="accrue-debt",state="failed"}')).toBe(1);
    expect(samples.get('supplynet_queue_oldest_queued_seconds{queue="clear-debt"}')).toBeGreaterThan(1);
    expect(samples.get('supplynet_queue_oldest_queued_seconds{queue="repay-debt"}')).toBe(0);
    const failedAt = samples.get('supplynet_queue_last_failure_timestamp_seconds{queue="accrue-debt"}');
    expect(Math.abs((failedAt as number) - Date.now() / 1000)).toBeLessThan(60);
    expect(samples.has('supplynet_queue_last_failure_timestamp_seconds{queue="repay-debt"}')).toBe(false);
  });

  it("reports a scheduled run's time, duration, companies touched and total change", async () => {
    await createChain(t.testDb, "Metrics");
    const run = await applyScheduledDebtChange(
      t.testDb.database.db,
      "accrue-debt",
      new Date("2026-03-01T03:00:00Z"),
    );
    expect(run).not.toBeNull();
    const [row] = await t.sql<{ finished: number; duration: number; touched: number; total: string }>(
      `select extract(epoch from finished_at)::float8 as finished,
              extract(epoch from finished_at - started_at)::float8 as duration,
              companies_touched::int as touched, total_change::text as total
       from task_runs where task = 'accrue-debt'`,
    );
    const { samples } = await freshScrape(t.app);
    const task = '{task="accrue-debt"}';
    expect(samples.get(`supplynet_schedule_last_run_timestamp_seconds${task}`)).toBeCloseTo(
      row?.finished as number,
      3,
    );
    expect(samples.get(`supplynet_schedule_last_run_duration_seconds${task}`)).toBeCloseTo(
      row?.duration as number,
      3,
    );
    expect(samples.get(`supplynet_schedule_last_run_companies_touched${task}`)).toBe(4);
    expect(row?.touched).toBe(4);
    expect(samples.get(`supplynet_schedule_last_run_total_change${task}`)).toBe(Number(row?.total));
    expect(samples.has('supplynet_schedule_last_run_timestamp_seconds{task="repay-debt"}')).toBe(false);
  });

  it("is never rate limited and is not in the OpenAPI document", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => t.app.inject({ url: "/metrics" })));
    expect(new Set(answers.map((answer) => answer.statusCode))).toEqual(new Set([200]));
    const doc = (await t.app.inject({ url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths)).not.toContain("/metrics");
  });

  it("asks for METRICS_TOKEN as a bearer token when it is set", async () => {
    const guarded = await buildTestApp(t.testDb, { jobs: t.queue, config: { metricsToken: LONG_TOKEN } });
    try {
      const without = await guarded.inject({ url: "/metrics" });
      expect(without.statusCode).toBe(401);
      expect(without.json().error.code).toBe("not_authenticated");
      expect(without.body).not.toContain("supplynet_");
      const wrong = await guarded.inject({
        url: "/metrics",
        headers: { authorization: `Bearer ${LONG_TOKEN}x` },
      });
      expect(wrong.statusCode).toBe(401);
      await scrape(guarded, { authorization: `Bearer ${LONG_TOKEN}` });
    } finally {
      await guarded.close();
    }
  });

  it("is off in production without METRICS_TOKEN, and production refuses a short one", async () => {
    const production = await buildTestApp(t.testDb, {
      jobs: t.queue,
      config: { env: "production", metricsToken: undefined },
    });
    try {
      expect((await production.inject({ url: "/metrics" })).statusCode).toBe(404);
    } finally {
      await production.close();
    }
    const env = { NODE_ENV: "production", JWT_SECRET: "j".repeat(40) };
    expect(() => loadConfig({}, { ...env, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN is too short/);
    expect(loadConfig({}, { ...env, METRICS_TOKEN: LONG_TOKEN }).metricsToken).toBe(LONG_TOKEN);
  });

  it("with the database away, still answers 200: process metrics and supplynet_database_up 0", async () => {
    const proxy = testDriver === "pg" ? await tcpProxy(t.testDb.url as string) : undefined;
    const pglite = proxy ? undefined : await PGlite.create();
    const database = proxy
      ? await openDatabase({ databaseUrl: proxy.url, poolSize: 2 })
      : wrapPglite(pglite as PGlite, "PGlite in memory");
    const cut = await buildTestApp({ database, url: proxy?.url }, { jobs: t.queue });
    try {
      if (proxy) await proxy.refuse();
      else await pglite?.close();
      const started = performance.now();
      const { samples } = await scrape(cut);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(samples.get("supplynet_database_up")).toBe(0);
      expect(samples.has("process_resident_memory_bytes")).toBe(true);
      expect([...samples.keys()].some((key) => key.startsWith("supplynet_queue_"))).toBe(false);
      if (proxy) {
        // A server that accepts and never answers: the scrape gives up on it within its timeout.
        await proxy.hang();
        await sleep(DATABASE_METRICS_CACHE_MS + 100);
        const hung = performance.now();
        expect((await scrape(cut)).samples.get("supplynet_database_up")).toBe(0);
        expect(performance.now() - hung).toBeLessThan(2000);
        // Later scrapes start no read while that one still waits on the database: none queues for the pool.
        for (let index = 0; index < 2; index++) {
          await sleep(DATABASE_METRICS_CACHE_MS + 100);
          const { samples: later } = await scrape(cut);
          expect(later.get("supplynet_database_up")).toBe(0);
          expect(later.get("supplynet_db_pool_waiting")).toBe(0);
        }
      }
    } finally {
      await cut.close();
      await proxy?.close();
      if (proxy) await database.close();
    }
  });
});

describe("/metrics of a real `supplynet serve`", { timeout: 120_000 }, () => {
  const t = testApp({ app: false, cli: true, truncate: false });
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-metrics-serve-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("logs no scrape, while it logs the other requests", async () => {
    const serve = startCli(["serve"], {
      DATA_DIR: dataDir,
      ...t.cli.env,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: "0",
    });
    try {
      await serve.waitFor(/supplynet is serving http:\S+/);
      const port = new URL(/supplynet is serving (http:\S+)/.exec(serve.output())?.[1] ?? "").port;
      for (const url of ["/metrics", "/health", "/metrics", "/metrics"]) {
        const response = await fetch(`http://127.0.0.1:${port}${url}`);
        expect(response.status, url).toBe(200);
        await response.text();
      }
      await serve.waitFor(/"url":"\/health"/);
      expect(serve.output()).not.toContain("/metrics");
    } finally {
      expect(await serve.stop(), serve.output()).toBe(0);
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

describe.skipIf(testDriver !== "pg")(
  "/metrics of a real `supplynet worker` on METRICS_PORT",
  { timeout: 120_000 },
  () => {
    const t = testApp({ app: false, queue: true, truncate: false });
    let dataDir: string;
    beforeAll(() => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-metrics-"));
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("counts and times the job it ran, as its log line does, asks for the token, and closes the port on shutdown", async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/metrics`;
      const worker = startCli(["worker"], {
        DATABASE_URL: t.testDb.url,
        DATA_DIR: dataDir,
        NODE_ENV: "test",
        LOG_LEVEL: "info",
        LOG_FORMAT: "json",
        HOST: "127.0.0.1",
        METRICS_PORT: String(port),
        METRICS_TOKEN: LONG_TOKEN,
      });
      try {
        await worker.waitFor(/supplynet worker is running/);
        expect((await fetch(url)).status).toBe(401);
        const [company] = await createChain(t.testDb, "Worker");
        const jobId = await t.queue.enqueue("clear-debt", { ids: [company?.id as number] });
        expect((await waitForJob(t.queue, jobId)).state).toBe("completed");
        const response = await fetch(url, { headers: { authorization: `Bearer ${LONG_TOKEN}` } });
        expect(response.status).toBe(200);
        const samples = parse(await response.text());
        expect(samples.get('supplynet_jobs_started_total{queue="clear-debt"}')).toBe(1);
        expect(samples.get('supplynet_jobs_completed_total{queue="clear-debt"}')).toBe(1);
        expect(samples.get('supplynet_jobs_failed_total{queue="clear-debt"}') ?? 0).toBe(0);
        expect(
          samples.get('supplynet_job_duration_seconds_count{queue="clear-debt",outcome="completed"}'),
        ).toBe(1);
        const logged = jsonLogEntries(worker.output()).find(
          (entry) => entry.jobId === jobId && typeof entry.durationMs === "number",
        );
        expect(
          samples.get('supplynet_job_duration_seconds_sum{queue="clear-debt",outcome="completed"}'),
          "the histogram times the job as its log line does",
        ).toBeCloseTo(Number(logged?.durationMs ?? Number.NaN) / 1000, 9);
        expect(samples.has("process_cpu_user_seconds_total")).toBe(true);
      } finally {
        expect(await worker.stop(), worker.output()).toBe(0);
      }
      await expect(fetch(url)).rejects.toThrow();
    });

    it("refuses a METRICS_PORT in use with one readable line", async () => {
      const taken = createServer().listen(0, "127.0.0.1");
      await new Promise((resolve) => taken.once("listening", resolve));
      const port = (taken.address() as AddressInfo).port;
      try {
        const result = await runCli(
          ["worker"],
          {
            DATABASE_URL: t.testDb.url,
            DATA_DIR: dataDir,
            NODE_ENV: "test",
            HOST: "127.0.0.1",
            METRICS_PORT: String(port),
          },
          undefined,
          { timeoutMs: 60_000 },
        );
        expect(isReadableFailure(result), result.stderr).toBe(true);
        expect(result.stderr).toContain(`METRICS_PORT ${port} is already in use`);
      } finally {
        taken.close();
      }
    });
  },
);
