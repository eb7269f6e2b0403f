/**
 * The API benches' baseline: a bare `node:http` server that verifies the same JWT (fast-jwt, as @fastify/jwt
 * uses) and sends the very statements the app sends for a request, recorded from the app, through `pg`. And the
 * autocannon load both sides get. bench/bare-api-server.ts runs the server as a process of its own.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { createVerifier } from "fast-jwt";
import pg from "pg";

/** A statement as the app sent it: named where the app names it, so PostgreSQL parses it once per connection. */
export interface SentStatement {
  name?: string;
  text: string;
  values: unknown[];
}

/** The statements sent through `pool.query` while `run` runs, and what `run` returned. */
export async function recordStatements<T>(
  pool: pg.Pool,
  run: () => Promise<T>,
): Promise<{ sent: SentStatement[]; result: T }> {
  const sent: SentStatement[] = [];
  const realQuery = pool.query.bind(pool);
  pool.query = ((config: { name?: string; text: string; values?: unknown[] }, values?: unknown[]) => {
    sent.push({ name: config.name, text: config.text, values: config.values ?? values ?? [] });
    return (realQuery as (...args: unknown[]) => unknown)(config, values);
  }) as typeof pool.query;
  try {
    return { sent, result: await run() };
  } finally {
    pool.query = realQuery;
  }
}

export interface BareApiOptions {
  databaseUrl: string;
  jwtSecret: string;
  statements: SentStatement[];
  poolSize: number;
  port?: number;
}

export interface BareApiServer {
  port: number;
  close(): Promise<void>;
}

/** Answers every request with the token checked and the statements sent, the last one's first row as JSON. */
export async function startBareApiServer(options: BareApiOptions): Promise<BareApiServer> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  // An idle connection the server ends (a dropped bench database) is no reason to crash the bench.
  pool.on("error", () => {});
  const verify = createVerifier({ key: options.jwtSecret });
  const server = http.createServer(async (request, response) => {
    try {
      const token = (request.headers.authorization ?? "").replace(/^Bearer /, "");
      verify(token);
      let last: unknown;
      for (const statement of options.statements) last = (await pool.query(statement)).rows[0];
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(last));
    } catch (error) {
      response.writeHead(401);
      response.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

export interface LoadResult {
  requestsPerSecond: number;
  p99: number;
  errors: number;
}

export async function load(
  url: string,
  token: string,
  { connections, duration }: { connections: number; duration: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections,
    duration,
    // The load generator gets its own thread, so it does not share the event loop of the server it measures.
    workers: 1,
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

export function meanOf(rounds: LoadResult[]): LoadResult {
  const mean = (pick: (round: LoadResult) => number) =>
    rounds.reduce((sum, round) => sum + pick(round), 0) / rounds.length;
  return {
    requestsPerSecond: mean((round) => round.requestsPerSecond),
    p99: mean((round) => round.p99),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
  };
}
