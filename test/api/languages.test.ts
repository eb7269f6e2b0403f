import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/config.js";
import { en } from "../../src/i18n/messages/en.js";
import { ru } from "../../src/i18n/messages/ru.js";
import { type Catalogue, msg, negotiateLanguage, translate } from "../../src/i18n/translate.js";
import { createChain, createUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

/**
 * The API speaks the language Accept-Language asks for, else DEFAULT_LANGUAGE, as Django's LocaleMiddleware
 * does; `code` and field names are the same in every language. test/api/fuzz.test.ts asks every operation in
 * both languages and checks that no answer mixes them; these are the rules in detail.
 */
const t = testApp({ config: { defaultLanguage: "ru" } });

const placeholders = (text: Catalogue[keyof Catalogue]) =>
  [
    ...new Set(
      Object.values(typeof text === "string" ? { other: text } : text).flatMap(
        (form) => form.match(/\{\w+\}/g) ?? [],
      ),
    ),
  ].sort();

describe("the API's catalogues", () => {
  const catalogues: Record<string, Catalogue> = { en, ru };

  it("exist for every language, with English's keys and English's placeholders", () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LANGUAGES].sort());
    for (const [language, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(catalogue).sort(), language).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof Catalogue)[]) {
        expect(placeholders(catalogue[key]), `${language} ${key}`).toEqual(placeholders(en[key]));
      }
    }
  });

  it("give every Russian plural the forms one, few and many", () => {
    for (const [key, text] of Object.entries(ru)) {
      if (typeof text !== "string")
        expect(Object.keys(text).sort(), key).toEqual(["few", "many", "one", "other"]);
    }
    const seconds = (count: number) => translate(msg("throttle.retry", { reason: "", count }), "ru").trim();
    expect([1, 3, 5, 21, 12].map(seconds)).toEqual([
      "Повторите через 1 секунду.",
      "Повторите через 3 секунды.",
      "Повторите через 5 секунд.",
      "Повторите через 21 секунду.",
      "Повторите через 12 секунд.",
    ]);
  });
});

describe("the language of an answer", () => {
  it("is Accept-Language's best supported choice, by quality, else the default", () => {
    expect(negotiateLanguage("ru-RU,ru;q=0.9,en-US;q=0.8", "en")).toBe("ru");
    expect(negotiateLanguage("de-DE, en;q=0.5, ru;q=0.4", "ru")).toBe("en");
    expect(negotiateLanguage("en;q=0, ru", "en")).toBe("ru");
    expect(negotiateLanguage("de, fr;q=0.8", "ru")).toBe("ru");
    expect(negotiateLanguage("*", "en")).toBe("en");
    expect(negotiateLanguage("EN-gb", "ru")).toBe("en");
    expect(negotiateLanguage(";;;,q=,", "en")).toBe("en");
    expect(negotiateLanguage(undefined, "ru")).toBe("ru");
  });

  it("follows DEFAULT_LANGUAGE without Accept-Language, and is named in Content-Language", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/companies" });
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-language"]).toBe("ru");
    expect(response.headers.vary).toMatch(/Accept-Language/);
    expect(response.json().error).toEqual({
      code: "not_authenticated",
      message: "Учётные данные не предоставлены или неверны.",
      fields: {},
    });
  });
});

describe("API errors in Russian and English", () => {
  async function inBoth(
    request: (headers: Record<string, string>) => Promise<{ json(): { error: object } }>,
  ) {
    const [russian, english] = await Promise.all(
      ["ru-RU,ru;q=0.9", "en-US,en;q=0.9"].map(
        async (language) => (await request({ "accept-language": language })).json().error,
      ),
    );
    return { ru: russian as Record<string, unknown>, en: english as Record<string, unknown> };
  }

  it("say a schema's refusal in plain words, with the same code and fields", async () => {
    const staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
    const answers = await inBoth((headers) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/companies",
        headers: { ...staff.headers, ...headers },
        payload: { name: "", email: "no", level: "moon", colour: "red", supplier_id: "x" },
      }),
    );
    expect(answers.ru).toMatchObject({
      code: "invalid",
      message: "Запрос содержит ошибки.",
      fields: {
        name: [
          "Не менее 1 символа.",
          "Должно содержать видимые символы и не содержать невидимых и управляющих.",
        ],
        email: ["Введите правильный адрес электронной почты."],
        level: [
          "Допустимые значения: `factory`, `distributor`, `dealership`, `retail_chain`, `entrepreneur`.",
        ],
        supplier_id: ["Должно быть целым числом или null."],
        colour: ["Неизвестное поле."],
        country: ["Обязательное поле."],
      },
    });
    expect(answers.en).toMatchObject({
      code: "invalid",
      message: "The request is invalid.",
      fields: {
        name: ["At least 1 character.", "Must hold visible characters and no invisible or control ones."],
        email: ["Enter a valid email address."],
        supplier_id: ["Must be a whole number or null."],
        colour: ["Unknown field."],
        country: ["This field is required."],
      },
    });
    expect(Object.keys(answers.ru.fields as object).sort()).toEqual(
      Object.keys(answers.en.fields as object).sort(),
    );
  });

  it("say a service's refusal, and a database rule's, in the user's language", async () => {
    const staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
    const [factory, distributor] = await createChain(t.testDb, "Alpha");
    const wrongSupplier = await inBoth((headers) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/companies/${distributor?.id}`,
        headers: { ...staff.headers, ...headers },
        payload: { level: "retail_chain" },
      }),
    );
    expect(wrongSupplier.ru).toEqual({
      code: "conflict",
      message: expect.stringMatching(/^«Alpha L1» поставляет товар 1 компании; прежде чем менять уровень/),
      fields: { level: ["Нельзя изменить, пока компания кому-то поставляет товар."] },
    });
    expect(wrongSupplier.en).toEqual({
      code: "conflict",
      message: "Alpha L1 supplies 1 company; reassign or delete it before changing the level.",
      fields: { level: ["Cannot change while the company supplies others."] },
    });
    const readOnly = await inBoth((headers) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/companies/${factory?.id}`,
        headers: { ...staff.headers, ...headers },
        payload: { debt: "1.00" },
      }),
    );
    expect(readOnly.ru.fields).toEqual({
      debt: ["Задолженность после создания меняется только через clear_debt."],
    });
    expect(readOnly.en.fields).toEqual({ debt: ["Debt is read-only after creation; use clear_debt."] });
    const missing = await inBoth((headers) =>
      t.app.inject({
        method: "GET",
        url: "/api/v1/companies/999999",
        headers: { ...staff.headers, ...headers },
      }),
    );
    expect([missing.ru.message, missing.en.message]).toEqual([
      "Компании с id 999999 нет.",
      "No company with id 999999.",
    ]);
  });

  it("say get_qr's answer in the user's language", async () => {
    const [, distributor] = await createChain(t.testDb, "Qr");
    const employee = await createUser(t.app, t.testDb, {
      email: "qr@example.com",
      role: "employee",
      companyId: distributor?.id ?? null,
    });
    const ask = (language: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/companies/${distributor?.id}/get_qr`,
        headers: { ...employee.headers, "accept-language": language },
      });
    const [russian, english] = [await ask("ru"), await ask("en")];
    expect([russian.statusCode, english.statusCode]).toEqual([202, 202]);
    expect(russian.json()).toEqual({ detail: "QR-код будет отправлен на qr@example.com." });
    expect(russian.headers["content-language"]).toBe("ru");
    expect(english.json()).toEqual({ detail: "The QR code will be emailed to qr@example.com." });
  });
});
