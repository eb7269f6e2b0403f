import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/paths.js";

/** The admin's languages, found as the admin finds them: one file each in this folder. */
const MESSAGES = path.join(projectRoot, "admin/src/i18n/messages");

/**
 * Latin words that a Russian interface keeps as they are: the product's name, and the technical names that
 * Russian-speaking staff use themselves (the API, the cron syntax of the schedules).
 */
const LATIN_IN_RUSSIAN = new Set(["supplynet", "API", "cron"]);

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") leaves.set(`${prefix}${key}`, value);
    else for (const [leaf, text] of flatten(value, `${prefix}${key}.`)) leaves.set(leaf, text);
  }
  return leaves;
}

const placeholders = (text: string) => [...new Set(text.match(/%\{\w+\}/g) ?? [])].sort();

/** polyglot's plural forms: "one |||| few |||| many" in Russian, "one |||| other" in English. */
const forms = (text: string) => text.split("||||");

describe("the admin's messages", () => {
  const languages = new Map<string, Map<string, string>>();

  beforeAll(async () => {
    for (const file of readdirSync(MESSAGES).filter((name) => name.endsWith(".ts"))) {
      const { default: messages } = await import(pathToFileURL(path.join(MESSAGES, file)).href);
      languages.set(path.basename(file, ".ts"), flatten(messages));
    }
  });

  it("come in Russian and English", () => {
    expect([...languages.keys()].sort()).toEqual(["en", "ru"]);
  });

  it("have the same keys in every language", () => {
    const english = [...(languages.get("en")?.keys() ?? [])].sort();
    expect(english.length).toBeGreaterThan(300);
    for (const [language, messages] of languages) {
      expect([...messages.keys()].sort(), `the keys of ${language}`).toEqual(english);
    }
  });

  it("use the placeholders that English gives, and in the admin's own messages all of them", () => {
    const english = languages.get("en") as Map<string, string>;
    const wrong: string[] = [];
    for (const [language, messages] of languages) {
      for (const [key, text] of messages) {
        const given = placeholders(english.get(key) ?? "");
        // smart_count only picks the plural form; react-admin's own texts may leave out a name that a
        // language's grammar cannot take as it comes ("%{name}" is a nominative in Russian).
        const optional = (name: string) => name === "%{smart_count}" || key.startsWith("ra.");
        const unknown = placeholders(text).filter((name) => !given.includes(name));
        const lost = given.filter((name) => !optional(name) && !placeholders(text).includes(name));
        if (unknown.length || lost.length)
          wrong.push(`${language} ${key}: ${[...unknown, ...lost].join(" ")}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("give every plural in Russian its three forms: 1 компания, 2 компании, 5 компаний", () => {
    const wrong: string[] = [];
    for (const [language, count] of [
      ["ru", 3],
      ["en", 2],
    ] as const) {
      const plurals = [...(languages.get(language) as Map<string, string>)].filter(([, text]) =>
        text.includes("||||"),
      );
      expect(plurals.length).toBeGreaterThan(10);
      for (const [key, text] of plurals) {
        if (forms(text).length !== count) wrong.push(`${language} ${key}: ${forms(text).length} forms`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("have no Latin words in Russian beyond the product's and technical names", () => {
    const latin: string[] = [];
    for (const [key, text] of languages.get("ru") as Map<string, string>) {
      for (const word of text.replace(/%\{\w+\}/g, "").match(/[A-Za-z]+/g) ?? []) {
        if (!LATIN_IN_RUSSIAN.has(word)) latin.push(`${key}: ${word}`);
      }
    }
    expect(latin).toEqual([]);
  });

  it("have no Cyrillic in English", () => {
    const cyrillic = [...(languages.get("en") as Map<string, string>)].filter(([, text]) =>
      /\p{Script=Cyrillic}/u.test(text),
    );
    expect(cyrillic).toEqual([]);
  });
});
