import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { buildTestApp, createChain, createUser, type TestUser } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

let testDb: TestDatabase;
let app: App;
let staff: TestUser;
let distributorId: number;
let productId: number;

/** Every refusal is a 4xx in the design's error shape; never a 500. */
function expectClientError(response: LightMyRequestResponse, status?: number) {
  expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, response.body).toBeLessThan(500);
  if (status) expect(response.statusCode, response.body).toBe(status);
  const body = response.json();
  expect(body).toEqual({
    error: { code: expect.any(String), message: expect.any(String), fields: expect.any(Object) },
  });
  return body.error as { code: string; message: string; fields: Record<string, string[]> };
}

function request(method: string, url: string, payload?: string | object, contentType = "application/json") {
  return app.inject({
    method: method as "POST",
    url: `/api/v1${url}`,
    headers: payload === undefined ? staff.headers : { ...staff.headers, "content-type": contentType },
    payload,
  });
}

interface WriteRoute {
  method: "POST" | "PATCH";
  url: () => string;
  valid: () => Record<string, unknown>;
  /** Values of the wrong type (or shape) for each field, that no coercion can save. */
  wrongTypes: Record<string, unknown>;
}

const companyWrongTypes = {
  name: { first: "a" },
  email: "not-an-email",
  country: ["a", "b"],
  level: 3,
  supplier_id: "abc",
  product_ids: ["x"],
};

const writeRoutes: Record<string, WriteRoute> = {
  "POST /companies": {
    method: "POST",
    url: () => "/companies",
    valid: () => ({
      name: "Valid",
      email: "valid@example.com",
      country: "RU",
      city: "Tula",
      street: "Lenina",
      house_number: "1",
      level: "dealership",
      supplier_id: distributorId,
      debt: "10.00",
      product_ids: [productId],
    }),
    wrongTypes: { ...companyWrongTypes, debt: "-5.00" },
  },
  "PATCH /companies/{id}": {
    method: "PATCH",
    url: () => `/companies/${distributorId}`,
    valid: () => ({ name: "Renamed", product_ids: [productId] }),
    wrongTypes: companyWrongTypes,
  },
  "POST /products": {
    method: "POST",
    url: () => "/products",
    valid: () => ({ name: `Product ${Math.random()}`, model: "M", release_date: "2024-01-31" }),
    wrongTypes: { name: { a: 1 }, model: [1, 2], release_date: "yesterday" },
  },
  "PATCH /products/{id}": {
    method: "PATCH",
    url: () => `/products/${productId}`,
    valid: () => ({ name: "Renamed product" }),
    wrongTypes: { name: { a: 1 }, release_date: 20240131 },
  },
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await buildTestApp(testDb);
  const chain = await createChain(testDb, "Alpha");
  distributorId = chain[1]?.id as number;
  staff = await createUser(app, testDb, { email: "staff@example.com", role: "staff" });
  const { rows } = await testDb.database.executeSql<{ id: number }>(
    "insert into products (name, model) values ('P', 'M') returning id",
  );
  productId = rows[0]?.id as number;
});
afterAll(async () => {
  await app.close();
  await testDb.destroy();
});

describe.each(Object.entries(writeRoutes))("%s", (_name, route) => {
  it("accepts the valid body (so the refusals below are about the bad part only)", async () => {
    const response = await request(route.method, route.url(), route.valid());
    expect(response.statusCode, response.body).toBeLessThan(300);
  });

  it("refuses malformed JSON, an empty body, a non-object body and a non-JSON content type", async () => {
    expectClientError(await request(route.method, route.url(), '{"name": "x",'), 400);
    expectClientError(await request(route.method, route.url(), "{'name': 'x'}"), 400);
    expectClientError(await request(route.method, route.url(), ""), 400);
    expectClientError(await request(route.method, route.url(), "[1, 2]"), 400);
    expectClientError(await request(route.method, route.url(), '"text"'), 400);
    expectClientError(await request(route.method, route.url(), '{"__proto__": {"x": 1}}'), 400);
    expectClientError(await request(route.method, route.url(), "<name>x</name>", "application/xml"), 415);
  });

  it("names every field of the wrong type", async () => {
    const response = await request(route.method, route.url(), { ...route.valid(), ...route.wrongTypes });
    const error = expectClientError(response, 400);
    expect(Object.keys(error.fields).map((field) => field.split(".")[0])).toEqual(
      expect.arrayContaining(Object.keys(route.wrongTypes)),
    );
  });

  it("names unknown fields", async () => {
    const response = await request(route.method, route.url(), {
      ...route.valid(),
      colour: "red",
      is_staff: true,
    });
    const error = expectClientError(response, 400);
    expect(error.fields.colour).toEqual(["Unknown field."]);
    expect(error.fields.is_staff).toEqual(["Unknown field."]);
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const response = await request(route.method, route.url(), {
      ...route.valid(),
      name: "x".repeat(1_100_000),
    });
    expect(expectClientError(response, 413).code).toBe("payload_too_large");
  });

  it("refuses over-long and blank text and NUL bytes without a 500", async () => {
    expectClientError(
      await request(route.method, route.url(), { ...route.valid(), name: "x".repeat(5000) }),
      400,
    );
    expectClientError(await request(route.method, route.url(), { ...route.valid(), name: "" }), 400);
    expectClientError(await request(route.method, route.url(), { ...route.valid(), name: " \t " }), 400);
    expectClientError(
      await request(route.method, route.url(), { ...route.valid(), name: "nul\u0000byte" }),
      400,
    );
  });
});

describe("bad values the schemas cannot see", () => {
  it("refuses impossible dates and malformed money", async () => {
    for (const date of ["2024-02-30", "2024-13-01", "0000-00-00", "99999-01-01"]) {
      const error = expectClientError(
        await request("POST", "/products", { name: "D", model: date, release_date: date }),
      );
      expect(error.fields).toHaveProperty("release_date");
    }
    const company = writeRoutes["POST /companies"]?.valid() ?? {};
    for (const debt of ["1e5", "12.345", "NaN", "99999999999999.00", " 1.00", "1,00"]) {
      const error = expectClientError(await request("POST", "/companies", { ...company, debt }), 400);
      expect(error.fields).toHaveProperty("debt");
    }
  });

  it("refuses duplicate product ids and out-of-range ids in bodies", async () => {
    const company = writeRoutes["POST /companies"]?.valid() ?? {};
    for (const productIds of [[productId, productId], [0], [-1], [2 ** 31], [1.5]]) {
      const error = expectClientError(
        await request("POST", "/companies", { ...company, product_ids: productIds }),
        400,
      );
      expect(Object.keys(error.fields)[0]).toMatch(/^product_ids/);
    }
    const error = expectClientError(
      await request("POST", "/companies", { ...company, supplier_id: 99_999_999_999 }),
      400,
    );
    expect(error.fields).toHaveProperty("supplier_id");
  });
});

describe("bad ids, query strings and search text", () => {
  const idRoutes = [
    ["GET", "/companies/{id}"],
    ["PATCH", "/companies/{id}"],
    ["DELETE", "/companies/{id}"],
    ["GET", "/companies/{id}/products"],
    ["GET", "/companies/{id}/tree"],
    ["GET", "/products/{id}"],
    ["PATCH", "/products/{id}"],
    ["DELETE", "/products/{id}"],
  ] as const;

  it.each(idRoutes)("%s %s answers 400 naming id for ids that are not ids", async (method, path) => {
    for (const bad of ["abc", "-1", "0", "1.5", "99999999999", "1;drop", "%27"]) {
      const payload = method === "PATCH" ? { name: "x" } : undefined;
      const error = expectClientError(await request(method, path.replace("{id}", bad), payload), 400);
      expect(error.fields).toHaveProperty("id");
    }
  });

  const lists = ["/companies", "/products", "/companies/debt_above_average", `/companies/{company}/products`];

  it.each(lists)("%s refuses bad pagination and ordering, naming the parameter", async (path) => {
    const url = path.replace("{company}", String(distributorId));
    const cases: [string, string][] = [
      ["page_size=1000", "page_size"],
      ["page_size=0", "page_size"],
      ["page=0", "page"],
      ["page=abc", "page"],
      ["page=99999999999", "page"],
      ["ordering=password", "ordering"],
      ["ordering=-id;drop%20table%20companies", "ordering"],
      ["colour=red", "colour"],
    ];
    for (const [query, field] of cases) {
      const error = expectClientError(await request("GET", `${url}?${query}`), 400);
      expect(Object.keys(error.fields), query).toContain(field);
    }
  });

  it("takes SQL and LIKE metacharacters in search as plain text", async () => {
    const nasty = [
      "%",
      "_",
      "\\",
      "'",
      '"',
      ";--",
      "' OR '1'='1",
      "%' union select * from users --",
      "\u0000",
      "😀",
    ];
    for (const path of ["/companies", "/products", `/companies/${distributorId}/products`]) {
      for (const search of nasty) {
        const response = await request("GET", `${path}?search=${encodeURIComponent(search)}`);
        if (response.statusCode === 200) expect(response.json().count, `${path} ${search}`).toBe(0);
        else expectClientError(response, 400);
      }
    }
  });

  it("refuses bad filter values on the company list, naming them", async () => {
    const cases: [string, string][] = [
      ["level=5", "level"],
      ["supplier=abc", "supplier"],
      ["product=-3", "product"],
      ["has_debt=maybe", "has_debt"],
      [`city=${"x".repeat(500)}`, "city"],
    ];
    for (const [query, field] of cases) {
      const error = expectClientError(await request("GET", `/companies?${query}`), 400);
      expect(Object.keys(error.fields)).toContain(field);
    }
  });
});
