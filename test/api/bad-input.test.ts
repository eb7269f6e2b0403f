import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT } from "../../src/app.js";
import { companies } from "../../src/db/schema.js";
import { HttpError, MAX_FIELD_NAME, MAX_NAMED_FIELDS } from "../../src/http/errors.js";
import { orderingOf } from "../../src/http/listing.js";
import { createChain, createUser, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { PROTOTYPE_MEMBERS } from "../helpers/fuzz.js";

const t = testApp({ truncate: false });
let staff: TestUser;
let employee: TestUser;
let colleague: TestUser;
let distributorId: number;
let entrepreneurId: number;
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
  return t.app.inject({
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
  const chain = await createChain(t.testDb, "Alpha");
  distributorId = chain[1]?.id as number;
  entrepreneurId = chain[4]?.id as number;
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  employee = await createUser(t.app, t.testDb, {
    email: "anna@example.com",
    role: "employee",
    companyId: entrepreneurId,
  });
  colleague = await createUser(t.app, t.testDb, {
    email: "boris@example.com",
    role: "employee",
    companyId: entrepreneurId,
  });
  const { rows } = await t.testDb.database.executeSql<{ id: number }>(
    "insert into products (name, model) values ('P', 'M') returning id",
  );
  productId = rows[0]?.id as number;
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

  it("refuses a body over the app's limit with 413", async () => {
    const response = await request(route.method, route.url(), {
      ...route.valid(),
      name: "x".repeat(BODY_LIMIT),
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

let nextAddress = 0;
/** As `user` (or anonymous), from an address of its own, so that no per-IP budget runs out across cases. */
function send(user: TestUser | null, method: string, url: string, payload?: string | object) {
  nextAddress++;
  return t.app.inject({
    method: method as "POST",
    url: `/api/v1${url}`,
    remoteAddress: `10.9.${nextAddress >> 8}.${nextAddress & 255}`,
    headers: {
      ...(user?.headers ?? {}),
      ...(payload !== undefined && { "content-type": "application/json" }),
    },
    payload,
  });
}

describe("field names that are members of Object.prototype", () => {
  /** A body with `name` as a key of its own, written by hand: an object literal would set a prototype. */
  const bodyWith = (valid: Record<string, unknown>, name: string) =>
    `{${[...Object.entries(valid).map(([key, value]) => `"${key}":${JSON.stringify(value)}`), `"${name}":1`].join(",")}}`;

  /** A 400 in the error shape; the field is named unless the JSON parser refused the key itself. */
  function expectNamed(response: LightMyRequestResponse, name: string, where: "body" | "query") {
    const error = expectClientError(response, 400);
    if (where === "body" && name === "__proto__") expect(error.code).toBe("parse_error");
    else expect(error.fields[name], response.body).toEqual(["Unknown field."]);
  }

  it.each(PROTOTYPE_MEMBERS)("%s in the body of a public route, anonymously", async (name) => {
    expectNamed(await send(null, "POST", "/auth/token/refresh", bodyWith({}, name)), name, "body");
    expectNamed(await send(null, "POST", "/auth/logout", bodyWith({ refresh: "x" }, name)), name, "body");
    const login = bodyWith({ email: "a@example.com", password: "1" }, name);
    expectNamed(await send(null, "POST", "/auth/token", login), name, "body");
  });

  it.each(PROTOTYPE_MEMBERS)("%s is no ordering column, even past the schema", (name) => {
    const columns = { name: companies.name };
    for (const ordering of [name, `-${name}`]) {
      expect(() => orderingOf(ordering, columns as never, companies.id)).toThrow(HttpError);
    }
  });

  it.each(PROTOTYPE_MEMBERS)("%s in a query string, as an employee", async (name) => {
    expectNamed(await send(employee, "GET", `/companies?${name}=x`), name, "query");
    expectNamed(
      await send(employee, "GET", `/companies/${entrepreneurId}/employees?${name}=x`),
      name,
      "query",
    );
  });

  it.each(PROTOTYPE_MEMBERS)("%s in bodies and query strings, as staff", async (name) => {
    expectNamed(await send(staff, "PATCH", `/companies/${distributorId}`, bodyWith({}, name)), name, "body");
    expectNamed(
      await send(staff, "POST", "/products", bodyWith({ name: "N", model: "M" }, name)),
      name,
      "body",
    );
    expectNamed(await send(staff, "GET", `/products?${name}=x`), name, "query");
    expectNamed(await send(staff, "GET", `/employees?page=1&${name}=x`), name, "query");
  });
});

describe("JSON bodies are taken as typed; only query strings and paths are coerced", () => {
  const isActive = async (id: number) =>
    (
      await t.testDb.database.executeSql<{ is_active: boolean }>(
        "select is_active from users where id = $1",
        [id],
      )
    ).rows[0]?.is_active;

  it("a string or a number is not a boolean: the employee stays active", async () => {
    for (const value of ["false", 0, "0", [false], null]) {
      const error = expectClientError(
        await send(staff, "PATCH", `/employees/${colleague.id}`, { is_active: value }),
        400,
      );
      expect(Object.keys(error.fields), JSON.stringify(value)).toEqual(["is_active"]);
    }
    expect(await isActive(colleague.id)).toBe(true);
  });

  it("a number or a one-item list is not a string, and a string is not a number", async () => {
    for (const name of [1.5, 7, true, ["a"]]) {
      const error = expectClientError(await send(staff, "POST", "/products", { name, model: "M" }), 400);
      expect(Object.keys(error.fields), JSON.stringify(name)).toEqual(["name"]);
    }
    const company = writeRoutes["POST /companies"]?.valid() ?? {};
    for (const [field, value] of [
      ["supplier_id", String(distributorId)],
      ["product_ids", productId],
      ["product_ids", [String(productId)]],
      ["level", ["dealership"]],
    ] as const) {
      const error = expectClientError(
        await send(staff, "POST", "/companies", { ...company, [field]: value }),
        400,
      );
      expect(Object.keys(error.fields)[0]).toMatch(new RegExp(`^${field}`));
    }
    const { rows } = await t.testDb.database.executeSql<{ n: number }>(
      "select count(*)::int as n from products where name in ('1.5', '7', 'true', 'a')",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it("an id in a path is decimal digits: 1e2, 0x2, +2 and ' 2' name no company", async () => {
    for (const id of [
      "1e2",
      `0x${distributorId.toString(16)}`,
      `+${distributorId}`,
      `%20${distributorId}`,
      `${distributorId}.0`,
    ]) {
      for (const path of [`/companies/${id}`, `/companies/${id}/products`, `/employees/${id}`]) {
        const error = expectClientError(await send(staff, "GET", path), 400);
        expect(Object.keys(error.fields), path).toEqual(["id"]);
      }
    }
    expect((await send(staff, "GET", `/companies/${distributorId}`)).statusCode).toBe(200);
  });

  it("query strings are still coerced: numbers, booleans, repeated keys as the schema allows", async () => {
    const response = await send(staff, "GET", "/companies?page=1&page_size=2&has_debt=true&ordering=-id");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().results.length).toBe(2);
    expect((await send(staff, "GET", "/employees?is_active=false")).statusCode).toBe(200);
    for (const [query, field] of [
      ["page=1e1", "page"],
      ["page_size=0x10", "page_size"],
      [`supplier=${distributorId}.0`, "supplier"],
      ["page=1&page=2", "page"],
      ["has_debt=1", "has_debt"],
    ]) {
      const error = expectClientError(await send(staff, "GET", `/companies?${query}`), 400);
      expect(Object.keys(error.fields), query).toEqual([field]);
    }
  });
});

describe("names and addresses hold no control or invisible characters", () => {
  const invisible = [
    "line\r\nbreak",
    "new\nline",
    "tab\there",
    "bell\u0007",
    "esc\u001b[31m",
    "del\u007f",
    "c1\u0085",
    "bidi\u202eevil",
    "soft\u00adhyphen",
    "sep\u2028arator",
    "lone\ud800surrogate",
    "\u200b",
    "\u200b\u200c\u200d\u2060\ufeff",
    "\u200d",
    "\u00a0\u3000 \u2003",
  ];
  const fine = [
    "Ёлочка-Палочка",
    "Café Noël",
    "O'Brien & Sons",
    "Emoji 😀",
    "👨‍👩‍👧 Family",
    "東京",
    "İstanbul",
  ];

  const companyFields = ["name", "country", "city", "street", "house_number"];
  const cases: [string, string, string, () => Record<string, unknown>][] = [
    ...companyFields.map(
      (field) =>
        ["POST", "/companies", field, () => writeRoutes["POST /companies"]?.valid() ?? {}] as [
          string,
          string,
          string,
          () => Record<string, unknown>,
        ],
    ),
    ["PATCH", "/companies/{distributor}", "city", () => ({})],
    ["POST", "/products", "name", () => ({ model: "M" })],
    ["POST", "/products", "model", () => ({ name: `N ${Math.random()}` })],
    ["PATCH", "/products/{product}", "model", () => ({})],
    ["POST", "/employees", "first_name", () => ({ email: "new@example.com", company_id: entrepreneurId })],
    ["PATCH", "/employees/{colleague}", "last_name", () => ({})],
  ];
  const urlOf = (path: string) =>
    path
      .replace("{distributor}", String(distributorId))
      .replace("{product}", String(productId))
      .replace("{colleague}", String(colleague.id));

  it.each(cases)("%s %s refuses them in %s, naming it", async (method, path, field, valid) => {
    for (const value of invisible) {
      const error = expectClientError(
        await send(staff, method, urlOf(path), { ...valid(), [field]: value }),
        400,
      );
      expect(Object.keys(error.fields), JSON.stringify(value)).toEqual([field]);
    }
  });

  it("takes ordinary Unicode: Cyrillic, accents, apostrophes, emoji with joiners", async () => {
    for (const name of fine) {
      const response = await send(staff, "POST", "/products", { name, model: name });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(201);
      expect(response.json().name).toBe(name);
    }
    const patch = await send(staff, "PATCH", `/employees/${colleague.id}`, {
      first_name: "Zoë",
      last_name: "",
    });
    expect(patch.statusCode, patch.body).toBe(200);
  });

  it("refuses control characters in search text and filters", async () => {
    for (const [url, field] of [
      ["/companies?search=a%0Db", "search"],
      ["/companies?city=Tula%0A", "city"],
      ["/products?search=%1B", "search"],
      ["/employees?search=%0A", "search"],
    ]) {
      const error = expectClientError(await send(staff, "GET", url as string), 400);
      expect(Object.keys(error.fields)).toEqual([field]);
    }
  });
});

describe("the cost of bad input is bounded", () => {
  const cpuMs = async (run: () => Promise<LightMyRequestResponse>) => {
    const before = process.cpuUsage();
    const response = await run();
    const used = process.cpuUsage(before);
    return { response, ms: (used.user + used.system) / 1000 };
  };

  it(`names at most ${MAX_NAMED_FIELDS} fields and counts the rest`, async () => {
    const unknown = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`extra_${i}`, i]));
    const error = expectClientError(
      await send(staff, "POST", "/products", { name: 1, model: 2, ...unknown }),
      400,
    );
    expect(Object.keys(error.fields)).toHaveLength(MAX_NAMED_FIELDS);
    expect(error.fields).toHaveProperty("name");
    expect(error.fields).toHaveProperty("model");
    expect(error.message).toMatch(/\b482 more\b/);
  });

  it("echoes a long unknown key only in part, so that the answer stays small", async () => {
    const key = "k".repeat(3000);
    const keys = Array.from({ length: 20 }, (_, i) => `"${i}${key}":1`).join(",");
    const staffResponse = await send(staff, "POST", "/products", `{"name":"N","model":"M",${keys}}`);
    const error = expectClientError(staffResponse, 400);
    expect(Object.keys(error.fields)).toHaveLength(20);
    for (const name of Object.keys(error.fields)) expect(name.length).toBeLessThanOrEqual(MAX_FIELD_NAME + 1);
    expect(staffResponse.body.length).toBeLessThan(4 * 1024);
    const alike = Array.from({ length: 300 }, (_, i) => `"${"k".repeat(150)}${i}":1`).join(",");
    const collapsed = expectClientError(
      await send(staff, "POST", "/products", `{"name":"N","model":"M",${alike}}`),
    );
    expect(Object.values(collapsed.fields)).toEqual([["Unknown field."]]);
  });

  it("a body of 90,000 unknown keys is refused at its first problem, quickly and briefly", async () => {
    const keys = (count: number) => Array.from({ length: count }, (_, i) => `"k${i}":1`).join(",");
    const wide = `{"ids":[${distributorId}],${keys(90_000)}}`;
    expect(wide.length).toBeLessThan(1024 * 1024);
    await send(staff, "POST", "/companies/clear_debt", wide); // compiles the stop-at-first validator
    const { response, ms } = await cpuMs(() => send(staff, "POST", "/companies/clear_debt", wide));
    const error = expectClientError(response, 400);
    expect(Object.keys(error.fields)).toHaveLength(1);
    expect(error.message).toMatch(/first problem/);
    expect(response.body.length).toBeLessThan(16 * 1024);
    expect(ms).toBeLessThan(400);
    // Under the app's own limit, as many keys as fit still get one problem named.
    const product = `{"name":"N","model":"M",${keys(5000)}}`;
    expect(product.length).toBeLessThan(BODY_LIMIT);
    const small = expectClientError(await send(staff, "POST", "/products", product), 400);
    expect(Object.keys(small.fields)).toHaveLength(1);
    expect(expectClientError(await send(staff, "POST", "/products", `{${keys(90_000)}}`), 413).code).toBe(
      "payload_too_large",
    );
  });

  it("clear_debt with 1,000,000 invalid ids answers at once with one problem", async () => {
    const body = `{"ids":[${Array(1_000_000).fill(0).join(",")}]}`;
    const { response, ms } = await cpuMs(() => send(staff, "POST", "/companies/clear_debt", body));
    expectClientError(response, 400);
    expect(response.body.length).toBeLessThan(16 * 1024);
    expect(ms).toBeLessThan(500);
  });

  it("every array a request may carry has a documented maxItems", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const unbounded: string[] = [];
    const walk = (schema: unknown, where: string) => {
      if (typeof schema !== "object" || schema === null) return;
      const node = schema as Record<string, unknown>;
      if (node.type === "array" && typeof node.maxItems !== "number") unbounded.push(where);
      for (const [key, child] of Object.entries(node)) walk(child, `${where}.${key}`);
    };
    for (const [path, operations] of Object.entries(
      document.paths as Record<string, Record<string, never>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const { requestBody, parameters } = operation as { requestBody?: unknown; parameters?: unknown };
        walk(requestBody, `${method} ${path} body`);
        walk(parameters, `${method} ${path} parameters`);
      }
    }
    expect(unbounded).toEqual([]);
  });
});

describe("page links are built on PUBLIC_URL, whatever the Host header says", () => {
  it("next and previous point at the published address", async () => {
    await t.testDb.database.executeSql(
      "insert into products (name, model) values ('L1', 'M'), ('L2', 'M'), ('L3', 'M')",
    );
    const response = await t.app.inject({
      method: "GET",
      url: "/api/v1/products?page=2&page_size=1&ordering=id",
      headers: { ...staff.headers, host: "evil.example", "x-forwarded-host": "evil.example" },
    });
    expect(response.statusCode).toBe(200);
    const { next, previous } = response.json();
    expect(next).toBe("http://supplynet.test/api/v1/products?page=3&page_size=1&ordering=id");
    expect(previous).toBe("http://supplynet.test/api/v1/products?page_size=1&ordering=id");
  });
});
