import { afterAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { buildTestApp, testConfig } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

/** Small enough to reach in a test; failures stay generous so only the per-IP limit answers 429. */
const PER_IP = 3;
const PROXY = "10.0.0.7";

const t = testApp({ app: false, truncate: false });
const apps: App[] = [];

async function appTrusting(trustProxy: Config["trustProxy"]): Promise<App> {
  const { authRateLimit } = testConfig();
  const app = await buildTestApp(t.testDb, {
    config: { trustProxy, authRateLimit: { ...authRateLimit, perIp: PER_IP, failures: 1000 } },
  });
  apps.push(app);
  return app;
}

/** A login (to an account that does not exist) arriving from the proxy on behalf of `forwardedFor`. */
const loginVia = (app: App, forwardedFor: string) =>
  app.inject({
    method: "POST",
    url: "/api/v1/auth/token",
    remoteAddress: PROXY,
    headers: { "x-forwarded-for": forwardedFor },
    payload: { email: "nobody@example.com", password: "wrong" },
  });

afterAll(async () => {
  for (const app of apps) await app.close();
});

describe("TRUST_PROXY decides whose address the per-IP limits count", () => {
  it("off (the default): X-Forwarded-For is ignored, so every client behind the proxy shares its budget", async () => {
    const app = await appTrusting(false);
    const statuses = [];
    for (let client = 1; client <= PER_IP + 1; client++) {
      statuses.push((await loginVia(app, `203.0.113.${client}`)).statusCode);
    }
    expect(statuses).toEqual([...Array(PER_IP).fill(401), 429]);
    const limited = await loginVia(app, "198.51.100.1");
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("throttled");
  });

  it("one hop: each client the proxy names has a budget of its own", async () => {
    const app = await appTrusting(1);
    for (let attempt = 0; attempt < PER_IP; attempt++) {
      expect((await loginVia(app, "203.0.113.1")).statusCode).toBe(401);
    }
    expect((await loginVia(app, "203.0.113.1")).statusCode).toBe(429);
    // What the client wrote itself sits left of the address the proxy appended, and is not believed.
    expect((await loginVia(app, "198.51.100.99, 203.0.113.1")).statusCode).toBe(429);
    expect((await loginVia(app, "203.0.113.2")).statusCode).toBe(401);
  });

  it("a list of proxy addresses: only those proxies are believed", async () => {
    const app = await appTrusting([PROXY]);
    for (let attempt = 0; attempt < PER_IP; attempt++) {
      expect((await loginVia(app, "203.0.113.1")).statusCode).toBe(401);
    }
    expect((await loginVia(app, "203.0.113.1")).statusCode).toBe(429);
    expect((await loginVia(app, "203.0.113.2")).statusCode).toBe(401);
    const direct = await app.inject({
      method: "POST",
      url: "/api/v1/auth/token",
      remoteAddress: "192.0.2.50",
      headers: { "x-forwarded-for": "203.0.113.2" },
      payload: { email: "nobody@example.com", password: "wrong" },
    });
    // Not from a trusted proxy: the header is ignored and 192.0.2.50 has its own fresh budget.
    expect(direct.statusCode).toBe(401);
  });
});
