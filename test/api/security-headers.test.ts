import { beforeAll, describe, expect, it } from "vitest";
import { createUser, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

/** Parses a CSP header into its directives. */
function directives(header: unknown): Record<string, string[]> {
  expect(typeof header, "content-security-policy header").toBe("string");
  return Object.fromEntries(
    String(header)
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

/** Every inline <script> in a page: a script element without a src attribute. */
const inlineScripts = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
    ([, attributes]) => !/\bsrc=/i.test(attributes ?? ""),
  );

describe("security headers", () => {
  const t = testApp({ truncate: false });
  let staff: TestUser;

  beforeAll(async () => {
    staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  });

  // The admin answers 503 with a page when it is not built; its headers are the same either way.
  const pages = [
    "/admin/",
    "/admin/companies",
    "/swagger",
    "/swagger/",
    "/swagger/static/swagger-initializer.js",
    "/redoc",
    "/redoc/redoc.standalone.js",
    "/openapi.json",
    "/health",
    "/api/v1/companies",
    "/api/v1/nothing-here",
    "/nothing-here",
  ];

  it.each(pages)("%s has the CSP, nosniff, frame protection and a referrer policy", async (url) => {
    const response = await t.app.inject(url);
    expect(response.statusCode).toBeLessThan(600);
    const csp = directives(response.headers["content-security-policy"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["script-src"]).toEqual(["'self'"]);
    expect(csp["script-src-attr"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["worker-src"]).toEqual(["'self'", "blob:"]);
    expect(csp["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
    // Over http, no HSTS and no upgrade of the page's requests to https.
    expect(response.headers["strict-transport-security"]).toBeUndefined();
    expect(csp["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("no script anywhere needs 'unsafe-inline' or 'unsafe-eval'", async () => {
    for (const url of ["/admin/", "/swagger/", "/swagger", "/redoc"]) {
      const page = await t.app.inject(url);
      const csp = String(page.headers["content-security-policy"]);
      expect(csp).not.toContain("unsafe-eval");
      expect(csp.split(";").find((part) => part.trim().startsWith("script-src "))).not.toContain("unsafe");
      expect(inlineScripts(page.body), url).toEqual([]);
    }
  });

  it("keeps every authenticated API answer out of caches, the 401 too", async () => {
    const ok = await t.app.inject({ url: "/api/v1/auth/me", headers: staff.headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["cache-control"]).toBe("no-store");
    const refused = await t.app.inject({ url: "/api/v1/companies" });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers["cache-control"]).toBe("no-store");
    expect(refused.headers["content-security-policy"]).toBeDefined();
    const list = await t.app.inject({ url: "/api/v1/companies", headers: staff.headers });
    expect(list.statusCode).toBe(200);
    expect(list.headers["cache-control"]).toBe("no-store");
  });

  it("keeps token answers of the public auth routes out of caches too", async () => {
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/token",
      payload: { email: "staff@example.com", password: "wrong" },
    });
    expect(login.statusCode).toBe(401);
    expect(login.headers["cache-control"]).toBe("no-store");
  });

  it("lets the docs and the admin's assets be cached as before", async () => {
    expect((await t.app.inject("/redoc/redoc.standalone.js")).headers["cache-control"]).toBe(
      "public, max-age=86400",
    );
    expect((await t.app.inject("/admin/")).headers["cache-control"]).toBe("no-cache");
  });

  it("serves Redoc with its logo from this server, never from a CDN", async () => {
    const bundle = await t.app.inject("/redoc/redoc.standalone.js");
    expect(bundle.body).not.toContain("cdn.redoc.ly");
    expect(bundle.body).toContain('"/redoc/logo.svg"');
    const logo = await t.app.inject("/redoc/logo.svg");
    expect(logo.statusCode).toBe(200);
    expect(logo.headers["content-type"]).toContain("image/svg+xml");
  });
});

describe("security headers behind https", () => {
  const t = testApp({ config: { publicUrl: "https://supplynet.example" }, truncate: false });

  it("sends HSTS and upgrades insecure requests when PUBLIC_URL is https", async () => {
    for (const url of ["/admin/", "/api/v1/companies", "/redoc"]) {
      const response = await t.app.inject(url);
      expect(response.headers["strict-transport-security"], url).toBe("max-age=31536000; includeSubDomains");
      expect(directives(response.headers["content-security-policy"])["upgrade-insecure-requests"]).toEqual(
        [],
      );
    }
  });
});
