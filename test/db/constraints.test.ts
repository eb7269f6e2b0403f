import { describe, expect, it } from "vitest";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ app: false });

async function insertCompany(level: number, supplierId: number | null, debt = "0"): Promise<number> {
  const rows = await t.sql(
    `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
     values ('C', 'c@example.com', 'RU', 'Moscow', 'Tverskaya', '12A/3', $1, $2, $3) returning id`,
    [level, supplierId, debt],
  );
  return (rows[0] as { id: number }).id;
}

/** PostgreSQL 15 reports a RESTRICT violation as 23503, PGlite (PostgreSQL 17) as 23001. */
const RESTRICT = ["23001", "23503"];

async function expectSqlError(text: string, values: unknown[], code: string | string[], constraint?: string) {
  const error = await t.sql(text, values).then(
    () => undefined,
    (e: { code?: string; constraint?: string }) => e,
  );
  expect(error, `expected ${text} to fail`).toBeDefined();
  expect(typeof code === "string" ? [code] : code).toContain(error?.code);
  if (constraint) expect(error?.constraint).toBe(constraint);
}

describe("companies hierarchy, enforced by the database for raw SQL", () => {
  it("accepts a full five-level chain", async () => {
    let supplier: number | null = null;
    for (let level = 0; level <= 4; level++)
      supplier = await insertCompany(level, supplier, level ? "10.50" : "0");
    const rows = await t.sql("select level, supplier_level from companies order by level");
    expect(rows).toEqual(
      [0, 1, 2, 3, 4].map((level) => ({ level, supplier_level: level ? level - 1 : null })),
    );
  });

  it("refuses a factory with a supplier or with debt", async () => {
    const factory = await insertCompany(0, null);
    await expectSqlError(
      "insert into companies (name,email,country,city,street,house_number,level,supplier_id) values ('F','f@x.io','RU','M','S','1',0,$1)",
      [factory],
      "23514",
      "companies_factory_has_no_supplier",
    );
    await expectSqlError(
      "update companies set debt = 1 where id = $1",
      [factory],
      "23514",
      "companies_factory_has_no_debt",
    );
  });

  it("refuses a non-factory without a supplier", async () => {
    await expectSqlError(
      "insert into companies (name,email,country,city,street,house_number,level) values ('D','d@x.io','RU','M','S','1',1)",
      [],
      "23514",
      "companies_factory_has_no_supplier",
    );
  });

  it("refuses a supplier that is not exactly one level up", async () => {
    const factory = await insertCompany(0, null);
    await expectSqlError(
      "insert into companies (name,email,country,city,street,house_number,level,supplier_id) values ('X','x@x.io','RU','M','S','1',2,$1)",
      [factory],
      "23503",
      "companies_supplier_fk",
    );
    const distributor = await insertCompany(1, factory);
    const dealer = await insertCompany(2, distributor);
    await expectSqlError(
      "update companies set supplier_id = $1 where id = $2",
      [factory, dealer],
      "23503",
      "companies_supplier_fk",
    );
  });

  it("refuses negative debt and keeps two decimals", async () => {
    const factory = await insertCompany(0, null);
    const distributor = await insertCompany(1, factory, "12.345");
    const rows = await t.sql("select debt from companies where id = $1", [distributor]);
    expect(rows[0]).toEqual({ debt: "12.35" });
    await expectSqlError(
      "update companies set debt = -0.01 where id = $1",
      [distributor],
      "23514",
      "companies_debt_not_negative",
    );
  });

  it("refuses to delete or re-level a company that supplies others", async () => {
    const factory = await insertCompany(0, null);
    const distributor = await insertCompany(1, factory);
    const otherDistributor = await insertCompany(1, factory);
    await insertCompany(2, distributor);
    await expectSqlError(
      "delete from companies where id = $1",
      [distributor],
      RESTRICT,
      "companies_supplier_fk",
    );
    await expectSqlError(
      "update companies set level = 2, supplier_id = $1 where id = $2",
      [otherDistributor, distributor],
      RESTRICT,
      "companies_supplier_fk",
    );
  });

  it("lets a leaf company be deleted", async () => {
    const factory = await insertCompany(0, null);
    const distributor = await insertCompany(1, factory);
    await t.sql("delete from companies where id = $1", [distributor]);
    const rows = await t.sql("select count(*)::int as n from companies");
    expect(rows[0]).toEqual({ n: 1 });
  });
});

describe("users", () => {
  it("keeps emails unique regardless of case", async () => {
    await t.sql("insert into users (email, role) values ('Boss@Example.com', 'staff')");
    await expectSqlError(
      "insert into users (email, role) values ('boss@example.COM', 'staff')",
      [],
      "23505",
      "users_email_lower_key",
    );
  });

  it("requires a company for employees and none for staff", async () => {
    await expectSqlError(
      "insert into users (email, role) values ('e@example.com', 'employee')",
      [],
      "23514",
      "users_employee_has_company",
    );
    const factory = await insertCompany(0, null);
    await expectSqlError(
      "insert into users (email, role, company_id) values ('s@example.com', 'staff', $1)",
      [factory],
      "23514",
      "users_employee_has_company",
    );
  });
});

describe("money stays exact", () => {
  it("adds 0.10 + 0.20 ten thousand times to exactly 3000.00", async () => {
    const factory = await insertCompany(0, null);
    const distributor = await insertCompany(1, factory);
    for (let step = 0; step < 100; step++) {
      for (const amount of ["0.10", "0.20"]) {
        await t.sql("update companies set debt = debt + $2::numeric where id = $1", [distributor, amount]);
      }
    }
    // The remaining 9,900 pairs in one statement, summed by SQL.
    await t.sql(
      `update companies set debt = debt + (select sum(a) from unnest(array_fill(0.10::numeric, array[9900])
         || array_fill(0.20::numeric, array[9900])) a) where id = $1`,
      [distributor],
    );
    const rows = await t.sql("select debt from companies where id = $1", [distributor]);
    // 0.1 + 0.2 in floating point is 0.30000000000000004; in numeric it is exactly 0.30.
    expect(rows[0]).toEqual({ debt: "3000.00" });
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it("stores the largest numeric(15,2) amount without rounding", async () => {
    const factory = await insertCompany(0, null);
    const distributor = await insertCompany(1, factory, "9999999999999.99");
    const rows = await t.sql("select debt from companies where id = $1", [distributor]);
    expect(rows[0]).toEqual({ debt: "9999999999999.99" });
    await expectSqlError("update companies set debt = debt + 0.01 where id = $1", [distributor], "22003");
  });
});
