import { beforeAll, describe, expect, it } from "vitest";
import { generateRows, planNetworks } from "../../src/seed/generate.js";
import { importTestData } from "../../src/seed/import.js";
import { buildPools } from "../../src/seed/pools.js";
import { Random } from "../../src/seed/random.js";
import { COMPANY_NAMES, ENTREPRENEUR_NAMES, surnameForms } from "../../src/seed/ru.js";
import { RU_PLACES } from "../../src/seed/ru-places.js";
import { SURNAMES } from "../../src/seed/ru-words.js";
import { slug, transliterate } from "../../src/seed/translit.js";
import { PASSWORD_ONE_HASH } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const fixture = testApp({ app: false, truncate: false });
const LATIN = /[A-Za-z]/;
const CYRILLIC = /[А-ЯЁа-яё]/;
const ENTREPRENEUR = /^ИП [А-ЯЁ][а-яё-]+ [А-ЯЁ]\. [А-ЯЁ]\.$/;
const STREETS_OF = new Map(
  RU_PLACES.flatMap(({ country, cities }) =>
    cities.map(({ city, streets }) => [`${country}|${city}`, new Set(streets)] as const),
  ),
);

interface CompanyRow {
  name: string;
  email: string;
  country: string;
  city: string;
  street: string;
  house_number: string;
  level: number;
}

let companies: CompanyRow[];

/** The company names of a pure generator run, without the database: the name check needs 100,000. */
async function generatedNames(count: number, seed: number): Promise<{ names: string[]; text: string }> {
  const random = new Random(seed);
  const pools = await buildPools("ru", seed);
  const plan = planNetworks(count, random);
  const context = {
    plan,
    pools,
    random,
    firstCompanyId: 1,
    firstUserId: 1,
    productIds: [1, 2, 3, 4, 5, 6],
    passwordHash: PASSWORD_ONE_HASH,
  };
  const names: string[] = [];
  let text = "";
  for (const batch of generateRows(context, 5_000)) {
    for (const row of batch.companies.split("\n")) if (row) names.push(row.split("\t")[1] as string);
    if (text.length < 1_000_000) text += batch.companies + batch.users;
  }
  return { names, text };
}

function timesEach(values: readonly string[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const value of values) times.set(value, (times.get(value) ?? 0) + 1);
  return times;
}

beforeAll(async () => {
  await importTestData(fixture.testDb.database, {
    companies: 3000,
    seed: 42,
    locale: "ru",
    passwordHash: PASSWORD_ONE_HASH,
  });
  companies = await fixture.sql<CompanyRow>(
    "select name, email, country, city, street, house_number, level from companies",
  );
});

describe("Russian test data (--locale ru)", () => {
  it("gives each level a legal form that fits it, in Cyrillic letters", () => {
    expect(companies.length).toBeGreaterThanOrEqual(3000);
    const wrong = companies.filter(({ level, name }) => {
      if (level === 4) return !ENTREPRENEUR.test(name);
      const forms = level === 3 ? /^(ООО|АО) «[^«»]+»$/ : /^(ООО|АО|ПАО) «[^«»]+»$/;
      return !forms.test(name);
    });
    expect(wrong).toEqual([]);
    for (const level of [0, 1, 2, 3, 4]) expect(companies.some((row) => row.level === level)).toBe(true);
  });

  it("names entrepreneurs by a surname of the curated list, in the male or the female form", () => {
    const known = new Set(SURNAMES.flatMap((male) => [male, surnameForms(male).female]));
    const entrepreneurs = companies.filter((row) => row.level === 4);
    expect(entrepreneurs.filter((row) => !known.has(row.name.split(" ")[1] as string))).toEqual([]);
    expect(entrepreneurs.some((row) => row.name.split(" ")[1]?.endsWith("а"))).toBe(true);
    expect(entrepreneurs.some((row) => !row.name.split(" ")[1]?.endsWith("а"))).toBe(true);
  });

  it("writes names and addresses in Cyrillic only, and people's names too", async () => {
    const fields = companies.flatMap((row) => [row.name, row.country, row.city, row.street]);
    const people = await fixture.sql<{ first_name: string; last_name: string }>(
      "select first_name, last_name from users",
    );
    fields.push(...people.flatMap((person) => [person.first_name, person.last_name]));
    expect(fields.filter((value) => LATIN.test(value) || !CYRILLIC.test(value))).toEqual([]);
    expect(companies.filter((row) => !/^\d{1,3}([АБВ]|к\d|\/\d)?$/.test(row.house_number))).toEqual([]);
  });

  it("sells products by their Russian kind with the brand and model as sold", async () => {
    const products = await fixture.sql<{ product: string; kind: string }>(
      `select distinct p.name || ' ' || p.model as product, p.name as kind
       from products p join company_products cp on cp.product_id = p.id`,
    );
    expect(products.length).toBeGreaterThan(10);
    expect(products.filter((row) => LATIN.test(row.kind) || !CYRILLIC.test(row.kind))).toEqual([]);
    expect(products.map((row) => row.product)).toContain("Смартфон Redmi Note 13");
  });

  it("puts every company in a city of its country, on a street of that city, most of them in Russia", () => {
    const misplaced = companies.filter(
      (row) => !STREETS_OF.get(`${row.country}|${row.city}`)?.has(row.street),
    );
    expect(misplaced).toEqual([]);
    const inRussia = companies.filter((row) => row.country === "Россия").length;
    expect(inRussia).toBeGreaterThanOrEqual(companies.length / 2);
    expect(new Set(companies.map((row) => row.country)).size).toBeGreaterThanOrEqual(5);
  });

  it("writes emails in ASCII, with names transliterated by ICAO 9303", async () => {
    const users = await fixture.sql<{ email: string; first_name: string; last_name: string }>(
      "select email, first_name, last_name from users",
    );
    const ascii = /^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]+$/;
    expect([...users, ...companies].filter((row) => !ascii.test(row.email))).toEqual([]);
    expect(
      users.filter(
        (user) =>
          !user.email.startsWith(`${transliterate(user.first_name)}.${transliterate(user.last_name)}.`),
      ),
    ).toEqual([]);
    const shchukins = users.filter((user) => user.last_name.startsWith("Щукин"));
    expect(shchukins.length).toBeGreaterThan(0);
    expect(shchukins.every((user) => /^[a-z]+\.shchukina?\.\d+@/.test(user.email))).toBe(true);
  });

  it("repeats no company name more than 3 times, in the database and in 100,000 generated companies", async () => {
    expect(Math.max(...timesEach(companies.map((row) => row.name)).values())).toBeLessThanOrEqual(3);
    const { names } = await generatedNames(100_000, 7);
    expect(names.length).toBeGreaterThanOrEqual(100_000);
    const times = timesEach(names);
    expect([...times].filter(([, count]) => count > 3)).toEqual([]);
    // Unique enough: most names occur once.
    expect(times.size).toBeGreaterThan(names.length * 0.8);
  });

  it("gives the same data for the same seed", async () => {
    const first = await generatedNames(2_000, 3);
    expect((await generatedNames(2_000, 3)).text).toBe(first.text);
    expect((await generatedNames(2_000, 4)).text).not.toBe(first.text);
  });
});

describe("the Russian word lists", () => {
  it("transliterate by ICAO 9303", () => {
    const cases = {
      Щукин: "shchukin",
      Юлия: "iuliia",
      Наталья: "natalia",
      Пётр: "petr",
      Хрущёв: "khrushchev",
      Подъячев: "podieiachev",
      Царёва: "tsareva",
      Жанна: "zhanna",
      Эдуард: "eduard",
      Йошкар: "ioshkar",
      Быков: "bykov",
    };
    expect(Object.fromEntries(Object.keys(cases).map((name) => [name, transliterate(name)]))).toEqual(cases);
    expect(slug("Северный терминал")).toBe("severnyi-terminal");
    expect(slug("«Электромир» плюс")).toBe("elektromir-plius");
  });

  it("decline surnames by their ending", () => {
    expect(surnameForms("Морозов")).toEqual({
      male: "Морозов",
      female: "Морозова",
      genitive: "Морозова",
      plural: "Морозовы",
      pluralGenitive: "Морозовых",
    });
    expect(surnameForms("Вишневский").female).toBe("Вишневская");
    expect(surnameForms("Толстой").pluralGenitive).toBe("Толстых");
    expect(() => surnameForms("Шевченко")).toThrow(/No rule/);
  });

  it("have at least 40 cities with at least 15 streets each, in Cyrillic, without COPY's special characters", () => {
    const cities = RU_PLACES.flatMap((country) => country.cities);
    expect(cities.length).toBeGreaterThanOrEqual(40);
    expect(cities.filter((city) => new Set(city.streets).size !== city.streets.length)).toEqual([]);
    expect(cities.filter((city) => city.streets.length < 15).map((city) => city.city)).toEqual([]);
    const words = RU_PLACES.flatMap((country) => [
      country.country,
      ...country.cities.flatMap((city) => [city.city, ...city.streets]),
    ]);
    expect(words.filter((word) => LATIN.test(word) || /[\\\t\n\r]/.test(word))).toEqual([]);
  });

  it("hold each company name once, so that a deck deals no name twice before it has dealt them all", () => {
    // Across levels the names without their form must differ; within a level a name may come in several forms.
    const levelOf = new Map<string, number>();
    const clashes: string[] = [];
    const spaces = [
      ...COMPANY_NAMES.map((names) => ({ size: names.size, at: (index: number) => names.at(index) })),
      {
        size: ENTREPRENEUR_NAMES.size,
        at: (index: number) => ({ part: { form: null }, name: ENTREPRENEUR_NAMES.at(index) }),
      },
    ];
    for (const [level, space] of spaces.entries()) {
      const full = new Set<string>();
      for (let index = 0; index < space.size; index++) {
        const { part, name } = space.at(index);
        const key = `${part.form}|${name}`;
        if (full.has(key) || (levelOf.get(name) ?? level) !== level) clashes.push(name);
        full.add(key);
        levelOf.set(name, level);
        if (LATIN.test(name) || /[\\\t\n\r«»]/.test(name)) clashes.push(name);
      }
    }
    expect(clashes).toEqual([]);
  });
});
