import type { Random } from "./random.js";

export const SEED_LOCALES = ["en", "ru"] as const;
export type SeedLocale = (typeof SEED_LOCALES)[number];

export interface Person {
  firstName: string;
  lastName: string;
  /** ASCII, lower case, safe for an email's local part (Cyrillic names are transliterated). */
  emailName: string;
}

/** A city of a country with streets of that city. */
export interface Place {
  country: string;
  city: string;
  streets: readonly string[];
  /** The country's top-level domain, for company email addresses; empty where the locale does not use it. */
  tld: string;
}

export interface CompanyIdentity {
  name: string;
  /** The domain of the company's and its employees' email addresses. */
  domain: string;
  /** Where it is: chosen with the name, since a name may tell the region. */
  place: Place;
}

/** Names and places a company of a level; it keeps state (what was dealt), so each import starts its own. */
export type CompanyNamer = (level: number, random: Random) => CompanyIdentity;

/** Values escaped once for COPY's text format, so rows are built by plain concatenation. */
export interface Pools {
  /** The language of the data, which its employees get as their own (for their emails). */
  language: SeedLocale;
  people: Person[];
  newCompanyNamer(): CompanyNamer;
  houseNumber(random: Random): string;
}
