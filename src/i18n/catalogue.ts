import type { en } from "./messages/en.js";

export type MessageKey = keyof typeof en;

/** One text of a catalogue: plain, or in the plural forms of Intl.PluralRules chosen by its {count}. */
export type CatalogueText = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);

/** A language's catalogue: every key of the English one. */
export type Catalogue = Record<MessageKey, CatalogueText>;
