import { beforeAll, describe, expect, it } from "vitest";
import { createChain, createUser, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

/** The companies list's debt range and created_at range, as the list, "select all" and the export read them. */
const t = testApp({ truncate: false });
let staff: TestUser;
const byName = new Map<string, number>();

beforeAll(async () => {
  const [factory] = await createChain(t.testDb, "Chain");
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  const companies: [string, string, string][] = [
    ["Zero", "0.00", "2026-01-15T10:00:00Z"],
    ["Dime", "0.10", "2026-03-01T00:00:00Z"],
    ["Ten", "10.00", "2026-03-01T23:59:59.999999Z"],
    ["TenCent", "10.01", "2026-03-02T00:00:00Z"],
    ["Huge", "9999999999999.99", "2026-06-30T12:00:00+03:00"],
  ];
  for (const [name, debt, createdAt] of companies) {
    const [row] = await t.sql<{ id: number }>(
      `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt, created_at)
       values ($1, 'f@example.com', 'Russia', 'Filterton', 'Main', '1', 1, $2, $3, $4) returning id`,
      [name, factory?.id, debt, createdAt],
    );
    byName.set(name, row?.id as number);
  }
});

async function names(query: string) {
  const response = await t.app.inject({
    method: "GET",
    url: `/api/v1/companies?city=Filterton&ordering=id&${query}`,
    headers: staff.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().results.map((company: { name: string }) => company.name);
}

describe("the debt range", () => {
  it("is inclusive at both ends and exact to the kopeck, whatever the spelling", async () => {
    expect(await names("debt_min=10")).toEqual(["Ten", "TenCent", "Huge"]);
    expect(await names("debt_min=10.01")).toEqual(["TenCent", "Huge"]);
    expect(await names("debt_max=10.0")).toEqual(["Zero", "Dime", "Ten"]);
    expect(await names("debt_min=0.1&debt_max=10")).toEqual(["Dime", "Ten"]);
    expect(await names("debt_min=99999999999.99")).toEqual(["Huge"]);
    // A bound reaches as far as a debt can grow (numeric(15,2)), not only as far as an opening debt.
    expect(await names("debt_min=9999999999999.99")).toEqual(["Huge"]);
    expect(await names("debt_max=9999999999999.98&debt_min=10.01")).toEqual(["TenCent"]);
    expect(await names("debt_min=11&debt_max=10")).toEqual([]);
  });

  it("goes for select all as for the list", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/v1/companies/ids?city=Filterton&debt_min=0.10&debt_max=10.00",
      headers: staff.headers,
    });
    expect(response.json()).toEqual({ count: 2, ids: [byName.get("Dime"), byName.get("Ten")] });
  });
});

describe("the created_at range", () => {
  it("takes dates as their first moment (UTC): after is inclusive, before is exclusive", async () => {
    expect(await names("created_after=2026-03-01")).toEqual(["Dime", "Ten", "TenCent", "Huge"]);
    expect(await names("created_after=2026-03-01&created_before=2026-03-02")).toEqual(["Dime", "Ten"]);
    expect(await names("created_before=2026-03-01")).toEqual(["Zero"]);
  });

  it("takes date-times with their offset, to the microsecond", async () => {
    // A user's midnight east of UTC: 30 June, 00:00 in Moscow is 29 June, 21:00 UTC.
    expect(await names(`created_after=${encodeURIComponent("2026-06-30T00:00:00+03:00")}`)).toEqual(["Huge"]);
    expect(
      await names("created_after=2026-06-30T09:00:00Z&created_before=2026-06-30T09:00:00.000001Z"),
    ).toEqual(["Huge"]);
    expect(await names("created_before=2026-03-01T23:59:59.999999Z")).toEqual(["Zero", "Dime"]);
  });
});

describe("bad bounds", () => {
  it.each([
    ["en", "debt_min=-1", "debt_min", "Enter an amount such as 1234.56"],
    ["en", "debt_max=1e5", "debt_max", "Enter an amount such as 1234.56"],
    ["en", "debt_min=10.005", "debt_min", "Enter an amount such as 1234.56"],
    ["en", "created_after=2026-02-30", "created_after", "Enter a valid date"],
    ["en", "created_before=yesterday", "created_before", "Enter a valid date"],
    ["ru", "debt_max=abc", "debt_max", "1234.56"],
    ["ru", "created_after=2026-13-01", "created_after", "2026-12-01"],
  ])("%s: %s is a 400 naming the field", async (language, query, field, words) => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/v1/companies?${query}`,
      headers: { ...staff.headers, "accept-language": language },
    });
    expect(response.statusCode).toBe(400);
    const { fields } = response.json().error;
    expect(Object.keys(fields)).toEqual([field]);
    expect(fields[field][0]).toContain(words);
    if (language === "ru") expect(fields[field][0]).toMatch(/[а-я]/);
  });
});
