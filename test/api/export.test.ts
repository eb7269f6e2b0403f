import { beforeAll, describe, expect, it } from "vitest";
import { EXPORT_CHUNK_ROWS } from "../../src/http/csv.js";
import { exportProducts } from "../../src/products/service.js";
import { createChain, createUser, type TestCompany, type TestUser } from "../helpers/app.js";
import { parseCsv } from "../helpers/csv.js";
import { testApp } from "../helpers/fixture.js";

/**
 * GET /companies/export.csv, /employees/export.csv and /products/export.csv, read back with an RFC 4180 reader
 * of the tests' own: the BOM, the delimiter and headers of each language, one row per company of the list,
 * across more rows than one chunk holds.
 */
const t = testApp({ truncate: false });
let alpha: TestCompany[];
let staff: TestUser;
let employee: TestUser;

/** More than two chunks of distributors under Alpha's factory, with debts that repeat (ties for the keyset). */
const BULK = 2 * EXPORT_CHUNK_ROWS + 123;

const TRICKY_NAMES = [
  "Semi; colon, and comma",
  'Say "hi"',
  "Two\nlines\r\nand CRLF",
  "=HYPERLINK(1)",
  "@SUM",
  "-1+2",
];

beforeAll(async () => {
  alpha = await createChain(t.testDb, "Alpha", "Moscow");
  await createChain(t.testDb, "Beta", "Kazan");
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  employee = await createUser(t.app, t.testDb, {
    email: "a@example.com",
    role: "employee",
    companyId: alpha[2]?.id as number,
  });
  await t.sql(
    `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
     select 'Bulk ' || n, 'bulk' || n || '@example.com', 'Russia', 'Bulkville', 'Main', n::text, 1, $1,
       ((n % 7)::numeric * 1000000000 + 0.01 * (n % 3))::numeric(15,2)
     from generate_series(1, $2) n`,
    [alpha[0]?.id, BULK],
  );
  for (const name of TRICKY_NAMES) {
    await t.sql(
      `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
       values ($1, 'tricky@example.com', 'Russia', 'Trickytown', 'Main', '1', 1, $2, 12345678901.99)`,
      [name, alpha[0]?.id],
    );
  }
});

async function download(url: string, user: TestUser = staff, language = "en") {
  const response = await t.app.inject({
    method: "GET",
    url: `/api/v1${url}`,
    headers: { ...user.headers, "accept-language": language },
  });
  return response;
}

function csvOf(body: string, delimiter: string) {
  expect(body.startsWith("\uFEFF"), "a UTF-8 BOM first").toBe(true);
  const [header = [], ...rows] = parseCsv(body.slice(1), delimiter);
  return { header, rows };
}

async function listCount(query: string, user: TestUser = staff) {
  const response = await t.app.inject({
    method: "GET",
    url: `/api/v1/companies?${query}`,
    headers: user.headers,
  });
  return response.json().count as number;
}

describe("GET /companies/export.csv", () => {
  it("streams the whole filtered list in English: BOM, commas, headers, exact money, level words", async () => {
    const response = await download("/companies/export.csv?city=bulkville");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="companies-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const { header, rows } = csvOf(response.body, ",");
    expect(header).toEqual([
      "ID",
      "Name",
      "Email",
      "Country",
      "City",
      "Street",
      "House number",
      "Level",
      "Supplier ID",
      "Supplier",
      "Debt",
      "Created",
    ]);
    expect(rows.length).toBe(BULK);
    expect(rows.length).toBe(await listCount("city=bulkville"));
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    const ids = rows.map((row) => Number(row[0]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(BULK);
    const stored = await t.sql<{ id: number; debt: string }>(
      "select id, debt::text as debt from companies where city = 'Bulkville' order by id",
    );
    expect(rows.map((row) => [Number(row[0]), row[10]])).toEqual(stored.map((row) => [row.id, row.debt]));
    expect(rows[0]?.slice(7, 10)).toEqual(["distributor", String(alpha[0]?.id), "Alpha L0"]);
  });

  it("speaks Russian with semicolons, decimal commas, Russian headers and level words", async () => {
    const response = await download("/companies/export.csv?city=Moscow&ordering=level", staff, "ru");
    const { header, rows } = csvOf(response.body, ";");
    expect(header.slice(0, 2)).toEqual(["ID", "Название"]);
    expect(header[7]).toBe("Уровень");
    expect(header[10]).toBe("Задолженность");
    expect(rows.map((row) => row[7])).toEqual([
      "Завод",
      "Дистрибьютор",
      "Дилерский центр",
      "Крупная розничная сеть",
      "Индивидуальный предприниматель",
    ]);
    // As a Russian Excel reads money: "100.50" would be taken for a date or for text.
    expect(rows.map((row) => row[10])).toEqual(["0,00", "100,50", "100,50", "100,50", "100,50"]);
  });

  it("quotes delimiters, quotes and line breaks, and defuses formulas with an apostrophe", async () => {
    for (const [language, delimiter] of [
      ["en", ","],
      ["ru", ";"],
    ] as const) {
      const response = await download("/companies/export.csv?city=Trickytown", staff, language);
      const { rows } = csvOf(response.body, delimiter);
      expect(rows.map((row) => row[1])).toEqual(
        TRICKY_NAMES.map((name) => (/^[=+\-@]/.test(name) ? `'${name}` : name)),
      );
      const debt = language === "ru" ? "12345678901,99" : "12345678901.99";
      expect(rows.map((row) => row[10])).toEqual(TRICKY_NAMES.map(() => debt));
    }
  });

  it("keeps the list's order across chunks, ties included, with the list's filters", async () => {
    const query = "city=bulkville&debt_min=2000000000&debt_max=5000000000.01&ordering=-debt";
    const { rows } = csvOf((await download(`/companies/export.csv?${query}`)).body, ",");
    const expected = await t.sql<{ id: number }>(
      `select id from companies where city = 'Bulkville' and debt between 2000000000 and 5000000000.01
       order by debt desc, id desc`,
    );
    expect(expected.length).toBeGreaterThan(EXPORT_CHUNK_ROWS);
    expect(rows.length).toBe(await listCount(query));
    expect(rows.map((row) => Number(row[0]))).toEqual(expected.map((row) => row.id));
    const firstPage = await t.app.inject({
      method: "GET",
      url: `/api/v1/companies?${query}&page_size=100`,
      headers: staff.headers,
    });
    expect(rows.slice(0, 100).map((row) => Number(row[0]))).toEqual(
      firstPage.json().results.map((company: { id: number }) => company.id),
    );
  });

  it("reads timestamps and text across chunks to the microsecond, ties and all", async () => {
    // One statement inserted the bulk rows, so they share one created_at: a tie that spans every chunk.
    await t.sql(
      "update companies set created_at = created_at + (id % 3) * interval '1 microsecond' where city = 'Bulkville'",
    );
    for (const [ordering, sql] of [
      ["created_at", "created_at, id"],
      ["-created_at", "created_at desc, id desc"],
      ["-name", "name desc, id desc"],
    ]) {
      const { rows } = csvOf(
        (await download(`/companies/export.csv?city=bulkville&ordering=${ordering}`)).body,
        ",",
      );
      const expected = await t.sql<{ id: number }>(
        `select id from companies where city = 'Bulkville' order by ${sql}`,
      );
      expect(
        rows.map((row) => Number(row[0])),
        ordering,
      ).toEqual(expected.map((row) => row.id));
    }
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await t.app.inject({
      method: "HEAD",
      url: "/api/v1/companies/export.csv?city=bulkville",
      headers: staff.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="companies-/);
    expect(response.body).toBe("");
  });

  it("gives an employee their own company only, as the list does", async () => {
    const { rows } = csvOf((await download("/companies/export.csv", employee)).body, ",");
    expect(rows.map((row) => Number(row[0]))).toEqual([alpha[2]?.id]);
    const other = await download(`/companies/export.csv?supplier=${alpha[0]?.id}`, employee);
    expect(csvOf(other.body, ",").rows).toEqual([]);
  });

  it("is not taken for /companies/:id, and refuses a bad filter in the user's language", async () => {
    const tree = await download("/companies/export.csv?page=2");
    expect(tree.statusCode).toBe(400);
    expect(tree.json().error.fields).toHaveProperty("page");
    const bad = await download("/companies/export.csv?debt_min=1e3&created_after=yesterday", staff, "ru");
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toMatch(/^application\/json/);
    expect(bad.json().error.fields).toEqual({
      debt_min: [expect.stringContaining("1234.56")],
      created_after: [expect.stringContaining("2026-12-01")],
    });
    expect(bad.json().error.message).toMatch(/[а-я]/);
  });
});

describe("GET /employees/export.csv", () => {
  it("lists employees for staff, yes/no in words, and refuses an employee", async () => {
    const { header, rows } = csvOf((await download("/employees/export.csv", staff, "ru")).body, ";");
    expect(header).toEqual([
      "ID",
      "Email",
      "Имя",
      "Фамилия",
      "ID компании",
      "Компания",
      "Активен",
      "Язык",
      "Дата создания",
      "Последний вход",
    ]);
    expect(rows.map((row) => [row[1], row[5], row[6], row[9]])).toEqual([
      ["a@example.com", "Alpha L2", "да", ""],
    ]);
    expect((await download("/employees/export.csv", employee)).statusCode).toBe(403);
  });
});

describe("GET /products/export.csv", () => {
  beforeAll(async () => {
    await t.sql(
      `insert into products (name, model, release_date)
       select 'Phone ' || n, 'M' || (n % 3), case when n % 4 = 0 then null else date '2024-01-01' + n % 5 end
       from generate_series(1, 23) n`,
    );
    await t.sql("insert into company_products (company_id, product_id) values ($1, 1), ($1, 2)", [
      alpha[2]?.id,
    ]);
  });

  it("lists the catalog for staff and what their company sells for an employee", async () => {
    const all = csvOf((await download("/products/export.csv?search=phone")).body, ",");
    expect(all.header).toEqual(["ID", "Name", "Model", "Release date", "Created"]);
    expect(all.rows.length).toBe(23);
    const own = csvOf((await download("/products/export.csv", employee)).body, ",");
    expect(own.rows.map((row) => row[1])).toEqual(["Phone 1", "Phone 2"]);
  });

  it("reads a nullable sort column chunk by chunk without losing or repeating a row", async () => {
    for (const ordering of ["release_date", "-release_date", "model", "-id"]) {
      const actor = { userId: staff.id, role: "staff" as const, companyId: null, familyId: null, ip: null };
      const table = exportProducts({ db: t.app.db }, actor, { ordering }, 2);
      const ids: number[] = [];
      for await (const chunk of table.chunks) ids.push(...chunk.map((row) => row.id));
      const page = await t.app.inject({
        method: "GET",
        url: `/api/v1/products?ordering=${ordering}&page_size=100`,
        headers: staff.headers,
      });
      expect(ids, ordering).toEqual(page.json().results.map((product: { id: number }) => product.id));
    }
  });
});
