import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.js";
import { type ImportOptions, importTestData } from "../../src/seed/import.js";
import { UserError } from "../../src/user-error.js";
import { PASSWORD_ONE_HASH } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ app: false, truncate: false });
const one = async <Row>(text: string, values?: unknown[]) => (await t.sql<Row>(text, values))[0] as Row;
/** Reusing the known hash of "1" keeps these tests from paying ~50 ms of argon2 per import. */
const load = (options: ImportOptions) =>
  importTestData(t.testDb.database, { passwordHash: PASSWORD_ONE_HASH, ...options });

async function counts() {
  return one<{ companies: number; users: number; links: number; products: number; indexes: number }>(
    `select (select count(*)::int from companies) as companies, (select count(*)::int from users) as users,
            (select count(*)::int from company_products) as links, (select count(*)::int from products) as products,
            (select count(*)::int from pg_indexes where tablename in ('companies', 'users', 'company_products'))
              as indexes`,
  );
}

/** Everything the seed decides, in a stable order (the hash is left out: argon2 salts each hash afresh). */
async function dump() {
  return {
    companies: await t.sql(
      `select id, name, email, country, city, street, house_number, level, supplier_id, debt::text
       from companies order by id`,
    ),
    users: await t.sql(
      "select id, email, first_name, last_name, role, company_id, is_active from users order by id",
    ),
    links: await t.sql("select company_id, product_id from company_products order by 1, 2"),
  };
}

describe("import-test-data", () => {
  it("fills every level of every network, with suppliers one level up and 1–5 employees and products each", async () => {
    await t.testDb.truncate();
    // The real argon2 path, once: every employee gets the same hash, and it verifies "1".
    const summary = await importTestData(t.testDb.database, { companies: 200, seed: 7 });
    expect(summary.loaded).toBe(true);
    expect(summary.companies).toBeGreaterThanOrEqual(200);
    expect(summary.companies).toBeLessThan(205);

    const networks = await t.sql<{ levels: number; size: number }>(
      `with recursive tree as (
         select id, id as root, level from companies where level = 0
         union all
         select c.id, t.root, c.level from companies c join tree t on c.supplier_id = t.id)
       select root, count(distinct level)::int as levels, count(*)::int as size from tree group by root`,
    );
    expect(networks).toHaveLength(summary.networks);
    expect(networks.every((network) => network.levels === 5)).toBe(true);
    expect(networks.reduce((total, network) => total + network.size, 0)).toBe(summary.companies);

    const hierarchy = await one<{ wrong: number; orphans: number }>(
      `select count(*) filter (where s.level <> c.level - 1)::int as wrong,
              count(*) filter (where c.level > 0 and s.id is null)::int as orphans
       from companies c left join companies s on s.id = c.supplier_id`,
    );
    expect(hierarchy).toEqual({ wrong: 0, orphans: 0 });

    const perCompany = await one(
      `select min(e)::int as min_employees, max(e)::int as max_employees, min(p)::int as min_products,
              max(p)::int as max_products
       from (select c.id,
               (select count(*) from users u where u.company_id = c.id and u.role = 'employee') as e,
               (select count(*) from company_products cp where cp.company_id = c.id) as p
             from companies c) as per`,
    );
    expect(perCompany).toEqual({ min_employees: 1, max_employees: 5, min_products: 1, max_products: 5 });

    const productsNotFromSupplier = await one<{ n: number }>(
      `select count(*)::int as n from company_products cp join companies c on c.id = cp.company_id
       where c.supplier_id is not null and not exists (
         select 1 from company_products s where s.company_id = c.supplier_id and s.product_id = cp.product_id)`,
    );
    expect(productsNotFromSupplier.n).toBe(0);

    const users = await one<{ n: number; hashes: number; inactive: number; staff: number; hash: string }>(
      `select count(*)::int as n, count(distinct password_hash)::int as hashes, min(password_hash) as hash,
              count(*) filter (where not is_active)::int as inactive,
              count(*) filter (where role <> 'employee')::int as staff
       from users`,
    );
    expect(users).toMatchObject({ n: summary.employees, hashes: 1, inactive: 0, staff: 0 });
    expect(await verifyPassword(users.hash, "1")).toBe(true);
  });

  it("gives the same data for the same seed, and other data for another seed", async () => {
    await load({ companies: 120, seed: 11, reset: true });
    const first = await dump();
    await load({ companies: 120, seed: 11, reset: true });
    expect(await dump()).toEqual(first);
    await load({ companies: 120, seed: 12, reset: true });
    expect((await dump()).companies).not.toEqual(first.companies);
  });

  it("adds to existing data with unique emails, and --reset empties the network but keeps staff", async () => {
    await t.testDb.truncate();
    const { id: staffId } = await one<{ id: number }>(
      "insert into users (email, password_hash, role) values ('boss@example.com', $1, 'staff') returning id",
      [PASSWORD_ONE_HASH],
    );
    const first = await load({ companies: 60, seed: 3 });
    // Smaller than what is there: this one writes with the indexes and foreign keys in place.
    const second = await load({ companies: 30, seed: 3 });
    const afterBoth = await one<{ companies: number; users: number; emails: number }>(
      `select (select count(*)::int from companies) as companies, count(*)::int as users,
              count(distinct lower(email))::int as emails from users`,
    );
    expect(afterBoth).toEqual({
      companies: first.companies + second.companies,
      users: first.employees + second.employees + 1,
      emails: first.employees + second.employees + 1,
    });

    const reset = await load({ companies: 60, seed: 3, reset: true });
    const afterReset = await counts();
    expect(afterReset.companies).toBe(reset.companies);
    expect(afterReset.users).toBe(reset.employees + 1);
    expect(await t.sql("select id, email, role from users where role = 'staff'")).toEqual([
      { id: staffId, email: "boss@example.com", role: "staff" },
    ]);
    expect(await one("select min(id)::int as first from companies")).toEqual({ first: 1 });
  });

  it("refuses a size below 1 or an unknown locale, and writes nothing", async () => {
    await load({ companies: 20, seed: 1, reset: true });
    const before = { counts: await counts(), data: await dump() };
    for (const options of [{ companies: -5 }, { companies: 0 }, { companies: 10, locale: "xx" }]) {
      await expect(load(options)).rejects.toThrow(UserError);
    }
    await expect(load({ companies: -5 })).rejects.toThrow(/at least 1, got -5/);
    expect({ counts: await counts(), data: await dump() }).toEqual(before);
  });

  it("rolls everything back when the transaction fails, indexes and foreign keys included", async () => {
    await load({ companies: 20, seed: 1, reset: true });
    const before = { counts: await counts(), data: await dump() };
    const failure = load({
      companies: 50,
      seed: 2,
      alsoInTransaction: async () => {
        throw new Error("disk full");
      },
    });
    await expect(failure).rejects.toThrow("disk full");
    expect({ counts: await counts(), data: await dump() }).toEqual(before);
    const foreignKeys = await one<{ n: number }>(
      `select count(*)::int as n from pg_constraint
       where contype = 'f' and conrelid in ('companies'::regclass, 'users'::regclass, 'company_products'::regclass)`,
    );
    expect(foreignKeys.n).toBe(4);
  });

  it("writes debts as exact two-decimal amounts from 0.00 to 50000.00, and none for factories", async () => {
    await load({ companies: 300, seed: 21, reset: true });
    const debts = await t.sql<{ level: number; debt: string }>(
      "select level, debt::text as debt from companies",
    );
    expect(debts.every((row) => /^\d{1,5}\.\d{2}$/.test(row.debt))).toBe(true);
    expect(debts.filter((row) => row.level === 0).every((row) => row.debt === "0.00")).toBe(true);
    const cents = debts.map((row) => BigInt(row.debt.replace(".", "")));
    expect(cents.every((value) => value >= 0n && value <= 5_000_000n)).toBe(true);
    expect(new Set(cents).size).toBeGreaterThan(debts.length / 2);
    const total = cents.reduce((sum, value) => sum + value, 0n);
    const { sum } = await one<{ sum: string }>("select sum(debt)::text as sum from companies");
    expect(sum).toBe(`${total / 100n}.${String(total % 100n).padStart(2, "0")}`);
  });

  it("speaks Russian with --locale ru, with emails still in ASCII", async () => {
    await load({ companies: 30, seed: 5, reset: true, locale: "ru" });
    const users = await t.sql<{ email: string; last_name: string }>("select email, last_name from users");
    expect(users.filter((user) => /[а-яё]/i.test(user.last_name)).length).toBeGreaterThan(users.length / 2);
    expect(users.every((user) => /^[a-z0-9._-]+@[a-z0-9.-]+$/.test(user.email))).toBe(true);
  });
});
