import { beforeAll, describe, expect, it } from "vitest";
import { apiWithoutTrailingSlash } from "../../src/http/trailing-slash.js";
import { createChain, createUser, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

/** What a DRF client takes for granted of the API: pages, 401s, trailing slashes, the root. */

const t = testApp({ truncate: false });
let staff: TestUser;
let employee: TestUser;
let companyId: number;

beforeAll(async () => {
  const chain = await createChain(t.testDb, "Alpha");
  companyId = chain[2]?.id as number;
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  employee = await createUser(t.app, t.testDb, { email: "a@example.com", role: "employee", companyId });
  await t.sql("insert into products (name, model) values ('P1', 'M'), ('P2', 'M'), ('P3', 'M')");
});

const get = (url: string, caller?: TestUser, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers: { ...caller?.headers, ...headers } });

/** The document's operations with a `page` query parameter, with their {params} filled in. */
async function pagedUrls(): Promise<string[]> {
  const document = (await get("/openapi.json")).json();
  const urls: string[] = [];
  for (const [path, operations] of Object.entries<Record<string, { parameters?: { name: string }[] }>>(
    document.paths,
  )) {
    if (operations.get?.parameters?.some((parameter) => parameter.name === "page"))
      urls.push(path.replace(/\{\w+\}/g, String(companyId)));
  }
  return urls;
}

describe("an out-of-range page", () => {
  it("answers 404 Invalid page., as DRF does, in the caller's language", async () => {
    expect((await get("/api/v1/products?page_size=2&page=2", staff)).json()).toMatchObject({
      count: 3,
      next: null,
      previous: "http://supplynet.test/api/v1/products?page_size=2",
    });
    const beyond = await get("/api/v1/products?page_size=2&page=3", staff);
    expect(beyond.statusCode).toBe(404);
    expect(beyond.json()).toEqual({ error: { code: "not_found", message: "Invalid page.", fields: {} } });
    const russian = await get("/api/v1/products?page=2", staff, { "accept-language": "ru" });
    expect(russian.statusCode).toBe(404);
    expect(russian.json().error.message).toBe("Неверная страница.");
  });

  it("counts the caller's rows: a page the employee's scope does not reach is invalid for them alone", async () => {
    expect((await get("/api/v1/companies?page_size=1&page=5", staff)).statusCode).toBe(200);
    expect((await get("/api/v1/companies?page_size=1&page=5", employee)).statusCode).toBe(404);
  });

  it("keeps the first page of an empty list an empty 200", async () => {
    const empty = await get("/api/v1/products?search=nothing-like-this", staff);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({
      count: 0,
      count_is_estimate: false,
      next: null,
      previous: null,
      results: [],
    });
    expect((await get("/api/v1/products?search=nothing-like-this&page=2", staff)).statusCode).toBe(404);
  });

  it("is refused on every paged list, and documented as its 404", async () => {
    const urls = await pagedUrls();
    expect(urls).toEqual(
      expect.arrayContaining([
        "/api/v1/companies",
        "/api/v1/products",
        "/api/v1/employees",
        `/api/v1/companies/${companyId}/products`,
        `/api/v1/companies/${companyId}/employees`,
      ]),
    );
    const document = (await get("/openapi.json")).json();
    for (const url of urls) {
      const response = await get(`${url}?page=999`, staff);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error, url).toMatchObject({ code: "not_found", message: "Invalid page." });
      const path = url.replace(String(companyId), "{id}");
      expect(document.paths[path].get.responses["404"]?.description, url).toMatch(/page/i);
    }
  });
});

describe("a 401", () => {
  it("says how to authenticate, WWW-Authenticate: Bearer, on every route that needs a token", async () => {
    const problems: string[] = [];
    for (const route of t.app.apiRoutes.filter((route) => route.access !== "public")) {
      const response = await t.app.inject({
        method: route.method as "GET",
        url: route.url.replace(/:\w+/g, "1"),
        headers: { authorization: "Bearer not-a-token" },
      });
      if (response.statusCode !== 401 || response.headers["www-authenticate"] !== 'Bearer realm="api"')
        problems.push(
          `${route.method} ${route.url}: ${response.statusCode} ${response.headers["www-authenticate"]}`,
        );
    }
    expect(problems).toEqual([]);
  });

  it("says it after a wrong password and without an admin session too", async () => {
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/token",
      payload: { email: "staff@example.com", password: "wrong" },
    });
    expect(login.statusCode).toBe(401);
    expect(login.headers["www-authenticate"]).toBe('Bearer realm="api"');
    const session = await t.app.inject({ method: "POST", url: "/api/v1/auth/session/refresh", payload: {} });
    expect(session.statusCode).toBe(401);
    expect(session.headers["www-authenticate"]).toBe('Bearer realm="api"');
  });

  it("is the only answer that says it", async () => {
    expect((await get("/api/v1/companies", employee)).headers["www-authenticate"]).toBeUndefined();
    expect((await get("/api/v1/stats", employee)).statusCode).toBe(403);
    expect((await get("/api/v1/stats", employee)).headers["www-authenticate"]).toBeUndefined();
  });
});

describe("a trailing slash", () => {
  it("means the same as none on every /api GET route", async () => {
    const problems: string[] = [];
    for (const route of t.app.apiRoutes.filter((route) => route.method === "GET")) {
      const url = route.url.replace(/:\w+/g, String(companyId));
      const [bare, slashed] = [await get(url, staff), await get(`${url}/`, staff)];
      if (bare.statusCode !== slashed.statusCode)
        problems.push(
          `${url}: ${bare.statusCode} without, ${slashed.statusCode} ${slashed.body.slice(0, 120)} with`,
        );
    }
    expect(problems).toEqual([]);
  });

  it("reads the list, not an empty id, and keeps the query string", async () => {
    const list = await get("/api/v1/companies/?page_size=1&ordering=id", staff);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().results).toHaveLength(1);
    expect(list.json().next).toBe("http://supplynet.test/api/v1/companies?page_size=1&ordering=id&page=2");
    const detail = await get(`/api/v1/companies/${companyId}/`, staff);
    expect(detail.json()).toEqual((await get(`/api/v1/companies/${companyId}`, staff)).json());
  });

  it("works for writes too", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/products/",
      headers: staff.headers,
      payload: { name: "Slashed", model: "S1" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    const patched = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/products/${id}/`,
      headers: staff.headers,
      payload: { model: "S2" },
    });
    expect(patched.json()).toMatchObject({ id, model: "S2" });
  });

  it("is left alone outside /api, where /admin and /admin/ differ", () => {
    expect(apiWithoutTrailingSlash({ url: "/admin/" })).toBe("/admin/");
    expect(apiWithoutTrailingSlash({ url: "/api/v1/companies/?a=/b/" })).toBe("/api/v1/companies?a=/b/");
    expect(apiWithoutTrailingSlash({ url: "/api/v1/companies?a=/" })).toBe("/api/v1/companies?a=/");
  });
});

describe("the API root", () => {
  it("links every resource, with and without the slash, to anyone", async () => {
    for (const url of ["/api/v1", "/api/v1/"]) {
      const root = await get(url);
      expect(root.statusCode, url).toBe(200);
      const links = root.json();
      expect(links).toMatchObject({
        employees: "http://supplynet.test/api/v1/employees",
        companies: "http://supplynet.test/api/v1/companies",
        products: "http://supplynet.test/api/v1/products",
        stats: "http://supplynet.test/api/v1/stats",
        jobs: "http://supplynet.test/api/v1/jobs",
        schedules: "http://supplynet.test/api/v1/schedules",
      });
      for (const [name, link] of Object.entries(links))
        expect(link).toBe(`http://supplynet.test/api/v1/${name}`);
      // Only the resources: not the auth actions, nor a route of one id or below one (jobs/:id, jobs/queues).
      expect(Object.keys(links)).not.toContain("auth");
      expect(Object.keys(links).filter((name) => !/^\w+$/.test(name))).toEqual([]);
    }
  });

  it("refuses a query it cannot read, naming it", async () => {
    const response = await get("/api/v1/?format=api");
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual({ format: ["Unknown field."] });
  });

  it("links addresses that answer", async () => {
    for (const link of Object.values<string>((await get("/api/v1")).json())) {
      const response = await get(new URL(link).pathname, staff);
      expect(response.statusCode, link).toBe(200);
    }
  });
});
