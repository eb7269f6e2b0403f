import type { Faker } from "@faker-js/faker";
import type { Random } from "./random.js";
import { buildRussianPools } from "./ru.js";
import type { Person, Pools, SeedLocale } from "./types.js";

const POOL_SIZE = { people: 600, companyNames: 800, countries: 12, cities: 200, streets: 400, domains: 400 };

/** Escapes a value for PostgreSQL COPY text format (backslash, tab, newline, carriage return). */
export function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

function unique(make: () => string, count: number): string[] {
  const values = new Set<string>();
  // Some pools are small by nature (a locale may know few countries): give up after enough tries.
  for (let tries = 0; values.size < count && tries < count * 20; tries++) values.add(make());
  return [...values];
}

async function englishFaker(): Promise<Faker> {
  // Loaded on demand: faker with its locales costs ~0.3 s to import, which `start` on existing data must not pay.
  const { Faker, base, en } = await import("@faker-js/faker");
  return new Faker({ locale: [en, base] });
}

function englishHouseNumber(random: Random): string {
  const number = String(random.int(1, 250));
  const roll = random.next();
  if (roll < 0.1) return `${number}${"ABCD"[random.int(0, 3)]}`;
  if (roll < 0.2) return `${number}/${random.int(1, 9)}`;
  return number;
}

/**
 * Calling faker per row is the slow part of a naive seeder; instead faker fills a few hundred values per
 * kind once, and the generator combines them with its own seeded PRNG. faker's cities are invented, so each is
 * given one of its countries, and any of its streets.
 */
async function buildEnglishPools(seed: number): Promise<Pools> {
  const faker = await englishFaker();
  faker.seed(seed);
  const people: Person[] = [];
  for (let i = 0; i < POOL_SIZE.people; i++) {
    const sex = i % 2 === 0 ? "male" : "female";
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName(sex);
    const username = faker.internet.username({ firstName, lastName });
    const emailName = username
      .toLowerCase()
      .replace(/[^a-z._]/g, "")
      .replace(/^[._]+|[._]+$/g, "");
    people.push({
      firstName: copyText(firstName),
      lastName: copyText(lastName),
      emailName: emailName || "user",
    });
  }
  const domains = unique(() => faker.internet.domainName().toLowerCase(), POOL_SIZE.domains).filter(
    (domain) => /^[a-z0-9.-]+$/.test(domain),
  );
  const companyNames = unique(() => faker.company.name(), POOL_SIZE.companyNames).map(copyText);
  const countries = unique(() => faker.location.country(), POOL_SIZE.countries).map(copyText);
  const streets = unique(() => faker.location.street(), POOL_SIZE.streets).map(copyText);
  const places = unique(() => faker.location.city(), POOL_SIZE.cities).map((city) => ({
    country: faker.helpers.arrayElement(countries),
    city: copyText(city),
    streets,
    tld: "",
  }));
  return {
    language: "en",
    people,
    newCompanyNamer: () => (_level, random) => ({
      name: random.pick(companyNames),
      domain: random.pick(domains),
      place: random.pick(places),
    }),
    houseNumber: englishHouseNumber,
  };
}

/** The pools of a locale; the same seed gives the same pools. */
export async function buildPools(locale: SeedLocale, seed: number): Promise<Pools> {
  return locale === "ru" ? buildRussianPools(seed) : buildEnglishPools(seed);
}
