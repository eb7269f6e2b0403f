/**
 * Russian to Latin by ICAO Doc 9303, the system of Russian passports since 2013: what a Russian expects their
 * name to look like in an email address (Щукин → shchukin, Юлия → iuliia). Letters outside the Russian
 * alphabet pass through unchanged.
 */
const ICAO: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "ie",
  ы: "y",
  ь: "",
  э: "e",
  ю: "iu",
  я: "ia",
};

/** Lower-case ICAO 9303 transliteration. */
export function transliterate(text: string): string {
  let latin = "";
  for (const char of text.toLowerCase()) latin += ICAO[char] ?? char;
  return latin;
}

/** A name as a DNS label: transliterated, with anything but letters and digits turned into single hyphens. */
export function slug(text: string): string {
  return transliterate(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
