import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ESTIMATED_COUNT_ABOVE } from "../../src/http/listing.js";
import { createChain, createUser, type TestUser } from "../helpers/app.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";

/**
 * A list nobody filtered counts by the planner's estimate once it holds more than 100,000 rows; every other
 * list counts exactly, and the last page is told by its rows either way.
 */

const t = testApp({ truncate: false });
let staff: TestUser;
let companyId: number;

beforeAll(async () => {
  const chain = await createChain(t.testDb, "Alpha");
  companyId = chain[4]?.id as number;
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  await t.sql("insert into products (name, model) values ('P1', 'M'), ('P2', 'M'), ('P3', 'M')");
});

const get = (url: string) => t.app.inject({ method: "GET", url, headers: staff.headers });

/** The planner's plan of a query, as text. */
const planOf = async (query: string, values: unknown[]) =>
  (await t.sql<{ "QUERY PLAN": string }>(`explain ${query}`, values))
    .map((row) => row["QUERY PLAN"])
    .join("\n");

describe("a small list", () => {
  it("counts exactly, and says so", async () => {
    const companies = await get("/api/v1/companies");
    expect(companies.json()).toMatchObject({ count: 5, count_is_estimate: false, next: null });
    const first = (await get("/api/v1/products?page_size=2")).json();
    expect(first).toMatchObject({ count: 3, count_is_estimate: false, previous: null });
    expect(first.next).toBe("http://supplynet.test/api/v1/products?page_size=2&page=2");
    const last = (await get("/api/v1/products?page_size=2&page=2")).json();
    expect(last).toMatchObject({ count: 3, count_is_estimate: false, next: null });
    expect(last.results).toHaveLength(1);
    expect((await get("/api/v1/products?page_size=2&page=3")).statusCode).toBe(404);
  });

  it("on a full last page, gives no next page", async () => {
    const last = (await get("/api/v1/products?page_size=3")).json();
    expect(last).toMatchObject({ count: 3, next: null });
    expect(last.results).toHaveLength(3);
    expect((await get("/api/v1/products?page_size=3&page=2")).statusCode).toBe(404);
  });

  it("can search through the trigram index, on PGlite too", async () => {
    // Three rows are too few for the planner to choose any index on its own; with sequential scans off, the
    // plan shows the index exists and serves an unanchored ILIKE.
    await t.sql("set enable_seqscan = off");
    try {
      const plan = await planOf("select * from products where name ilike $1 or model ilike $1", ["%P2%"]);
      expect(plan).toContain("Bitmap Index Scan on products_name_trgm");
      expect(plan).toContain("Bitmap Index Scan on products_model_trgm");
    } finally {
      await t.sql("reset enable_seqscan");
    }
    expect((await get("/api/v1/products?search=p2")).json()).toMatchObject({
      count: 1,
      count_is_estimate: false,
    });
  });
});

// 100,000 rows take PostgreSQL a second or two each table, PGlite over ten (it has a single backend and no
// bulk path), so the large lists run on PostgreSQL only; the rule they check is the same code on both.
describe.runIf(testDriver === "pg")(`a list of more than ${ESTIMATED_COUNT_ABOVE} rows`, () => {
  const ROWS = ESTIMATED_COUNT_ABOVE + 50;
  const products = 3 + ROWS;

  beforeAll(async () => {
    // Eight characters of md5 make names as varied as real ones, so the planner prices the indexes fairly,
    // and as short, since each trigram is an entry a GIN index takes on insert.
    await t.sql(
      `insert into products (name, model)
       select substr(md5(g::text), 1, 8), 'M-' || g from generate_series(1, $1::int) g`,
      [ROWS],
    );
    await t.sql(
      `insert into companies (name, email, country, city, street, house_number, level)
       select substr(md5(g::text), 1, 8), 'f' || g || '@x.io', 'Russia', 'Tula', 'Lenina', '1', 0
       from generate_series(1, $1::int) g`,
      [ROWS],
    );
    await t.sql(
      `insert into users (email, first_name, last_name, role, company_id)
       select 'e' || g || '@x.io', substr(md5(g::text), 1, 8), substr(md5(g::text), 9, 8), 'employee', $2::int
       from generate_series(1, $1::int) g`,
      [ROWS, companyId],
    );
    // VACUUM as autovacuum would: it moves the bulk insert's entries out of each GIN index's pending list,
    // which the planner would otherwise price as read on every search.
    await t.sql("vacuum analyze products, companies, users");
  }, 120_000);

  it("estimates the count of an unfiltered list, and says so", async () => {
    for (const [url, rows] of [
      ["/api/v1/products", products],
      ["/api/v1/companies", 5 + ROWS],
      ["/api/v1/employees", ROWS],
    ] as const) {
      const page = (await get(url)).json();
      expect(page.count_is_estimate, url).toBe(true);
      expect(page.count, url).toBeGreaterThan(ESTIMATED_COUNT_ABOVE);
      expect(Math.abs(page.count - rows) / rows, url).toBeLessThan(0.05);
      expect(page.next, url).not.toBeNull();
    }
  });

  it("counts a filtered or searched list exactly, however large", async () => {
    expect((await get("/api/v1/products?search=m-")).json()).toMatchObject({
      count: ROWS,
      count_is_estimate: false,
    });
    expect((await get(`/api/v1/employees?company=${companyId}`)).json()).toMatchObject({
      count: ROWS,
      count_is_estimate: false,
    });
    expect((await get("/api/v1/companies?level=factory")).json()).toMatchObject({
      count: ROWS + 1,
      count_is_estimate: false,
    });
    const one = md5Part(77_777, 0, 8);
    expect((await get(`/api/v1/companies?search=${one}`)).json()).toMatchObject({
      count: 1,
      count_is_estimate: false,
    });
  });

  it("ends on the true last page, whatever the estimate says", async () => {
    const lastPage = Math.ceil(products / 100);
    const last = (await get(`/api/v1/products?page_size=100&page=${lastPage}`)).json();
    expect(last.count_is_estimate).toBe(true);
    expect(last.results).toHaveLength(products % 100);
    expect(last.next).toBeNull();
    const before = (await get(`/api/v1/products?page_size=100&page=${lastPage - 1}`)).json();
    expect(before.results).toHaveLength(100);
    expect(before.next).toBe(`http://supplynet.test/api/v1/products?page_size=100&page=${lastPage}`);
    const beyond = await get(`/api/v1/products?page_size=100&page=${lastPage + 1}`);
    expect(beyond.statusCode).toBe(404);
    expect(beyond.json().error.message).toBe("Invalid page.");
  });

  it("searches each table through its trigram indexes", async () => {
    const name = md5Part(4242, 0, 8);
    for (const [query, indexes] of [
      [
        "select * from companies where name ilike $1 or email ilike $1",
        ["companies_name_trgm", "companies_email_trgm"],
      ],
      [
        "select * from products where name ilike $1 or model ilike $1",
        ["products_name_trgm", "products_model_trgm"],
      ],
      [
        "select * from users where email ilike $1 or first_name ilike $1 or last_name ilike $1",
        ["users_email_trgm", "users_first_name_trgm", "users_last_name_trgm"],
      ],
    ] as const) {
      const plan = await planOf(query, [`%${name}%`]);
      for (const index of indexes) expect(plan, query).toContain(`Bitmap Index Scan on ${index}`);
      expect(plan, query).not.toContain("Seq Scan");
    }
    expect((await get(`/api/v1/employees?search=${name}`)).json()).toMatchObject({
      count: 1,
      count_is_estimate: false,
    });
  });
});

/** Characters of md5(n) as PostgreSQL spells it: row n's generated name (these n's and no other row's). */
function md5Part(n: number, from: number, to: number): string {
  return createHash("md5").update(String(n)).digest("hex").slice(from, to);
}
