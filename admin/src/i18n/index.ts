import polyglotI18nProvider from "ra-i18n-polyglot";
import type { I18nProvider, TranslationMessages } from "react-admin";

/**
 * Every file in messages/ is one language, named by its file name (ru.ts is "ru"), with the same keys as
 * the others (test/admin/i18n.test.ts checks): a third language is one more file, with no code change.
 */
const files = import.meta.glob<{ default: TranslationMessages }>("./messages/*.ts", { eager: true });
const catalogs: Record<string, TranslationMessages> = Object.fromEntries(
  Object.entries(files).map(([file, module]) => [file.replace(/^.*\/|\.ts$/g, ""), module.default]),
);

/** The server's own default, for a page served without its meta tag (vite dev). */
const FALLBACK_LANGUAGE = "ru";

/** The server writes its DEFAULT_LANGUAGE into index.html: the SPA runs under a CSP with no inline scripts. */
function serverDefault(): string | null {
  return document.querySelector('meta[name="supplynet-default-language"]')?.getAttribute("content") ?? null;
}

/**
 * A first visit's language: the first of the browser's languages that the admin speaks ("ru-RU" is ru), else
 * the server's default. Later visits take the one chosen with the switch, which react-admin's store keeps, and
 * a signed-in staff user with no choice in this browser gets their saved language (useUserLanguage).
 */
function firstVisitLanguage(): string {
  const wanted = [...navigator.languages.map((tag) => tag.split("-")[0]?.toLowerCase()), serverDefault()];
  return wanted.find((language) => language && language in catalogs) ?? FALLBACK_LANGUAGE;
}

const messagesOf = (language: string) =>
  catalogs[language] ?? (catalogs[FALLBACK_LANGUAGE] as TranslationMessages);

/** A dotted key such as "resources.companies.fields.name", as opposed to text that is passed through. */
const KEY = /^[a-z][\w-]*(\.[\w-]+)+$/i;

/**
 * react-admin's per-resource overrides (resources.companies.page.edit, .empty, .notifications.updated…):
 * react-admin asks for them with its own translated text as the fallback, so they are optional. A resource's
 * name and field labels are not: their fallback is an English word made from the field's name.
 */
const OPTIONAL_OVERRIDE = /^resources\.[^.]+\.(?!name$|fields\.)/;

const FALLBACK = Symbol("fallback");

const reported = new Set<string>();

/** Logged once per key; test/e2e/languages.test.ts fails on any of these. */
const MISSING_KEY_WARNING = "supplynet: missing translation";

function missingKey(key: string, options: Record<string | symbol, unknown>, language: string): string {
  const fallback = options[FALLBACK];
  const given = typeof fallback === "string" && fallback !== key ? fallback : undefined;
  // Text that is not a key (a server's message, a record's name) is shown as it is.
  if (!KEY.test(key)) return given ?? key;
  if (given !== undefined && OPTIONAL_OVERRIDE.test(key)) return given;
  if (!reported.has(`${language}:${key}`)) {
    reported.add(`${language}:${key}`);
    console.warn(`${MISSING_KEY_WARNING} [${language}] ${key}`);
  }
  // The key itself rather than react-admin's English default, so that a gap shows in every language.
  return key;
}

/**
 * Polyglot, except that react-admin's `_` defaults are not used silently: polyglot would take `_` before
 * asking onMissingKey, and a missing label would stay English with no sign. `_` travels to missingKey instead,
 * which uses it only for react-admin's optional overrides and reports every other missing key.
 */
function createI18nProvider(): I18nProvider {
  const initial = firstVisitLanguage();
  const polyglot = polyglotI18nProvider(
    messagesOf,
    initial,
    Object.keys(catalogs).map((locale) => ({
      locale,
      name: (messagesOf(locale).app as { language: string }).language,
    })),
    { onMissingKey: missingKey },
  );
  // <html lang> for the browser (hyphenation, screen readers, spell checking) and the tab's title.
  const showLanguage = (language: string) => {
    document.documentElement.lang = language;
    document.title = polyglot.translate("app.title");
  };
  showLanguage(initial);
  return {
    ...polyglot,
    translate: (key, { _: fallback, ...options } = {}) =>
      polyglot.translate(key, { ...options, [FALLBACK]: fallback }),
    changeLocale: async (language) => {
      const known = language in catalogs ? language : FALLBACK_LANGUAGE;
      await polyglot.changeLocale(known);
      showLanguage(known);
    },
  };
}

export const i18nProvider = createI18nProvider();

/** The language shown now, for code outside React (the API client's Accept-Language). */
export const currentLanguage = () => i18nProvider.getLocale();

/** A translation for code outside React, such as the API client's own error messages. */
export const translate = (key: string, options?: Record<string, unknown>) =>
  i18nProvider.translate(key, options);
