import { beforeEach, describe, expect, it } from "vitest";
import { createChain, createUser, type TestCompany, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp();
let alpha: TestCompany[];
let beta: TestCompany[];
let staff: TestUser;
let alphaEmployee: TestUser;

async function createProduct(name: string, model = "M1"): Promise<number> {
  const rows = await t.sql("insert into products (name, model) values ($1, $2) returning id", [name, model]);
  return (rows[0] as { id: number }).id;
}

async function sells(companyId: number, productId: number) {
  await t.sql("insert into company_products (company_id, product_id) values ($1, $2)", [
    companyId,
    productId,
  ]);
}

function get(url: string, user: TestUser = staff) {
  return t.app.inject({ method: "GET", url: `/api/v1${url}`, headers: user.headers });
}

function send(method: "POST" | "PATCH" | "DELETE", url: string, payload?: object, user: TestUser = staff) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: user.headers, payload });
}

const ids = (body: { results: { id: number }[] }) => body.results.map((company) => company.id);
const at = (chain: TestCompany[], level: number) => (chain[level] as TestCompany).id;

const newCompany = (overrides: object = {}) => ({
  name: "Gamma Trade",
  email: "gamma@example.com",
  country: "Russia",
  city: "Tver",
  street: "Lenina",
  house_number: "7",
  level: "factory",
  supplier_id: null,
  ...overrides,
});

beforeEach(async () => {
  alpha = await createChain(t.testDb, "Alpha", "Moscow");
  beta = await createChain(t.testDb, "Beta", "Kazan");
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  alphaEmployee = await createUser(t.app, t.testDb, {
    email: "a@example.com",
    role: "employee",
    companyId: at(alpha, 2),
  });
});

describe("GET /companies for staff", () => {
  it("lists every company in the contract's shape", async () => {
    const response = await get("/companies");
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.count).toBe(10);
    const dealer = body.results.find((company: { id: number }) => company.id === at(alpha, 2));
    expect(dealer).toEqual({
      id: at(alpha, 2),
      name: "Alpha L2",
      email: "alpha2@example.com",
      country: "Russia",
      city: "Moscow",
      street: "Tverskaya",
      house_number: "12A/3",
      level: "dealership",
      supplier_id: at(alpha, 1),
      supplier: { id: at(alpha, 1), name: "Alpha L1", level: "distributor" },
      debt: "100.50",
      product_ids: [],
      products_count: 0,
      employees_count: 1,
      clients_count: 1,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(body.results.find((company: { id: number }) => company.id === at(alpha, 0))).toMatchObject({
      level: "factory",
      supplier_id: null,
      supplier: null,
      debt: "0.00",
    });
  });

  it("paginates with absolute next and previous links and refuses page_size over 100", async () => {
    const first = (await get("/companies?page_size=4")).json();
    expect(first).toMatchObject({ count: 10, previous: null });
    expect(first.results).toHaveLength(4);
    expect(new URL(first.next).searchParams.get("page")).toBe("2");
    const third = (await get("/companies?page_size=4&page=3")).json();
    expect(third.results).toHaveLength(2);
    expect(third.next).toBeNull();
    expect(new URL(third.previous).searchParams.get("page")).toBe("2");
    expect([
      ...ids(first),
      ...ids((await get("/companies?page_size=4&page=2")).json()),
      ...ids(third),
    ]).toEqual([...alpha, ...beta].map((company) => company.id).sort((a, b) => a - b));
    const tooBig = await get("/companies?page_size=101");
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.fields).toHaveProperty("page_size");
  });

  it("filters by level, country, city (any case), supplier, product and has_debt", async () => {
    const phone = await createProduct("Phone");
    await sells(at(beta, 3), phone);
    await t.sql(
      "insert into companies (name, email, country, city, street, house_number, level) values ($1, $2, $3, $4, 's', '1', 0)",
      ["Delta", "delta@example.com", "Kazakhstan", "Almaty"],
    );
    expect(ids((await get("/companies?level=dealership")).json()).sort()).toEqual(
      [at(alpha, 2), at(beta, 2)].sort(),
    );
    expect((await get("/companies?country=kazakhstan")).json().count).toBe(1);
    expect(ids((await get("/companies?city=KAZAN&page_size=100")).json())).toEqual(beta.map((c) => c.id));
    expect(ids((await get(`/companies?supplier=${at(alpha, 1)}`)).json())).toEqual([at(alpha, 2)]);
    expect(ids((await get(`/companies?product=${phone}`)).json())).toEqual([at(beta, 3)]);
    expect((await get("/companies?has_debt=false")).json().count).toBe(3);
    expect((await get("/companies?has_debt=true")).json().count).toBe(8);
    expect(ids((await get("/companies?city=moscow&level=entrepreneur")).json())).toEqual([at(alpha, 4)]);
    const badLevel = await get("/companies?level=emperor");
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.fields).toHaveProperty("level");
  });

  it("gives every id the filters match in one call, for selecting all across pages", async () => {
    const all = (await get("/companies/ids")).json();
    expect(all).toEqual({ count: 10, ids: [...alpha, ...beta].map((c) => c.id).sort((a, b) => a - b) });
    expect((await get("/companies/ids?city=kazan&has_debt=true")).json()).toEqual({
      count: 4,
      ids: beta.slice(1).map((c) => c.id),
    });
    const paged = await get("/companies/ids?page_size=5");
    expect(paged.statusCode).toBe(400);
    expect(paged.json().error.fields).toHaveProperty("page_size");
    expect((await get("/companies/ids", alphaEmployee)).statusCode).toBe(403);
  });

  it("searches name and email literally: LIKE wildcards, quotes and SQL comments are just text", async () => {
    const names = ["50% off", "under_score", "O'Brien", "semi;--colon", "back\\slash"];
    for (const [index, name] of names.entries()) {
      await t.sql(
        "insert into companies (name, email, country, city, street, house_number, level) values ($1, $2, 'RU', 'Omsk', 's', '1', 0)",
        [name, `plain${index}@example.com`],
      );
    }
    const found = async (search: string) => {
      const response = await get(`/companies?search=${encodeURIComponent(search)}`);
      expect(response.statusCode).toBe(200);
      return response.json().results.map((company: { name: string }) => company.name);
    };
    expect(await found("%")).toEqual(["50% off"]);
    expect(await found("_")).toEqual(["under_score"]);
    expect(await found("'")).toEqual(["O'Brien"]);
    expect(await found(";--")).toEqual(["semi;--colon"]);
    expect(await found("\\")).toEqual(["back\\slash"]);
    expect(await found("' or 1=1; drop table companies;--")).toEqual([]);
    expect(await found("ALPHA L")).toHaveLength(5);
    expect(await found("beta3@EXAMPLE")).toEqual(["Beta L3"]);
  });

  it("orders by a whitelisted field, either way, and refuses others", async () => {
    await t.sql("update companies set debt = 500 where id = $1", [at(beta, 4)]);
    await t.sql("update companies set debt = 300 where id = $1", [at(alpha, 3)]);
    const byDebt = (await get("/companies?ordering=-debt&page_size=3")).json();
    expect(byDebt.results.map((c: { debt: string }) => c.debt)).toEqual(["500.00", "300.00", "100.50"]);
    const byName = (await get("/companies?ordering=name&page_size=100")).json();
    const sortedNames = byName.results.map((c: { name: string }) => c.name);
    expect(sortedNames).toEqual([...sortedNames].sort());
    const byLevelDesc = (await get("/companies?ordering=-level&page_size=2")).json();
    expect(byLevelDesc.results.map((c: { level: string }) => c.level)).toEqual([
      "entrepreneur",
      "entrepreneur",
    ]);
    for (const bad of ["password", "-email", "debt;drop", "supplier__name"]) {
      const response = await get(`/companies?ordering=${encodeURIComponent(bad)}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toHaveProperty("ordering");
    }
  });
});

describe("an employee sees only their own company", () => {
  it("gets a list of one, whatever the filters", async () => {
    const list = (await get("/companies", alphaEmployee)).json();
    expect(list).toMatchObject({ count: 1, next: null, previous: null });
    expect(ids(list)).toEqual([at(alpha, 2)]);
    expect((await get("/companies?city=Kazan", alphaEmployee)).json().count).toBe(0);
    expect((await get(`/companies?supplier=${at(beta, 1)}`, alphaEmployee)).json().count).toBe(0);
  });

  it("gets 404 for every other company on every company route, and its own details", async () => {
    expect((await get(`/companies/${at(alpha, 2)}`, alphaEmployee)).json().id).toBe(at(alpha, 2));
    for (const other of [...beta.map((c) => c.id), at(alpha, 1), at(alpha, 3), 999999]) {
      expect((await get(`/companies/${other}`, alphaEmployee)).statusCode).toBe(404);
      expect((await get(`/companies/${other}/products`, alphaEmployee)).statusCode).toBe(404);
    }
    const notFound = (await get(`/companies/${at(beta, 2)}`, alphaEmployee)).json();
    expect(notFound.error.code).toBe("not_found");
  });

  it("is refused the staff-only routes with 403", async () => {
    const calls = [
      get("/companies/debt_above_average", alphaEmployee),
      get(`/companies/${at(alpha, 2)}/tree`, alphaEmployee),
      send("POST", "/companies", newCompany(), alphaEmployee),
      send("PATCH", `/companies/${at(alpha, 2)}`, { name: "Mine now" }, alphaEmployee),
      send("DELETE", `/companies/${at(alpha, 4)}`, undefined, alphaEmployee),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe("forbidden");
    }
    expect(await t.sql("select name from companies where id = $1", [at(alpha, 2)])).toEqual([
      { name: "Alpha L2" },
    ]);
  });

  it("sees only the products of its own company", async () => {
    const mine = await createProduct("Mine");
    const theirs = await createProduct("Theirs");
    await sells(at(alpha, 2), mine);
    await sells(at(beta, 2), theirs);
    const own = (await get(`/companies/${at(alpha, 2)}/products`, alphaEmployee)).json();
    expect(own.results.map((p: { id: number }) => p.id)).toEqual([mine]);
    expect((await get(`/companies/${at(beta, 2)}/products`, staff)).json().count).toBe(1);
  });
});

describe("GET /companies/{id}", () => {
  it("shows the supplier, the products and the counts", async () => {
    const tv = await createProduct("TV");
    const radio = await createProduct("Radio");
    await sells(at(alpha, 1), radio);
    await sells(at(alpha, 1), tv);
    await createUser(t.app, t.testDb, { email: "b@example.com", role: "employee", companyId: at(alpha, 1) });
    await createUser(t.app, t.testDb, { email: "c@example.com", role: "employee", companyId: at(alpha, 1) });
    const body = (await get(`/companies/${at(alpha, 1)}`)).json();
    expect(body).toMatchObject({
      supplier: { id: at(alpha, 0), name: "Alpha L0", level: "factory" },
      product_ids: [tv, radio].sort((a, b) => a - b),
      products_count: 2,
      employees_count: 2,
      clients_count: 1,
    });
  });

  it("answers 400 for ids that are not ids and 404 for ids that do not exist", async () => {
    for (const bad of ["abc", "-1", "0", "1.5", "99999999999"]) {
      const response = await get(`/companies/${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().error.fields).toHaveProperty("id");
    }
    expect((await get("/companies/2147483647")).statusCode).toBe(404);
  });
});

describe("POST /companies", () => {
  it("creates a factory and a distributor with products; debt defaults to 0.00", async () => {
    const phone = await createProduct("Phone");
    const factory = await send("POST", "/companies", newCompany({ product_ids: [phone] }));
    expect(factory.statusCode).toBe(201);
    expect(factory.json()).toMatchObject({
      level: "factory",
      debt: "0.00",
      product_ids: [phone],
      supplier: null,
    });
    const distributor = await send(
      "POST",
      "/companies",
      newCompany({ name: "Gamma D", level: "distributor", supplier_id: factory.json().id, debt: "12.5" }),
    );
    expect(distributor.statusCode).toBe(201);
    expect(distributor.json()).toMatchObject({
      level: "distributor",
      debt: "12.50",
      supplier: { id: factory.json().id, name: "Gamma Trade", level: "factory" },
    });
    expect((await get(`/companies/${distributor.json().id}`)).json()).toEqual(distributor.json());
  });

  it("names supplier_id when the supplier is not exactly one level up, missing or unknown", async () => {
    const wrongLevel = await send(
      "POST",
      "/companies",
      newCompany({ level: "dealership", supplier_id: at(alpha, 0) }),
    );
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().error.fields.supplier_id[0]).toMatch(
      /^Must be a company at the distributor level, one level up/,
    );
    const noSupplier = await send("POST", "/companies", newCompany({ level: "entrepreneur" }));
    expect(noSupplier.statusCode).toBe(400);
    expect(noSupplier.json().error.fields.supplier_id[0]).toMatch(/a company at the retail chain level/);
    const unknown = await send(
      "POST",
      "/companies",
      newCompany({ level: "distributor", supplier_id: 999999 }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.supplier_id[0]).toMatch(/No company with id 999999/);
    const factoryWithSupplier = await send("POST", "/companies", newCompany({ supplier_id: at(alpha, 0) }));
    expect(factoryWithSupplier.statusCode).toBe(400);
    expect(factoryWithSupplier.json().error.fields).toHaveProperty("supplier_id");
    const factoryWithDebt = await send("POST", "/companies", newCompany({ debt: "5.00" }));
    expect(factoryWithDebt.statusCode).toBe(400);
    expect(factoryWithDebt.json().error.fields).toHaveProperty("debt");
    expect(await t.sql("select count(*)::int as n from companies")).toEqual([{ n: 10 }]);
  });

  it("names product_ids when one does not exist, and writes nothing", async () => {
    const phone = await createProduct("Phone");
    const response = await send("POST", "/companies", newCompany({ product_ids: [phone, 424242] }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.product_ids[0]).toContain("424242");
    expect(await t.sql("select count(*)::int as n from companies")).toEqual([{ n: 10 }]);
  });
});

describe("PATCH /companies/{id}", () => {
  it("refuses debt, naming it, and changes nothing", async () => {
    const response = await send("PATCH", `/companies/${at(alpha, 3)}`, { name: "New", debt: "0.00" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.debt).toEqual(["Debt is read-only after creation; use clear_debt."]);
    expect(await t.sql("select name, debt from companies where id = $1", [at(alpha, 3)])).toEqual([
      { name: "Alpha L3", debt: "100.50" },
    ]);
  });

  it("changes fields and replaces the product set", async () => {
    const [a, b, c] = [await createProduct("A"), await createProduct("B"), await createProduct("C")];
    await sells(at(alpha, 3), a as number);
    await sells(at(alpha, 3), b as number);
    const response = await send("PATCH", `/companies/${at(alpha, 3)}`, {
      name: "Renamed",
      product_ids: [c, b],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: "Renamed",
      product_ids: [b, c],
      city: "Moscow",
      debt: "100.50",
    });
    const cleared = await send("PATCH", `/companies/${at(alpha, 3)}`, { product_ids: [] });
    expect(cleared.json().product_ids).toEqual([]);
    const untouched = await send("PATCH", `/companies/${at(alpha, 3)}`, { city: "Tula" });
    expect(untouched.json()).toMatchObject({ city: "Tula", name: "Renamed", product_ids: [] });
  });

  it("moves a company to another supplier one level up, and refuses a wrong one", async () => {
    const moved = await send("PATCH", `/companies/${at(alpha, 4)}`, { supplier_id: at(beta, 3) });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().supplier).toEqual({ id: at(beta, 3), name: "Beta L3", level: "retail_chain" });
    const wrong = await send("PATCH", `/companies/${at(alpha, 4)}`, { supplier_id: at(beta, 2) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.supplier_id[0]).toMatch(
      /^Must be a company at the retail chain level, one level up/,
    );
    const itself = await send("PATCH", `/companies/${at(alpha, 3)}`, {
      level: "entrepreneur",
      supplier_id: at(alpha, 3),
    });
    expect(itself.statusCode).toBe(400);
  });

  it("changes the level of a company that supplies nobody, with a fitting supplier", async () => {
    const response = await send("PATCH", `/companies/${at(alpha, 4)}`, {
      level: "retail_chain",
      supplier_id: at(alpha, 2),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ level: "retail_chain", supplier_id: at(alpha, 2) });
  });

  it("refuses with 409 to change the level of a company that supplies others", async () => {
    const response = await send("PATCH", `/companies/${at(alpha, 3)}`, {
      level: "entrepreneur",
      supplier_id: at(beta, 3),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe(
      "Alpha L3 supplies 1 company; reassign or delete it before changing the level.",
    );
  });

  it("answers 404 for a company that does not exist", async () => {
    expect((await send("PATCH", "/companies/999999", { name: "X" })).statusCode).toBe(404);
  });
});

describe("DELETE /companies/{id}", () => {
  it("deletes a company that supplies nobody", async () => {
    expect((await send("DELETE", `/companies/${at(alpha, 4)}`)).statusCode).toBe(204);
    expect((await get(`/companies/${at(alpha, 4)}`)).statusCode).toBe(404);
    expect((await send("DELETE", `/companies/${at(alpha, 4)}`)).statusCode).toBe(404);
  });

  it("refuses with 409 while it supplies others", async () => {
    await t.sql(
      "insert into companies (name, email, country, city, street, house_number, level, supplier_id) values ('X', 'x@example.com', 'RU', 'M', 's', '1', 4, $1)",
      [at(alpha, 3)],
    );
    const response = await send("DELETE", `/companies/${at(alpha, 3)}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe(
      "Alpha L3 supplies 2 companies; reassign or delete them first.",
    );
  });
});

describe("staff extras", () => {
  it("lists companies whose debt is above the average, largest first", async () => {
    await t.sql("update companies set debt = 1000 where id = $1", [at(alpha, 4)]);
    await t.sql("update companies set debt = 400 where id = $1", [at(beta, 1)]);
    // average over the 8 companies with a supplier: (6 × 100.50 + 1000 + 400) / 8 = 250.375
    const body = (await get("/companies/debt_above_average")).json();
    expect(body.count).toBe(2);
    expect(ids(body)).toEqual([at(alpha, 4), at(beta, 1)]);
  });

  it("shows the supply tree below a company, nested", async () => {
    const extra = await t.sql(
      "insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt) values ('Alpha L3b', 'x@example.com', 'RU', 'M', 's', '1', 3, $1, 7) returning id",
      [at(alpha, 2)],
    );
    const response = await get(`/companies/${at(alpha, 1)}/tree`);
    expect(response.statusCode).toBe(200);
    const tree = response.json();
    expect(tree).toMatchObject({ id: at(alpha, 1), name: "Alpha L1", level: "distributor", debt: "100.50" });
    expect(tree.truncated).toBe(false);
    expect(tree.nodes).toBe(5);
    const dealer = tree.children[0];
    expect(dealer.id).toBe(at(alpha, 2));
    expect(dealer.children.map((node: { id: number }) => node.id)).toEqual([
      at(alpha, 3),
      (extra[0] as { id: number }).id,
    ]);
    expect(dealer.children[1]).toEqual({
      id: (extra[0] as { id: number }).id,
      name: "Alpha L3b",
      level: "retail_chain",
      debt: "7.00",
      children: [],
    });
    expect(dealer.children[0].children[0]).toMatchObject({ id: at(alpha, 4), children: [] });
    expect((await get("/companies/999999/tree")).statusCode).toBe(404);
  });

  it("cuts a tree of more than 2000 nodes breadth first and says so", async () => {
    await t.sql(
      `insert into companies (name, email, country, city, street, house_number, level, supplier_id)
       select 'D' || g, 'd' || g || '@example.com', 'RU', 'M', 's', '1', 1, $1 from generate_series(1, 2100) g`,
      [at(alpha, 0)],
    );
    const tree = (await get(`/companies/${at(alpha, 0)}/tree`)).json();
    expect(tree.truncated).toBe(true);
    expect(tree.nodes).toBe(2000);
    expect(tree.children).toHaveLength(1999);
  });
});
