import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { openDatabase } from "../../src/db/client.js";
import { migrationsFolder } from "../../src/paths.js";
import { buildTestApp } from "../helpers/app.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";
import { tcpProxy } from "../helpers/tcp-proxy.js";

/** The tag of the newest committed migration. */
function latestMigration(): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"));
  return journal.entries.at(-1).tag;
}

const t = testApp({ truncate: false });

/** The answer and how long it took. */
async function timed(target: App, url: string) {
  const started = performance.now();
  const response = await target.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json(), ms: performance.now() - started };
}

describe("/health (liveness) and /ready (readiness)", () => {
  it("both answer 200 on a migrated, reachable database", async () => {
    const health = await timed(t.app, "/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", database: { status: "ok", driver: testDriver } });
    expect(typeof health.body.database.latency_ms).toBe("number");
    const ready = await timed(t.app, "/ready");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: "ready",
      database: { status: "ok" },
      migrations: { pending: [] },
    });
  });

  it("are never rate limited", async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) => t.app.inject({ url: index % 2 ? "/health" : "/ready" })),
    );
    expect(new Set(answers.map((answer) => answer.statusCode))).toEqual(new Set([200]));
  });

  it("are documented in the OpenAPI document with their schemas", async () => {
    const doc = (await t.app.inject({ url: "/openapi.json" })).json();
    const health = doc.paths["/health"].get.responses;
    expect(Object.keys(health)).toEqual(["200"]);
    expect(Object.keys(health["200"].content["application/json"].schema.properties)).toEqual([
      "status",
      "database",
    ]);
    const ready = doc.paths["/ready"].get.responses;
    expect(Object.keys(ready).sort()).toEqual(["200", "503"]);
    expect(Object.keys(ready["503"].content["application/json"].schema.properties)).toEqual([
      "error",
      "database",
      "migrations",
    ]);
  });

  it("/ready answers 503 naming the pending migration, while /health stays 200", async () => {
    const { rows } = await t.testDb.database.executeSql<{ id: number; hash: string; created_at: string }>(
      "delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations) returning id, hash, created_at::text",
    );
    try {
      const ready = await timed(t.app, "/ready");
      expect(ready.status).toBe(503);
      expect(ready.body.error).toEqual({
        code: "not_ready",
        message: expect.stringContaining("supplynet migrate"),
        fields: {},
      });
      expect(ready.body.migrations).toEqual({ pending: [latestMigration()] });
      expect(ready.body.database.status).toBe("ok");
      const health = await timed(t.app, "/health");
      expect(health.status).toBe(200);
      expect(health.body.status).toBe("ok");
    } finally {
      const [row] = rows;
      await t.testDb.database.executeSql(
        "insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)",
        [row?.id, row?.hash, row?.created_at],
      );
    }
    expect((await timed(t.app, "/ready")).status).toBe(200);
  });

  it.runIf(testDriver === "pg")(
    "with PostgreSQL refusing or hanging, /health is 200 within a second and /ready is 503",
    async () => {
      const proxy = await tcpProxy(t.testDb.url as string);
      const database = await openDatabase({ databaseUrl: proxy.url, poolSize: 2 });
      // Its queue stays on the test's own database: only the probes' connection is cut.
      const cut = await buildTestApp({ database, url: proxy.url }, { jobs: t.queue });
      try {
        expect((await timed(cut, "/ready")).status).toBe(200);

        await proxy.refuse();
        for (const [url, status] of [
          ["/health", 200],
          ["/ready", 503],
        ] as const) {
          const answer = await timed(cut, url);
          expect(answer.status, url).toBe(status);
          expect(answer.body.database.status, url).toBe("unreachable");
          expect(answer.ms, url).toBeLessThan(1000);
        }
        expect((await timed(cut, "/health")).body.status).toBe("degraded");
        expect((await timed(cut, "/ready")).body.error.code).toBe("not_ready");

        // A server that accepts and never answers: pg would wait 5 s for it, the probes only 500 ms.
        await proxy.hang();
        for (const [url, status] of [
          ["/health", 200],
          ["/ready", 503],
        ] as const) {
          const answer = await timed(cut, url);
          expect(answer.status, url).toBe(status);
          expect(answer.body.database.status, url).toBe("timeout");
          expect(answer.ms, url).toBeLessThan(1000);
        }
      } finally {
        await cut.close();
        await proxy.close();
        await database.close();
      }
    },
  );
});
