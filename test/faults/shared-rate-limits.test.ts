import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD_ONE_HASH } from "../helpers/app.js";
import { isReadableFailure, type RunningCli, runCli, startCli } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { sleep } from "../helpers/worker.js";

const REDIS_SERVER = "/usr/bin/redis-server";

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: { error?: { code: string; message: string; fields: object }; access?: string };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of the test's own, in memory only, on `port`; resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 10_000;
  while (!/Ready to accept connections/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`redis-server did not start:\n${output}`);
    await sleep(50);
  }
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/**
 * Two real `supplynet serve` processes on one PostgreSQL database, sharing their rate limits through a
 * redis-server of the test's own, which the test stops and starts again. PostgreSQL only: PGlite is one
 * process's database. TRUST_PROXY=1 lets each step be a client address of its own (X-Forwarded-For), so that
 * one step's per-IP counts never spill into the next.
 */
describe.skipIf(testDriver !== "pg")(
  "rate limits shared across serve processes through Redis",
  { timeout: 120_000 },
  () => {
    const t = testApp({ app: false, cli: true, truncate: false });
    let dataDir: string;
    let redisPort: number;
    let redis: ChildProcess | undefined;
    const children: RunningCli[] = [];
    const bases: string[] = [];
    let companyId: number;

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), "supplynet-shared-limits-"));
      const { rows } = await t.testDb.database.executeSql<{ id: number }>(
        `insert into companies (name, email, country, city, street, house_number, level)
       values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0) returning id`,
      );
      companyId = rows[0]?.id as number;
      await t.testDb.database.executeSql(
        `insert into users (email, password_hash, first_name, last_name, role)
       values ('staff@example.com', $1, 'Staff', 'User', 'staff')`,
        [PASSWORD_ONE_HASH],
      );
      redisPort = await freePort();
      redis = await startRedis(redisPort);
      for (let i = 0; i < 2; i++) {
        const child = startCli(["serve"], {
          ...t.cli.env,
          DATA_DIR: dataDir,
          NODE_ENV: "test",
          LOG_LEVEL: "info",
          HOST: "127.0.0.1",
          PORT: "0",
          TRUST_PROXY: "1",
          REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        });
        children.push(child);
        await child.waitFor(/supplynet is serving http:\S+/);
        const url = new URL(/supplynet is serving (http:\S+)/.exec(child.output())?.[1] ?? "");
        bases.push(`http://127.0.0.1:${url.port}`);
      }
    });
    afterAll(async () => {
      for (const child of children) await child.stop();
      if (redis) await stopRedis(redis);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    /** POST `url` as the client at `address`, on instance `instance` (0 or 1). */
    async function post(
      instance: number,
      url: string,
      address: string,
      body: object,
      headers: Record<string, string> = {},
    ): Promise<Answer> {
      const started = performance.now();
      const response = await fetch(`${bases[instance]}/api/v1${url}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "accept-language": "en",
          "x-forwarded-for": address,
          ...headers,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      return {
        status: response.status,
        ms: performance.now() - started,
        retryAfter: response.headers.get("retry-after"),
        body: text ? JSON.parse(text) : {},
      };
    }

    const wrongLogin = (instance: number, address: string, n: number) =>
      post(instance, "/auth/token", address, { email: `nobody-${n}@example.com`, password: "wrong" });

    /** Eleven failed logins for eleven accounts from `address`, alternating between the two instances. */
    async function elevenLogins(address: string): Promise<Answer[]> {
      const answers: Answer[] = [];
      for (let n = 0; n < 11; n++) answers.push(await wrongLogin(n % 2, address, n));
      return answers;
    }

    function expectSharedPerIpLimit(answers: Answer[]) {
      expect(answers.slice(0, 10).map((answer) => answer.status)).toEqual(Array(10).fill(401));
      const eleventh = answers[10] as Answer;
      expect(eleventh.status).toBe(429);
      expect(Number(eleventh.retryAfter)).toBeGreaterThan(0);
      expect(eleventh.body).toEqual({
        error: {
          code: "throttled",
          message: expect.stringMatching(/^Too many requests from your address\./),
          fields: {},
        },
      });
    }

    it("count the per-IP limit once for both instances: the eleventh login from one address is a 429", async () => {
      expectSharedPerIpLimit(await elevenLogins("203.0.113.1"));
      for (const child of children) expect(child.output()).not.toMatch(/rate limits are per process/);
    });

    it("while Redis is stopped: logins answer 503 in our shape, the per-IP limits and the QR quota let requests through; shared again once it is back", async () => {
      const login = await post(0, "/auth/token", "203.0.113.2", {
        email: "staff@example.com",
        password: "1",
      });
      expect(login.status).toBe(200);
      const bearer = { authorization: `Bearer ${login.body.access}` };

      await stopRedis(redis as ChildProcess);

      // The login budgets fail closed: a guess that cannot be counted is not checked.
      for (let n = 0; n < 12; n++) {
        const answer = await wrongLogin(n % 2, "203.0.113.3", n);
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toMatch(/^\d+$/);
        expect(answer.body).toEqual({
          error: { code: "rate_limit_unavailable", message: expect.stringMatching(/try again/), fields: {} },
        });
        expect(answer.ms).toBeLessThan(1000);
      }
      const russian = await post(
        1,
        "/auth/token",
        "203.0.113.3",
        { email: "a@example.com", password: "x" },
        {
          "accept-language": "ru",
        },
      );
      expect(russian.body.error?.message).toMatch(/повторите/);

      // The per-IP limit of refresh (60 a minute) fails open: 70 calls from one address, none refused.
      const refreshes: Answer[] = [];
      for (let n = 0; n < 70; n++) {
        refreshes.push(await post(n % 2, "/auth/token/refresh", "203.0.113.4", { refresh: "not-a-token" }));
      }
      expect(new Set(refreshes.map((answer) => answer.status))).toEqual(new Set([401]));
      expect(Math.max(...refreshes.map((answer) => answer.ms))).toBeLessThan(1000);

      // The QR quota (5 an hour) fails open too: the mail goes to the caller themselves.
      for (let n = 0; n < 6; n++) {
        const qr = await post(n % 2, `/companies/${companyId}/get_qr`, "203.0.113.5", {}, bearer);
        expect(qr.status).toBe(202);
      }

      redis = await startRedis(redisPort);
      const deadline = Date.now() + 10_000;
      for (const instance of [0, 1]) {
        let answer = await wrongLogin(instance, "203.0.113.6", instance);
        while (answer.status === 503 && Date.now() < deadline) {
          await sleep(100);
          answer = await wrongLogin(instance, "203.0.113.6", instance);
        }
        expect(answer.status).toBe(401);
      }
      expectSharedPerIpLimit(await elevenLogins("203.0.113.7"));

      for (const child of children) {
        await child.waitFor(/redis reachable again/, 5000);
        const output = child.output();
        expect(output.match(/redis lost/g)).toHaveLength(1);
        expect(output.match(/redis reachable again/g)).toHaveLength(1);
        expect(output).not.toMatch(/"stack"|unhandled error|Unhandled error event|\n\s+at /);
      }
    });

    it("without REDIS_URL, serve says once that its limits are its own; a REDIS_URL that is no redis URL is one line", async () => {
      const alone = startCli(["serve"], {
        ...t.cli.env,
        DATA_DIR: dataDir,
        NODE_ENV: "test",
        LOG_LEVEL: "info",
        HOST: "127.0.0.1",
        PORT: "0",
        REDIS_URL: "",
      });
      children.push(alone);
      await alone.waitFor(/supplynet is serving http:\S+/);
      expect(alone.output().match(/rate limits are per process: set REDIS_URL/g)).toHaveLength(1);
      await alone.stop();

      const refused = await runCli(["serve"], { ...t.cli.env, REDIS_URL: "http://127.0.0.1:6379" });
      expect(isReadableFailure(refused), refused.stderr).toBe(true);
      expect(refused.stderr).toMatch(/REDIS_URL is a http: URL/);
    });
  },
);
