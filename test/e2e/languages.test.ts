import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hashOpaqueToken } from "../../src/auth/opaque-tokens.js";
import { createChain, type TestCompany } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import {
  createUsers,
  describeInBrowser,
  EMPLOYEE,
  ensureAdminBuilt,
  eventually,
  launchBrowser,
  logIn,
  newPage,
  type RunningApp,
  STAFF,
  screenshot,
  startApp,
} from "./harness.js";

/** What admin/src/i18n logs for a key that a language lacks. */
const MISSING_KEY_WARNING = "supplynet: missing translation";

/** The Latin that Russian mode keeps: the product's name and the technical names staff use (as in i18n.test.ts). */
const LATIN_IN_RUSSIAN = new Set(["supplynet", "API", "cron"]);

const LANGUAGES = { ru: "ru-RU", en: "en-US" } as const;
type Language = keyof typeof LANGUAGES;

/** The words of each language that the walk clicks by name. */
const CLEAR_DEBT: Record<Language, string> = { ru: "Обнулить долг", en: "Clear debt" };
const ADD_FILTER: Record<Language, string> = { ru: "Добавить фильтр", en: "Add filter" };
const SELLS_PRODUCT: Record<Language, string> = { ru: "Продаёт товар", en: "Sells product" };

/** What a page shows at one moment; the walk reads, checks and screenshots each. */
interface View {
  /** Opens what the page hides until asked (a menu, a confirmation) before the page is read. */
  open?: (page: Page, language: Language) => Promise<unknown>;
  /** Text the page must show: the formats and plurals of each language. */
  shows?: Record<Language, string[]>;
}

interface Stop extends View {
  name: string;
  route: string | ((ids: Ids) => string);
  /** Resolves once the page shows its data. */
  ready: (page: Page) => Promise<unknown>;
  /** Further views of the same page, one after the other. */
  views?: (View & { name: string })[];
}

interface Ids {
  /** A dealership with an employee: its page shows a supplier's hint and an employees table. */
  company: number;
  product: number;
  employee: number;
  staff: number;
}

/** The tokens of the links that the registration and reset pages are opened with. */
const INVITATION_TOKEN = "an-invitation-token";
const RESET_TOKEN = "a-reset-token";

const filled = (page: Page, name: string) =>
  eventually(() => page.locator(`input[name="${name}"]`).inputValue());

/** Every page of the admin, the public ones first (they are seen before logging in). */
const PUBLIC: Stop[] = [
  { name: "login", route: "/login", ready: (page) => page.locator('input[name="username"]').waitFor() },
  {
    name: "register",
    route: `/register?token=${INVITATION_TOKEN}`,
    ready: (page) => page.locator('input[name="password"]').waitFor(),
  },
  { name: "register-without-token", route: "/register", ready: (page) => page.getByRole("alert").waitFor() },
  {
    name: "forgot-password",
    route: "/forgot-password",
    ready: (page) => page.locator('input[name="email"]').waitFor(),
    views: [
      {
        name: "sent",
        open: async (page) => {
          await page.fill('input[name="email"]', "nobody@example.com");
          await page.locator('button[type="submit"]').click();
          await page.locator(".MuiAlert-colorSuccess").waitFor();
        },
      },
    ],
  },
  {
    name: "reset-password",
    route: `/reset-password?token=${RESET_TOKEN}`,
    ready: (page) => page.locator('input[name="password"]').waitFor(),
  },
  {
    name: "reset-password-without-token",
    route: "/reset-password",
    ready: (page) => page.getByRole("alert").waitFor(),
  },
];

const STAFF_PAGES: Stop[] = [
  {
    name: "dashboard",
    route: "/",
    ready: (page) => page.getByTestId("total-debt").waitFor(),
    // Four companies in debt at 100.50 each, and the scheduled tasks by name.
    shows: {
      ru: ["402,00 ₽", "5 компаний, средний долг 100,50 ₽", "Начисление долга", "Погашение долга"],
      en: ["₽402.00", "5 companies, average debt ₽100.50", "Debt accrual", "Debt repayment"],
    },
  },
  {
    name: "companies-list",
    route: "/companies",
    ready: (page) => page.locator("tbody tr").first().waitFor(),
    views: [
      {
        name: "clear-debt",
        open: async (page, language) => {
          await page.locator('tbody input[type="checkbox"]').first().check();
          await page.getByRole("button", { name: CLEAR_DEBT[language] }).click();
          await page.getByRole("dialog").waitFor();
        },
        shows: {
          ru: ["Выбрана 1 запись", "Обнулить долг 1 компании (до 0,00 ₽)?"],
          en: ["1 item selected", "Set the debt of 1 company to ₽0.00?"],
        },
      },
      {
        // The first company is the factory, whose debt is 0 already: none is cleared, and the data stays.
        name: "cleared",
        open: async (page, language) => {
          // Once, under a loaded CI run, the confirmation had closed before this step: it is what this step
          // reads the result of, not what it tests, so it is opened again then (the note on issue 12 says so).
          if (!(await page.getByRole("dialog").isVisible())) {
            await page.getByRole("button", { name: CLEAR_DEBT[language] }).click();
          }
          await page.getByRole("dialog").getByRole("button", { name: CLEAR_DEBT[language] }).click();
          await page.locator(".MuiSnackbar-root").waitFor();
        },
        shows: { ru: ["Долг обнулён у 0 компаний"], en: ["Cleared 0 companies"] },
      },
      {
        name: "add-filter",
        open: async (page, language) => {
          await page.getByRole("button", { name: ADD_FILTER[language] }).click();
          await page.getByRole("menu").waitFor();
        },
        shows: { ru: ["Страна", "Продаёт товар", "Поставщик"], en: ["Country", "Sells product", "Supplier"] },
      },
      {
        // Choosing one closes the menu and shows the filter's input.
        name: "filter-added",
        open: async (page, language) => {
          await page.getByRole("menuitemcheckbox", { name: SELLS_PRODUCT[language] }).click();
          await page.locator('.ra-input-product input, input[name="product"]').first().waitFor();
        },
        shows: { ru: ["Продаёт товар"], en: ["Sells product"] },
      },
    ],
  },
  {
    name: "companies-create",
    route: "/companies/create",
    ready: (page) => page.locator('input[name="name"]').waitFor(),
    // The level's choices, then a dealership's supplier hint.
    open: async (page) => {
      await page.locator('.ra-input-level [role="combobox"]').click();
      await page.getByRole("option").nth(2).click();
      await page.locator(".ra-input-supplier_id").waitFor();
    },
  },
  {
    name: "companies-edit",
    route: (ids) => `/companies/${ids.company}`,
    ready: async (page) => {
      await filled(page, "name").not.toBe("");
      await page.locator("tbody tr").first().waitFor();
    },
  },
  { name: "products-list", route: "/products", ready: (page) => page.locator("tbody tr").first().waitFor() },
  {
    name: "products-create",
    route: "/products/create",
    ready: (page) => page.locator('input[name="model"]').waitFor(),
    // Saving without a name shows a validation message.
    open: async (page) => {
      await page.fill('input[name="model"]', "7");
      await page.locator('button[type="submit"]').click();
      await page.locator(".Mui-error").first().waitFor();
    },
  },
  {
    name: "products-edit",
    route: (ids) => `/products/${ids.product}`,
    ready: (page) => filled(page, "model").not.toBe(""),
  },
  {
    name: "employees-list",
    route: "/employees",
    ready: (page) => page.locator("tbody tr").first().waitFor(),
  },
  {
    name: "employees-create",
    route: "/employees/create",
    ready: (page) => page.locator('input[name="email"]').waitFor(),
  },
  {
    name: "employees-edit",
    route: (ids) => `/employees/${ids.employee}`,
    ready: (page) => filled(page, "email").not.toBe(""),
  },
  { name: "staff-list", route: "/staff", ready: (page) => page.locator("tbody tr").first().waitFor() },
  {
    name: "staff-create",
    route: "/staff/create",
    ready: (page) => page.locator('input[name="email"]').waitFor(),
  },
  {
    name: "staff-edit",
    route: (ids) => `/staff/${ids.staff}`,
    ready: (page) => filled(page, "email").not.toBe(""),
  },
  {
    name: "change-password",
    route: "/account/password",
    ready: (page) => page.locator('input[name="current_password"]').waitFor(),
  },
  {
    name: "network",
    route: "/network",
    ready: (page) => page.locator("svg [data-company-id]").first().waitFor(),
  },
];

/** The words a user reads on the page: its text, and the placeholders, labels and tooltips it carries. */
function readPage(page: Page) {
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, in lines, is what a user reads.
    const texts = [document.body.innerText, document.title];
    for (const element of document.querySelectorAll("[placeholder], [aria-label], [title], svg title")) {
      for (const name of ["placeholder", "aria-label", "title"]) texts.push(element.getAttribute(name) ?? "");
      if (element.tagName === "title") texts.push(element.textContent ?? "");
    }
    // Code is code in every language: an API request, a cron schedule.
    const code = [...document.querySelectorAll("code")].map((element) => element.textContent ?? "");
    return { text: texts.join("\n"), code, lang: document.documentElement.lang };
  });
}

describeInBrowser("the admin in Russian and in English", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let ids: Ids;
  /** The records' own values (names, emails, cities): data, not the interface, so in any script. */
  let data: string[];

  beforeAll(async () => {
    await ensureAdminBuilt();
    const chain = await createChain(t.testDb, "Альфа", "Казань");
    await createUsers(t.testDb, (chain[2] as TestCompany).id);
    const { rows: products } = await t.testDb.database.executeSql<{ id: number }>(
      `insert into products (name, model, release_date) values ('Пылесос', 'Вихрь-7', '2024-01-31') returning id`,
    );
    await t.testDb.database.executeSql(
      `insert into company_products (company_id, product_id) values ($1, $2), ($3, $2)`,
      [(chain[4] as TestCompany).id, products[0]?.id, (chain[3] as TestCompany).id],
    );
    const { rows: employees } = await t.testDb.database.executeSql<{ id: number }>(
      "select id from users where email = $1",
      [EMPLOYEE.email],
    );
    const { rows: staff } = await t.testDb.database.executeSql<{ id: number }>(
      "select id from users where email = $1",
      [STAFF.email],
    );
    // A pending invitation from the staff user, and a reset link of theirs, for the pages those links open.
    const { rows: invitees } = await t.testDb.database.executeSql<{ id: number }>(
      `insert into users (email, first_name, last_name, role, company_id, language)
       values ('invitee@example.com', 'Инна', 'Новикова', 'employee', $1, 'ru') returning id`,
      [(chain[2] as TestCompany).id],
    );
    await t.testDb.database.executeSql(
      `insert into invitations (user_id, token_hash, expires_at, invited_by)
       values ($1, $2, now() + interval '3 days', $3)`,
      [invitees[0]?.id, hashOpaqueToken(INVITATION_TOKEN), staff[0]?.id],
    );
    await t.testDb.database.executeSql(
      "insert into password_resets (user_id, token_hash, expires_at) values ($1, $2, now() + interval '1 hour')",
      [staff[0]?.id, hashOpaqueToken(RESET_TOKEN)],
    );
    ids = {
      company: (chain[2] as TestCompany).id,
      product: products[0]?.id as number,
      employee: employees[0]?.id as number,
      staff: staff[0]?.id as number,
    };
    const { rows } = await t.testDb.database.executeSql<{ value: string }>(
      `select unnest(array[name, email, country, city, street, house_number]) as value from companies
       union select unnest(array[name, model]) from products
       union select unnest(array[email, first_name, last_name]) from users`,
    );
    // Longest first, so that "Альфа L1" goes before a shorter value inside it.
    data = rows.map((row) => row.value).sort((a, b) => b.length - a.length);
    server = await startApp(t.testDb);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const setStaffLanguage = (language: Language) =>
    t.testDb.database.executeSql("update users set language = $1 where email = $2", [language, STAFF.email]);
  const languageOf = async (email: string) => {
    const { rows } = await t.testDb.database.executeSql<{ language: string }>(
      "select language from users where email = $1",
      [email],
    );
    return rows[0]?.language;
  };
  const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

  /** The interface's words on the page: without the records' values, email addresses and code. */
  const interfaceText = (text: string, code: string[]) => {
    let rest = text;
    for (const value of [...code, ...data]) rest = rest.split(value).join(" ");
    return rest.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ");
  };

  for (const language of Object.keys(LANGUAGES) as Language[]) {
    it(`shows every page in ${language === "ru" ? "Russian" : "English"}, with no key missing`, async () => {
      // The admin follows the staff user's saved language after login: the same as the browser's here.
      await setStaffLanguage(language);
      const { context, page } = await newPage(browser, undefined, LANGUAGES[language]);
      const missing: string[] = [];
      const languagesAsked = new Set<string>();
      page.on("console", (message) => {
        if (message.text().includes(MISSING_KEY_WARNING)) missing.push(message.text());
      });
      page.on("request", (request) => {
        if (new URL(request.url()).pathname.startsWith("/api/")) {
          languagesAsked.add(request.headers()["accept-language"] ?? "none");
        }
      });
      const foreign: string[] = [];
      const read = async (name: string, view: View) => {
        await view.open?.(page, language);
        const { text, code, lang } = await readPage(page);
        await screenshot(page, `screenshots/${language}-${name}`);
        expect(lang, name).toBe(language);
        // Intl separates thousands and the currency sign with no-break spaces.
        const shown = text.replace(/[\u00a0\u202f]/g, " ");
        for (const wanted of view.shows?.[language] ?? []) expect(shown, name).toContain(wanted);
        const words = interfaceText(text, code);
        const wrong =
          language === "ru"
            ? (words.match(/[A-Za-z]+/g) ?? []).filter((word) => !LATIN_IN_RUSSIAN.has(word))
            : (words.match(/\p{Script=Cyrillic}+/gu) ?? []);
        foreign.push(...wrong.map((word) => `${name}: ${word}`));
      };
      const visit = async (stop: Stop) => {
        const route = typeof stop.route === "string" ? stop.route : stop.route(ids);
        await page.goto(`${server.url}/admin/#${route}`);
        await stop.ready(page);
        await page.waitForLoadState("networkidle");
        await read(stop.name, stop);
        for (const view of stop.views ?? []) await read(`${stop.name}-${view.name}`, view);
      };

      for (const stop of PUBLIC) await visit(stop);
      await logIn(page, server.url, STAFF);
      await page.getByTestId("total-debt").waitFor();
      for (const stop of STAFF_PAGES) await visit(stop);

      expect(missing, "missing translation keys").toEqual([]);
      expect([...new Set(foreign)], `words of the other language in ${language}`).toEqual([]);
      expect([...languagesAsked], "the API is asked to answer in the admin's language").toEqual([language]);
      await context.close();
    });
  }

  it("follows the server's default (ru) on a first visit in another language, and remembers the switch", async () => {
    const russian = await startApp(t.testDb, undefined, { defaultLanguage: "ru" });
    const { context, page } = await newPage(browser, undefined, "de-DE");
    const html = () => page.evaluate(() => document.documentElement.lang);
    try {
      await page.goto(`${russian.url}/admin/#/login`);
      await page.getByRole("button", { name: "Войти" }).waitFor();
      expect(await html()).toBe("ru");

      await page.getByRole("button", { name: "Русский" }).click();
      await page.getByRole("menuitem", { name: "English" }).click();
      await page.getByRole("button", { name: "Sign in" }).waitFor();
      expect(await html()).toBe("en");

      await page.reload();
      await page.getByRole("button", { name: "Sign in" }).waitFor();
      expect(await html()).toBe("en");
    } finally {
      await context.close();
      await russian.stop();
    }
  });

  it("follows DEFAULT_LANGUAGE=en on a first visit in another language", async () => {
    const english = await startApp(t.testDb, undefined, { defaultLanguage: "en" });
    const { context, page } = await newPage(browser, undefined, "de-DE");
    try {
      await page.goto(`${english.url}/admin/#/login`);
      await page.getByRole("button", { name: "Sign in" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    } finally {
      await context.close();
      await english.stop();
    }
  });

  it("saves the app bar's switch as the staff user's language, which a browser with no choice follows", async () => {
    await setStaffLanguage("ru");
    const first = await newPage(browser, undefined, "ru-RU");
    await logIn(first.page, server.url, STAFF);
    await first.page.getByTestId("total-debt").waitFor();
    expect(await htmlLang(first.page)).toBe("ru");
    await first.page.getByRole("button", { name: "Русский" }).click();
    await first.page.getByRole("menuitem", { name: "English" }).click();
    await first.page.getByRole("button", { name: "English" }).waitFor();
    expect(await htmlLang(first.page)).toBe("en");
    await eventually(() => languageOf(STAFF.email)).toBe("en");
    await first.context.close();

    // A new browser that asks for Russian and has no choice stored: after login, the saved language.
    const { context, page } = await newPage(browser, undefined, "ru-RU");
    try {
      await logIn(page, server.url, STAFF);
      await page.getByTestId("total-debt").waitFor();
      await eventually(() => htmlLang(page)).toBe("en");
      await page.getByText("Total debt").first().waitFor();

      // An invitation in the language chosen on the form, whose default is the admin's.
      await page.goto(`${server.url}/admin/#/employees/create`);
      await page.fill('input[name="email"]', "anna@supplynet.test");
      await page.getByRole("combobox", { name: "Company" }).fill("Альфа L2");
      await page.getByRole("option", { name: "Альфа L2" }).click();
      const language = page.getByRole("combobox", { name: "Language of emails" });
      await eventually(() => language.textContent()).toBe("English");
      await language.click();
      await page.getByRole("option", { name: "Russian" }).click();
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("Invitation sent to anna@supplynet.test").waitFor();
      expect(await languageOf("anna@supplynet.test")).toBe("ru");
    } finally {
      await context.close();
    }
  });

  it("keeps the language switched when saving it fails, and says so", async () => {
    await setStaffLanguage("en");
    const { context, page } = await newPage(browser, undefined, "en-US");
    try {
      await logIn(page, server.url, STAFF);
      await page.getByTestId("total-debt").waitFor();
      // The network fails the save; everything else reaches the server.
      await page.route("**/api/v1/auth/me", (route) =>
        route.request().method() === "PATCH" ? route.abort("connectionfailed") : route.fallback(),
      );
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("menuitem", { name: "Русский" }).click();
      await page.getByText("Язык не сохранён для ваших писем").waitFor();
      expect(await htmlLang(page)).toBe("ru");
      expect(await languageOf(STAFF.email)).toBe("en");
    } finally {
      await context.close();
    }
  });
});
