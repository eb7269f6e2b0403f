import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { adminPlugin } from "../../src/http/admin-spa.js";
import { adminBuildFolder } from "../../src/paths.js";
import { buildTestApp } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { ensureAdminBuilt } from "./harness.js";

describe("the admin SPA served at /admin", () => {
  let testDb: TestDatabase;
  let app: App;
  let script: string;

  beforeAll(async () => {
    await ensureAdminBuilt();
    testDb = await createTestDatabase();
    app = await buildTestApp(testDb);
    const asset = readdirSync(path.join(adminBuildFolder, "assets")).find((file) => file.endsWith(".js"));
    script = `/admin/assets/${asset}`;
  });

  afterAll(async () => {
    await app?.close();
    await testDb?.destroy();
  });

  it("serves index.html at /admin/, revalidated on every visit, and / and /admin lead there", async () => {
    for (const url of ["/", "/admin"]) {
      const redirect = await app.inject(url);
      expect(redirect.statusCode).toBe(302);
      expect(redirect.headers.location).toBe("/admin/");
    }
    const page = await app.inject("/admin/");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.body).toContain(script);
    // Everything comes from this server: no CDN, no web fonts from elsewhere.
    expect(page.body).not.toMatch(/https?:\/\//);
  });

  it("serves hashed assets with a year-long immutable cache, gzipped when the browser accepts it", async () => {
    const plain = await app.inject(script);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const gzipped = await app.inject({ url: script, headers: { "accept-encoding": "gzip" } });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
  });

  it("answers client-side routes with index.html, but a missing asset with 404", async () => {
    const deep = await app.inject("/admin/companies/12/show");
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
    const missing = await app.inject("/admin/assets/index-missing.js");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("not_found");
  });

  it("says to run the build when dist/admin is missing", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "supplynet-no-admin-"));
    const bare = Fastify();
    await bare.register(adminPlugin, { folder: empty });
    try {
      const page = await bare.inject("/admin/");
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain("npm run build");
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true });
    }
  });
});
