export type { Catalogue, MessageKey } from "./catalogue.js";

import { LANGUAGES, type Language } from "../config.js";
import type { Catalogue, MessageKey } from "./catalogue.js";
import { en } from "./messages/en.js";
import { ru } from "./messages/ru.js";

/** What fills a message's {placeholders}: a value as it is, or another message, translated alike. */
export type MessageParams = Record<string, string | number | Message>;

/**
 * Words for a person, not yet in any language: the key and what fills it. Services and errors carry these, and
 * each answer translates them into its request's language at the very end.
 */
export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export const msg = (key: MessageKey, params?: MessageParams): Message =>
  params === undefined ? { key } : { key, params };

/** Adding a language is a catalogue here and its code in LANGUAGES. */
const CATALOGUES: Record<Language, Catalogue> = { en, ru };

const pluralRules = new Map(LANGUAGES.map((language) => [language, new Intl.PluralRules(language)]));

export function translate(message: Message, language: Language): string {
  const text = CATALOGUES[language][message.key];
  const params = message.params ?? {};
  const template =
    typeof text === "string"
      ? text
      : (text[pluralRules.get(language)?.select(Number(params.count)) ?? "other"] ?? text.other);
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === "object" ? translate(value, language) : String(value);
  });
}

/** The language of one ranged tag of Accept-Language: "ru-RU" → "ru"; undefined when none of ours. */
function ourLanguage(tag: string): Language | undefined {
  const primary = tag.split("-")[0]?.toLowerCase();
  return LANGUAGES.find((language) => language === primary);
}

/**
 * The language an Accept-Language header asks for, as Django's LocaleMiddleware reads it: the supported
 * language of the highest quality, the earlier one on a tie; `fallback` when the header names none of ours.
 */
export function negotiateLanguage(header: string | undefined, fallback: Language): Language {
  if (!header) return fallback;
  let best: { language: Language; quality: number } | undefined;
  // A header is short in practice; the cap keeps a hostile one from costing more than a glance.
  for (const range of header.slice(0, 1000).split(",")) {
    const [tag = "", ...options] = range.trim().split(";");
    const qualityOption = options.map((option) => option.trim()).find((option) => option.startsWith("q="));
    const quality = qualityOption === undefined ? 1 : Number(qualityOption.slice(2));
    if (!(quality > 0)) continue;
    const language = tag.trim() === "*" ? fallback : ourLanguage(tag.trim());
    if (language && (!best || quality > best.quality)) best = { language, quality };
  }
  return best?.language ?? fallback;
}
