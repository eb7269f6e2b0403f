import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { logFormatOf } from "../../src/http/logging.js";
import { projectRoot } from "../../src/paths.js";
import { UserError } from "../../src/user-error.js";
import { createChain } from "../helpers/app.js";
import { jsonLogEntries, startCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { cliShellCommand } from "../helpers/terminal.js";
import { sleep, waitForJob } from "../helpers/worker.js";

/** Each child starts the whole CLI; `start` loads the demo data too. */
const CHILD_TIMEOUT = 240_000;

const randomPort = () => 20_000 + Math.floor(Math.random() * 40_000);

const production = {
  NODE_ENV: "production",
  JWT_SECRET: randomBytes(32).toString("hex"),
  HOST: "127.0.0.1",
  LOG_LEVEL: "info",
};

const development = { NODE_ENV: "development", HOST: "127.0.0.1", LOG_LEVEL: "info" };

/** A pretty log line: the time, as Django's runserver begins its lines. */
const PRETTY_LINE = /^\d\d:\d\d:\d\d /;

interface OnTerminal {
  /** What the terminal shows, without colours, in lines ended by \n. */
  screen(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM to supplynet itself, then its exit code. */
  stop(): Promise<number | null>;
}

/**
 * A long-running `supplynet …` on a pseudo-terminal (util-linux `script`), so that its stdout is a TTY as on a
 * person's screen. `exec` makes supplynet the child of `script`, so that a SIGTERM reaches it.
 */
function startOnTerminal(args: string[], env: NodeJS.ProcessEnv): OnTerminal {
  const command = cliShellCommand(args);
  const child: ChildProcess = spawn("script", ["-qefc", `exec ${command}`, "/dev/null"], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
  });
  child.stdin?.end();
  let raw = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    raw += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    raw += chunk.toString();
  });
  const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const screen = () => stripVTControlCharacters(raw).replaceAll("\r\n", "\n");
  return {
    screen,
    async waitFor(pattern, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(screen())) {
        if (child.exitCode !== null) throw new Error(`supplynet ${args.join(" ")} exited:\n${screen()}`);
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${screen()}`);
        await sleep(100);
      }
    },
    async stop() {
      if (child.exitCode === null && child.pid) {
        const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim();
        for (const pid of children.split(/\s+/).filter(Boolean)) process.kill(Number(pid), "SIGTERM");
      }
      return closed;
    },
  };
}

async function get(base: string, url: string): Promise<number> {
  const response = await fetch(`${base}${url}`);
  await response.text();
  return response.status;
}

/** What each URL answers; the log must say the same, once per request. */
const REQUESTS: [url: string, status: number][] = [
  ["/health", 200],
  ["/api/v1/companies?limit=5", 401],
  ["/api/v1/no-such-route", 404],
];

describe("LOG_FORMAT", () => {
  it("is pretty on a terminal outside production and JSON otherwise, unless LOG_FORMAT says", () => {
    const format = (env: NodeJS.ProcessEnv, isTTY: boolean) =>
      logFormatOf(loadConfig({}, { JWT_SECRET: randomBytes(32).toString("hex"), ...env }), { isTTY });
    expect(format({}, true)).toBe("pretty");
    expect(format({}, false)).toBe("json");
    expect(format({ NODE_ENV: "production" }, true)).toBe("json");
    expect(format({ NODE_ENV: "production", LOG_FORMAT: "pretty" }, false)).toBe("pretty");
    expect(format({ LOG_FORMAT: "JSON" }, true)).toBe("json");
    expect(() => format({ LOG_FORMAT: "xml" }, true)).toThrow(UserError);
    expect(() => format({ LOG_FORMAT: "xml" }, true)).toThrow(/LOG_FORMAT must be pretty or json/);
  });
});

describe("the log of `serve`: one entry per request", () => {
  const t = testApp({ app: false, cli: true, truncate: false });

  it(
    "in production writes one JSON line per request with method, url, statusCode, responseTime and reqId",
    async () => {
      const port = randomPort();
      const serve = startCli(["serve"], { ...production, ...t.cli.env, PORT: String(port) });
      try {
        await serve.waitFor(/supplynet is serving http:\S+/);
        for (const [url, status] of REQUESTS) expect(await get(`http://127.0.0.1:${port}`, url)).toBe(status);
        await serve.waitFor(/no-such-route[^\n]*\n/);
      } finally {
        expect(await serve.stop(), serve.output()).toBe(0);
      }
      const lines = serve.output().split("\n").filter(Boolean);
      // The CLI's own lines are plain text; every log line is one JSON object.
      const entries = lines
        .filter((line) => !/^(supplynet is serving | {2}Jobs are only queued|SIGTERM received)/.test(line))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.length).toBeGreaterThan(0);
      const requestEntries = entries.filter((entry) => "url" in entry);
      expect(requestEntries).toHaveLength(REQUESTS.length);
      for (const [url, status] of REQUESTS) {
        const entry = requestEntries.find((candidate) => candidate.url === url);
        expect(entry, url).toMatchObject({
          level: 30,
          method: "GET",
          url,
          statusCode: status,
          responseTime: expect.any(Number),
          reqId: expect.stringMatching(/\S/),
        });
      }
      expect(new Set(requestEntries.map((entry) => entry.reqId)).size).toBe(REQUESTS.length);
      expect(serve.output()).not.toMatch(/incoming request|request completed/);
    },
    CHILD_TIMEOUT,
  );

  it(
    "in development on a terminal prints one short readable line per request, and no JSON",
    async () => {
      const port = randomPort();
      const serve = startOnTerminal(["serve"], { ...development, ...t.cli.env, PORT: String(port) });
      try {
        await serve.waitFor(/supplynet is serving http:\S+/);
        for (const [url, status] of REQUESTS) expect(await get(`http://127.0.0.1:${port}`, url)).toBe(status);
        await serve.waitFor(/no-such-route[^\n]*\n/);
      } finally {
        expect(await serve.stop(), serve.screen()).toBe(0);
      }
      const lines = serve.screen().split("\n");
      expect(
        lines.filter((line) => line.trimStart().startsWith("{")),
        serve.screen(),
      ).toEqual([]);
      for (const [url, status] of REQUESTS) {
        const mentions = lines.filter((line) => line.includes(url));
        expect(mentions, serve.screen()).toHaveLength(1);
        expect(mentions[0]).toMatch(
          new RegExp(
            `^\\d\\d:\\d\\d:\\d\\d GET ${url.replace(/[?.]/g, "\\$&")} ${status} \\d+\\.\\d ms \\[req-\\d+\\]$`,
          ),
        );
      }
    },
    CHILD_TIMEOUT,
  );

  it(
    "`start` prints its banner as one block: no log line inside it",
    async () => {
      const port = randomPort();
      const start = startOnTerminal(["start"], { ...development, ...t.cli.env, PORT: String(port) });
      try {
        await start.waitFor(/Demo logins[^\n]*\n(?: {2}\S+@\S+[^\n]*\n){4}/, 200_000);
        expect(await get(`http://127.0.0.1:${port}`, "/health")).toBe(200);
        await start.waitFor(/GET \/health 200/);
      } finally {
        expect(await start.stop(), start.screen()).toBe(0);
      }
      const lines = start.screen().split("\n");
      const first = lines.findIndex((line) => line.startsWith("supplynet is running at "));
      expect(first, start.screen()).toBeGreaterThan(0);
      // The banner runs until the next log line; every part of it must come before that line.
      const next = lines.findIndex((line, index) => index > first && PRETTY_LINE.test(line));
      const banner = lines.slice(first, next).join("\n");
      for (const part of ["  API:", "  Admin:", "  Swagger:", "  Redoc:", "  Health:", "Demo logins"]) {
        expect(banner, start.screen()).toContain(part);
      }
      expect(banner.match(/^ {2}\S+@\S+ /gm), start.screen()).toHaveLength(4);
      // The in-memory rate limits' notice came before it, as a log line of its own.
      const notice = lines.findIndex((line) => /^\d\d:\d\d:\d\d rate limits are per process/.test(line));
      expect(notice, start.screen()).toBeGreaterThanOrEqual(0);
      expect(notice).toBeLessThan(first);
    },
    CHILD_TIMEOUT,
  );
});

describe.skipIf(testDriver !== "pg")("the log of `worker`: each job's start, end and failure", () => {
  const t = testApp({ app: false, queue: true, truncate: false });
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-logs-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    "logs id, queue, attempt and duration, the error of a failure, and never a job's data",
    async () => {
      const worker = startCli(["worker"], { ...production, DATABASE_URL: t.testDb.url, DATA_DIR: dataDir });
      const secret = randomBytes(16).toString("hex");
      let ids: { cleared: string; invitation: string; qr: string };
      try {
        await worker.waitFor(/supplynet worker is running/);
        const [company] = await createChain(t.testDb, "Logged");
        ids = {
          cleared: await t.queue.enqueue("clear-debt", { ids: [company?.id as number] }),
          // A user that does not exist fails the job; its link holds a token that must not reach the log.
          invitation: await t.queue.enqueue(
            "send-invitation",
            { user_id: 2_000_000_000, link: `http://localhost/admin/#/register?token=${secret}` },
            { retryLimit: 0 },
          ),
          qr: await t.queue.enqueue(
            "send-qr-email",
            { company_id: company?.id as number, user_id: 2_000_000_001 },
            { retryLimit: 1, retryDelay: 1 },
          ),
        };
        expect((await waitForJob(t.queue, ids.cleared)).state).toBe("completed");
        expect((await waitForJob(t.queue, ids.invitation)).state).toBe("failed");
        expect((await waitForJob(t.queue, ids.qr, ["failed"], 30_000)).state).toBe("failed");
        await worker.waitFor(
          new RegExp(
            `send-qr-email\\[${ids.qr}\\] failed[^\\n]*\\n[^]*send-qr-email\\[${ids.qr}\\] failed[^\\n]*\\n`,
          ),
        );
      } finally {
        expect(await worker.stop(), worker.output()).toBe(0);
      }
      expect(worker.output()).not.toContain(secret);
      const entries = jsonLogEntries(worker.output());
      const of = (jobId: string) => entries.filter((entry) => entry.jobId === jobId);

      const [started, succeeded, ...more] = of(ids.cleared);
      expect(more).toEqual([]);
      expect(started).toMatchObject({
        level: 30,
        queue: "clear-debt",
        attempt: 1,
        msg: `Task clear-debt[${ids.cleared}] started`,
      });
      expect(succeeded).toMatchObject({
        level: 30,
        queue: "clear-debt",
        attempt: 1,
        durationMs: expect.any(Number),
      });
      expect(succeeded?.msg).toBe(`Task clear-debt[${ids.cleared}] succeeded in ${succeeded?.durationMs} ms`);

      const invitation = of(ids.invitation);
      expect(invitation).toHaveLength(2);
      expect(invitation[1]).toMatchObject({
        level: 50,
        queue: "send-invitation",
        attempt: 1,
        durationMs: expect.any(Number),
        err: { message: "User 2000000000 no longer exists.", stack: expect.stringContaining("    at ") },
      });
      expect(invitation[1]?.msg).toMatch(
        /^Task send-invitation\[[^\]]+\] failed in [\d.]+ ms: User 2000000000/,
      );

      // Retried: a warning the first time, an error when pg-boss gives up.
      const qr = of(ids.qr).map(({ level, attempt, msg }) => ({ level, attempt, msg }));
      expect(qr).toEqual([
        { level: 30, attempt: 1, msg: `Task send-qr-email[${ids.qr}] started` },
        {
          level: 40,
          attempt: 1,
          msg: expect.stringMatching(/failed in [\d.]+ ms, to be retried: User 2000000001/),
        },
        { level: 30, attempt: 2, msg: `Task send-qr-email[${ids.qr}] started (attempt 2)` },
        {
          level: 50,
          attempt: 2,
          msg: expect.stringMatching(/failed in [\d.]+ ms: User 2000000001 no longer exists/),
        },
      ]);
    },
    CHILD_TIMEOUT,
  );
});
