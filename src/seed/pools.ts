import type { Faker } from "@faker-js/faker";

export const SEED_LOCALES = ["en", "ru"] as const;
export type SeedLocale = (typeof SEED_LOCALES)[number];

export interface Person {
  firstName: string;
  lastName: string;
  /** ASCII, lower case, safe for an email's local part (Cyrillic names are transliterated). */
  emailName: string;
}

/** Values escaped once for COPY's text format, so rows are built by plain concatenation. */
export interface Pools {
  people: Person[];
  companyNames: string[];
  countries: string[];
  cities: string[];
  streets: string[];
  domains: string[];
}

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

async function fakerFor(locale: SeedLocale): Promise<Faker> {
  // Loaded on demand: faker with its locales costs ~0.3 s to import, which `start` on existing data must not pay.
  const { Faker, base, en, ru } = await import("@faker-js/faker");
  return new Faker({ locale: locale === "ru" ? [ru, en, base] : [en, base] });
}

/**
 * Calling faker per row is the slow part of a naive seeder; instead faker fills a few hundred values per
 * kind once, and the generator combines them with its own seeded PRNG.
 */
export async function buildPools(locale: SeedLocale, seed: number): Promise<Pools> {
  const faker = await fakerFor(locale);
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
  const domains = unique(() => faker.internet.domainName().toLowerCase(), POOL_SIZE.domains);
  return {
    people,
    companyNames: unique(() => faker.company.name(), POOL_SIZE.companyNames).map(copyText),
    countries: unique(() => faker.location.country(), POOL_SIZE.countries).map(copyText),
    cities: unique(() => faker.location.city(), POOL_SIZE.cities).map(copyText),
    streets: unique(() => faker.location.street(), POOL_SIZE.streets).map(copyText),
    domains: domains.filter((domain) => /^[a-z0-9.-]+$/.test(domain)),
  };
}
