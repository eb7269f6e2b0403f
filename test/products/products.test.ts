import { beforeEach, describe, expect, it } from "vitest";
import { createChain, createUser, type TestCompany, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp();
let alpha: TestCompany[];
let beta: TestCompany[];
let staff: TestUser;
let employee: TestUser;

async function insertProduct(
  name: string,
  model: string,
  releaseDate: string | null = null,
): Promise<number> {
  const rows = await t.sql(
    "insert into products (name, model, release_date) values ($1, $2, $3) returning id",
    [name, model, releaseDate],
  );
  return (rows[0] as { id: number }).id;
}

const sells = (companyId: number, productId: number) =>
  t.sql("insert into company_products (company_id, product_id) values ($1, $2)", [companyId, productId]);

function call(method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object, user = staff) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: user.headers, payload });
}

const names = (body: { results: { name: string }[] }) => body.results.map((product) => product.name);

beforeEach(async () => {
  alpha = await createChain(t.testDb, "Alpha");
  beta = await createChain(t.testDb, "Beta");
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  employee = await createUser(t.app, t.testDb, {
    email: "e@example.com",
    role: "employee",
    companyId: (alpha[3] as TestCompany).id,
  });
});

describe("products for staff", () => {
  it("creates, reads, changes and deletes a product", async () => {
    const created = await call("POST", "/products", {
      name: "iPhone",
      model: "15 Pro",
      release_date: "2023-09-22",
    });
    expect(created.statusCode).toBe(201);
    const product = created.json();
    expect(product).toEqual({
      id: expect.any(Number),
      name: "iPhone",
      model: "15 Pro",
      release_date: "2023-09-22",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await call("GET", `/products/${product.id}`)).json()).toEqual(product);
    const changed = await call("PATCH", `/products/${product.id}`, { release_date: null, model: "15" });
    expect(changed.json()).toMatchObject({ name: "iPhone", model: "15", release_date: null });
    expect((await call("PATCH", `/products/${product.id}`, {})).json()).toEqual(changed.json());
    expect((await call("DELETE", `/products/${product.id}`)).statusCode).toBe(204);
    expect((await call("GET", `/products/${product.id}`)).statusCode).toBe(404);
    expect((await call("PATCH", `/products/${product.id}`, { name: "x" })).statusCode).toBe(404);
    expect((await call("DELETE", `/products/${product.id}`)).statusCode).toBe(404);
  });

  it("refuses a second product with the same name and model with 409 naming both", async () => {
    await insertProduct("TV", "X1");
    const duplicate = await call("POST", "/products", { name: "TV", model: "X1" });
    expect(duplicate.statusCode).toBe(409);
    expect(Object.keys(duplicate.json().error.fields).sort()).toEqual(["model", "name"]);
    const other = await insertProduct("TV", "X2");
    const renamed = await call("PATCH", `/products/${other}`, { model: "X1" });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().error.fields).toHaveProperty("model");
  });

  it("refuses a blank name and a bad date, naming them", async () => {
    const response = await call("POST", "/products", { name: "   ", model: "M" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty("name");
    const badDate = await call("POST", "/products", { name: "A", model: "M", release_date: "2024-02-31x" });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields).toHaveProperty("release_date");
  });

  it("searches name and model literally, orders and paginates", async () => {
    await insertProduct("Radio", "100%", "2020-01-01");
    await insertProduct("Tape_deck", "A", "2021-01-01");
    await insertProduct("Phone", "O'Neil;--", null);
    const search = async (text: string) =>
      names((await call("GET", `/products?search=${encodeURIComponent(text)}`)).json());
    expect(await search("%")).toEqual(["Radio"]);
    expect(await search("_")).toEqual(["Tape_deck"]);
    expect(await search("'neil;--")).toEqual(["Phone"]);
    expect(await search("RADIO")).toEqual(["Radio"]);
    expect(names((await call("GET", "/products?ordering=-name")).json())).toEqual([
      "Tape_deck",
      "Radio",
      "Phone",
    ]);
    expect(names((await call("GET", "/products?ordering=release_date")).json())).toEqual([
      "Radio",
      "Tape_deck",
      "Phone",
    ]);
    const page = (await call("GET", "/products?page_size=2&page=2")).json();
    expect(page).toMatchObject({ count: 3, next: null });
    expect(page.previous).toMatch(/^http/);
    expect((await call("GET", "/products?ordering=created")).statusCode).toBe(400);
    expect((await call("GET", "/products?page_size=1000")).statusCode).toBe(400);
  });
});

describe("products for an employee", () => {
  it("lists and shows only what their company sells; everything else is 404", async () => {
    const own = await insertProduct("Own", "1");
    const shared = await insertProduct("Shared", "1");
    const foreign = await insertProduct("Foreign", "1");
    const unsold = await insertProduct("Unsold", "1");
    const alphaRetail = (alpha[3] as TestCompany).id;
    await sells(alphaRetail, own);
    await sells(alphaRetail, shared);
    await sells((beta[3] as TestCompany).id, shared);
    await sells((beta[3] as TestCompany).id, foreign);
    const list = (await call("GET", "/products?ordering=name", undefined, employee)).json();
    expect(list.count).toBe(2);
    expect(names(list)).toEqual(["Own", "Shared"]);
    expect((await call("GET", `/products/${own}`, undefined, employee)).statusCode).toBe(200);
    expect((await call("GET", `/products/${foreign}`, undefined, employee)).statusCode).toBe(404);
    expect((await call("GET", `/products/${unsold}`, undefined, employee)).statusCode).toBe(404);
    expect((await call("GET", `/companies/${alphaRetail}/products`, undefined, employee)).json().count).toBe(
      2,
    );
  });

  it("may not write products", async () => {
    const id = await insertProduct("Own", "1");
    const responses = await Promise.all([
      call("POST", "/products", { name: "A", model: "B" }, employee),
      call("PATCH", `/products/${id}`, { name: "A" }, employee),
      call("DELETE", `/products/${id}`, undefined, employee),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([403, 403, 403]);
  });
});
