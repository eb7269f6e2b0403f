import { useLocale, useTranslate } from "react-admin";
import type { Employee, Level } from "../types";

/**
 * In supply-chain order: a company's supplier is the level just before its own. A record over the generated
 * Level type, so the compiler refuses a level the API lacks or one left out; LEVELS is its keys, in this order.
 */
const LEVEL_ORDER: Record<Level, true> = {
  factory: true,
  distributor: true,
  dealership: true,
  retail_chain: true,
  entrepreneur: true,
};

export const LEVELS = Object.keys(LEVEL_ORDER) as Level[];

/** The key of a level's name; react-admin's choice inputs translate it themselves. */
const levelKey = (level: Level) => `app.levels.${level}`;

export const LEVEL_CHOICES = LEVELS.map((id) => ({ id, name: levelKey(id) }));

export function useLevelLabel(): (level: Level) => string {
  const translate = useTranslate();
  return (level) => translate(levelKey(level));
}

export function supplierLevelOf(level: string | undefined | null): Level | undefined {
  const index = LEVELS.indexOf(level as Level);
  return index > 0 ? LEVELS[index - 1] : undefined;
}

/** The level of the companies that a company of this level supplies; none at the end of the chain. */
export function clientLevelOf(level: Level): Level | undefined {
  return LEVELS[LEVELS.indexOf(level) + 1];
}

/** The languages a user's emails come in; a record over the generated type, as LEVEL_ORDER is. */
const USER_LANGUAGES: Record<Employee["language"], true> = { ru: true, en: true };

export const isUserLanguage = (language: string): language is Employee["language"] =>
  Object.hasOwn(USER_LANGUAGES, language);

export const LANGUAGE_CHOICES = Object.keys(USER_LANGUAGES).map((id) => ({
  id,
  name: `app.languages.${id}`,
}));

export function isZeroMoney(value: string | null | undefined): boolean {
  return !value || /^-?0*(\.0*)?$/.test(value);
}

export interface Formats {
  /** Rubles to the kopeck: "13 456,24 ₽" in Russian, "₽13,456.24" in English. */
  money(value: string | null | undefined): string;
  count(value: number): string;
  dateTime(value: string | null | undefined): string;
  /** A calendar date ("2024-01-31"), the same day in every time zone. */
  calendarDate(value: string | null | undefined): string;
}

/**
 * Money arrives as an exact decimal string ("1234567890123.45") and never becomes a float: Intl lays out the
 * whole rubles, given as a BigInt so that no digit is rounded away whatever its size, and the kopecks are the
 * string's own two digits, written in the locale's digits.
 */
function moneyFormat(locale: string): Formats["money"] {
  const rubles = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "RUB",
    currencyDisplay: "narrowSymbol",
  });
  const digits = new Intl.NumberFormat(locale, { useGrouping: false });
  const zero = digits.format(0n);
  return (value) => {
    if (value === null || value === undefined || value === "") return "";
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value).trim());
    if (!match) return String(value);
    const [, sign, wholeDigits = "0", fraction = ""] = match;
    const whole = BigInt(wholeDigits);
    const kopecks = digits.format(BigInt(fraction.padEnd(2, "0").slice(0, 2))).padStart(2, zero);
    // A BigInt has no -0: "-0.50" is laid out as -1, for the place of the minus sign, with its 1 put back to 0.
    const belowOneRuble = sign !== "" && whole === 0n;
    return rubles
      .formatToParts(sign ? -(whole || 1n) : whole)
      .map((part) =>
        part.type === "fraction" ? kopecks : belowOneRuble && part.type === "integer" ? zero : part.value,
      )
      .join("");
  };
}

const cache = new Map<string, Formats>();

function formatsFor(locale: string): Formats {
  let formats = cache.get(locale);
  if (!formats) {
    const count = new Intl.NumberFormat(locale);
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    const calendarDate = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    formats = {
      money: moneyFormat(locale),
      count: (value) => count.format(value),
      dateTime: (value) => (value ? dateTime.format(new Date(value)) : "—"),
      calendarDate: (value) => (value ? calendarDate.format(new Date(value)) : ""),
    };
    cache.set(locale, formats);
  }
  return formats;
}

/** The formats of the language shown now; components re-render when it changes. */
export function useFormats(): Formats {
  return formatsFor(useLocale());
}

/** Choices for a yes/no list filter (translation keys); the API reads the query parameter as a boolean. */
export function yesNoChoices(yes: string, no: string) {
  return [
    { id: "true", name: yes },
    { id: "false", name: no },
  ];
}
