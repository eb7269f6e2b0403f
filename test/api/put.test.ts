import { describe, expect, it } from "vitest";
import { createChain, createUser, GENEROUS_LIMITS, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS } });

const put = (staff: TestUser, url: string, payload: Record<string, unknown>, headers = {}) =>
  t.app.inject({ method: "PUT", url: `/api/v1${url}`, headers: { ...staff.headers, ...headers }, payload });

const FULL_COMPANY = {
  name: "Replaced",
  email: "replaced@example.com",
  country: "Russia",
  city: "Tver",
  street: "Sovetskaya",
  house_number: "2",
  level: "retail_chain",
};

describe("PUT, the full update beside PATCH", () => {
  it("replaces every writable field of a company, and names each field it lacks, as DRF's full update does", async () => {
    const chain = await createChain(t.testDb, "Acme");
    const staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
    const retail = chain[3]?.id as number;
    const replaced = await put(staff, `/companies/${retail}`, { ...FULL_COMPANY, supplier_id: chain[2]?.id });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ ...FULL_COMPANY, supplier_id: chain[2]?.id, debt: "100.50" });

    const partial = await put(staff, `/companies/${retail}`, { city: "Tver" }, { "accept-language": "ru" });
    expect(partial.statusCode).toBe(400);
    expect(Object.keys(partial.json().error.fields).sort()).toEqual(
      ["country", "email", "house_number", "level", "name", "street", "supplier_id"].sort(),
    );
    expect(partial.json().error.fields.name).toEqual(["Обязательное поле."]);

    const debt = await put(staff, `/companies/${retail}`, {
      ...FULL_COMPANY,
      supplier_id: chain[2]?.id,
      debt: "0",
    });
    expect(debt.statusCode).toBe(400);
    expect(Object.keys(debt.json().error.fields)).toEqual(["debt"]);
    // The refusals changed nothing.
    const [row] = await t.sql<{ city: string; debt: string }>(
      "select city, debt::text from companies where id = $1",
      [retail],
    );
    expect(row).toEqual({ city: "Tver", debt: "100.50" });
  });

  it("replaces a product and an employee the same way, with PATCH's rules", async () => {
    const chain = await createChain(t.testDb, "Acme");
    const staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
    const [product] = await t.sql<{ id: number }>(
      "insert into products (name, model) values ('Phone', 'X1') returning id",
    );
    const replaced = await put(staff, `/products/${product?.id}`, { name: "Phone 2", model: "X2" });
    expect(replaced.json()).toMatchObject({ name: "Phone 2", model: "X2" });
    expect((await put(staff, `/products/${product?.id}`, { name: "Phone 3" })).statusCode).toBe(400);

    const employee = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId: chain[2]?.id ?? null,
    });
    const moved = await put(staff, `/employees/${employee.id}`, {
      email: "anna.k@example.com",
      company_id: chain[3]?.id,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      email: "anna.k@example.com",
      company_id: chain[3]?.id,
      first_name: "Test",
    });
    expect((await put(staff, `/employees/${employee.id}`, { email: "x@example.com" })).statusCode).toBe(400);
  });
});
