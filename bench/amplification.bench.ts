/**
 * Anonymous amplification: the worst requests a stranger can send to each /api route, against a real listening
 * server in a child process that reports its own CPU time (process.cpuUsage, all threads) around each request,
 * beside the cheapest anonymous requests measured the same way. Target: beyond the one password hash a login or
 * registration must verify, no anonymous request costs more than 20 ms of server CPU or answers more than 16 KB.
 * The hostile requests are refused before any hash; an answer that shows a hash ran (401 from a password route)
 * has one login's hash, measured here too, taken off.
 * Each request comes from an address of its own (X-Forwarded-For, trusted from loopback), so that the per-IP
 * limits let it through to the work it causes instead of answering a cheap 429.
 */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { openSendQueue } from "../src/worker.js";
import { openBenchDatabase } from "./bench-database.js";

const TARGET_CPU_MS = 20;
const TARGET_ANSWER_BYTES = 16 * 1024;
/** Each request is sent this many times; its figure is the median. */
const REPEATS = 3;

type ServerMessage =
  | { port: number; routes: { method: string; url: string; access: string }[] }
  | { cpu: number };

interface Attack {
  name: string;
  /** Appended to the route's path. */
  query?: string;
  body?: string;
  contentType?: string;
}

const key = (index: number) => `k${index}`;
/** ~1 MB: 90,000 unknown keys, just under the app's 1 MiB body limit. */
const WIDE = `{${Array.from({ length: 90_000 }, (_, index) => `"${key(index)}":0`).join(",")}}`;
const ATTACKS: Attack[] = [
  { name: "~1 MB body of 90,000 unknown keys", body: WIDE },
  {
    name: "90,000 unknown keys beside wrong-typed fields",
    body: `{"email":1,"password":1,"refresh":1,${WIDE.slice(1)}`,
  },
  { name: "deep JSON (100,000 nested arrays)", body: `${"[".repeat(100_000)}${"]".repeat(100_000)}` },
  {
    name: "deep and wide JSON (2,000 levels of 40 keys)",
    body: `${'{"a":'.repeat(2_000)}{${Array.from({ length: 40 }, (_, index) => `"${key(index)}":[1]`).join(",")}}${"}".repeat(2_000)}`,
  },
  {
    name: "huge array (200,000 items) in a field",
    body: `{"refresh":[${Array(200_000).fill("0").join(",")}]}`,
  },
  { name: "huge array (200,000 items) as the body", body: `[${Array(200_000).fill('"x"').join(",")}]` },
  {
    name: "~1 MB string in a field",
    body: JSON.stringify({ refresh: "x".repeat(1_000_000), email: "x".repeat(1_000) }),
  },
  { name: "~1 MB malformed JSON (unterminated)", body: WIDE.slice(0, -1) },
  {
    name: "prototype-member keys",
    body: '{"constructor":1,"__proto__":{"x":1},"hasOwnProperty":1,"toString":1}',
  },
  { name: "wrong content type, ~1 MB", body: WIDE, contentType: "text/plain" },
  {
    name: "long query string (1,300 keys, ~15 KB)",
    query: `?${Array.from({ length: 1_300 }, (_, index) => `${key(index)}=1`).join("&")}`,
    body: '{"refresh":"x"}',
  },
  {
    name: "query string of 60 KB (over Node's header limit)",
    query: `?${Array.from({ length: 6_000 }, (_, index) => `${key(index)}=1`).join("&")}`,
  },
];

interface Measured {
  cpuMs: number;
  bytes: number;
  status: number;
}

class Server {
  private waiting: ((message: ServerMessage) => void)[] = [];
  private sent = 0;
  constructor(
    private child: ChildProcess,
    readonly port: number,
  ) {
    child.on("message", (message: ServerMessage) => this.waiting.shift()?.(message));
  }

  private cpu(): Promise<number> {
    return new Promise((resolve) => {
      this.waiting.push((message) => resolve("cpu" in message ? message.cpu : Number.NaN));
      this.child.send("cpu");
    });
  }

  private request(method: string, path: string, attack: Pick<Attack, "body" | "contentType">) {
    this.sent++;
    const headers: Record<string, string | number> = {
      "x-forwarded-for": `10.${(this.sent >> 16) & 255}.${(this.sent >> 8) & 255}.${this.sent & 255}`,
      connection: "close",
    };
    if (attack.body !== undefined) {
      headers["content-type"] = attack.contentType ?? "application/json";
      headers["content-length"] = Buffer.byteLength(attack.body);
    }
    return new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port: this.port, method, path, headers },
        (response) => {
          let bytes = 0;
          response.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes }));
        },
      );
      // The server may answer (413, 431) and close before it has read the whole body.
      request.on("error", (error: NodeJS.ErrnoException) =>
        error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
      );
      request.end(attack.body);
    });
  }

  /** The median over REPEATS of the server's CPU time for one request, with its answer. */
  async measure(
    method: string,
    path: string,
    attack: Pick<Attack, "body" | "contentType">,
  ): Promise<Measured> {
    const runs: Measured[] = [];
    for (let run = 0; run < REPEATS; run++) {
      const before = await this.cpu();
      const { status, bytes } = await this.request(method, path, attack);
      // Let the server finish what it does after the answer (logging, closing the socket).
      await new Promise((resolve) => setTimeout(resolve, 20));
      runs.push({ cpuMs: (await this.cpu()) - before, bytes, status });
    }
    return runs.sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(REPEATS / 2)] as Measured;
  }
}

async function main() {
  const benchDatabase = await openBenchDatabase("amplification", 1);
  let child: ChildProcess | undefined;
  try {
    child = fork(fileURLToPath(import.meta.url), ["--server", benchDatabase.url], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const [ready] = (await once(child, "message")) as [ServerMessage];
    if (!("port" in ready)) throw new Error("the server did not start");
    const server = new Server(child, ready.port);
    // Warm up: JIT, the database pool, the validators.
    for (let run = 0; run < 20; run++) {
      await server.measure("GET", "/health", {});
      await server.measure("POST", "/api/v1/auth/token/refresh", { body: '{"refresh":"x"}' });
    }

    const health = await server.measure("GET", "/health", {});
    const minimal = await server.measure("POST", "/api/v1/auth/token/refresh", { body: '{"refresh":"x"}' });
    const hash = await server.measure("POST", "/api/v1/auth/token", {
      body: '{"email":"nobody@example.com","password":"wrong"}',
    });
    console.log(
      `baselines: GET /health ${health.cpuMs.toFixed(1)} ms CPU, ${health.bytes} B; ` +
        `POST /auth/token/refresh {"refresh":"x"} ${minimal.cpuMs.toFixed(1)} ms, ${minimal.status}, ${minimal.bytes} B; ` +
        `a login's password check (excluded below) ${hash.cpuMs.toFixed(1)} ms, ${hash.status}`,
    );

    const routes = ready.routes.filter((route) => route.method !== "HEAD");
    const publicRoutes = routes.filter((route) => route.access === "public");
    const hashing = new Set(["/api/v1/auth/token", "/api/v1/auth/register", "/api/v1/auth/session"]);
    const results: { label: string; measured: Measured; cpuMs: number }[] = [];
    // Every attack on the public routes; the private ones answer 401 before their body is read, so they get
    // the widest body and the longest query only.
    const plan = routes.flatMap((route) =>
      (route.access === "public"
        ? ATTACKS
        : ATTACKS.filter((attack) => /90,000 unknown keys$|1,300/.test(attack.name))
      ).map((attack) => ({ route, attack })),
    );
    console.log(
      `${plan.length} hostile requests (× ${REPEATS}) to ${publicRoutes.length} public and ${routes.length - publicRoutes.length} private /api routes`,
    );
    for (const { route, attack } of plan) {
      const path = route.url.replace(/:(\w+)/g, "1") + (attack.query ?? "");
      const measured = await server.measure(
        route.method,
        path,
        route.method === "GET" && !attack.body ? {} : attack,
      );
      const hashed = hashing.has(route.url) && measured.status === 401;
      results.push({
        label: `${route.method} ${route.url} with ${attack.name} → ${measured.status}`,
        measured,
        cpuMs: measured.cpuMs - (hashed ? hash.cpuMs : 0),
      });
    }
    results.sort((a, b) => b.cpuMs - a.cpuMs);
    console.log("costliest:");
    for (const result of results.slice(0, 8)) {
      console.log(
        `  ${result.cpuMs.toFixed(1).padStart(7)} ms CPU, ${String(result.measured.bytes).padStart(8)} B  ${result.label}`,
      );
    }
    const worstCpu = results[0];
    const worstSize = [...results].sort((a, b) => b.measured.bytes - a.measured.bytes)[0];
    if (!worstCpu || !worstSize) throw new Error("nothing measured");
    const cpuOk = worstCpu.cpuMs <= TARGET_CPU_MS;
    const sizeOk = worstSize.measured.bytes <= TARGET_ANSWER_BYTES;
    console.log(
      `worst anonymous request: ${worstCpu.cpuMs.toFixed(1)} ms of server CPU (${worstCpu.label}) | ` +
        `minimal refresh ${minimal.cpuMs.toFixed(1)} ms | ratio ${(worstCpu.cpuMs / minimal.cpuMs).toFixed(1)}x | ` +
        `target <= ${TARGET_CPU_MS} ms ${cpuOk ? "OK" : "MISSED"}`,
    );
    console.log(
      `largest anonymous answer: ${(worstSize.measured.bytes / 1024).toFixed(1)} KB (${worstSize.label}) | ` +
        `minimal refresh ${minimal.bytes} B | ratio ${(worstSize.measured.bytes / minimal.bytes).toFixed(1)}x | ` +
        `target <= ${TARGET_ANSWER_BYTES / 1024} KB ${sizeOk ? "OK" : "MISSED"}`,
    );
    if (!cpuOk || !sizeOk) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null) {
      const exited = once(child, "exit");
      child.send("stop");
      await exited;
    }
    await benchDatabase.drop();
  }
}

/** The server side: the app on PostgreSQL, answering "cpu" with this process's CPU time so far, in ms. */
async function serve() {
  const databaseUrl = process.argv[3] as string;
  const config = loadConfig({
    logLevel: "silent",
    databaseUrl,
    host: "127.0.0.1",
    port: 0,
    trustProxy: ["127.0.0.1"],
  });
  const database = await openDatabase({ databaseUrl, poolSize: 5 });
  const jobs = await openSendQueue({ config, database });
  const app = await buildApp({ config, database, jobs });
  await app.listen({ host: "127.0.0.1", port: 0 });
  process.on("message", (message) => {
    if (message === "cpu") {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpu: (user + system) / 1000 } satisfies ServerMessage);
    } else if (message === "stop") {
      app.close().then(() => jobs.stop().then(() => database.close().then(() => process.exit(0))));
    }
  });
  process.send?.({
    port: (app.server.address() as AddressInfo).port,
    routes: app.apiRoutes,
  } satisfies ServerMessage);
}

if (process.argv[2] === "--server") await serve();
else await main();
