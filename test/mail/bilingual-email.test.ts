import jsQRModule from "jsqr";
import type { ParsedMail } from "mailparser";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Language } from "../../src/config.js";
import { type RunningWorker, startWorker } from "../../src/worker.js";
import { createUser, GENEROUS_LIMITS, type TestUser, testConfig } from "../helpers/app.js";
import { register } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";

/**
 * Every email, in both languages, from the API through the real worker to a real SMTP server, parsed as a mail
 * client would. The worker runs in a time zone of its own (UTC+5, no daylight saving), so that the expiry
 * shown is checked in APP_TIMEZONE and not in UTC.
 */
const t = testApp({ mailbox: true, config: { authRateLimit: GENEROUS_LIMITS }, truncate: false });
let worker: RunningWorker;
let companyId: number;
/** The staff member who invites, by language: the Russian one has a name, the English one only an email. */
const staff = {} as Record<Language, TestUser>;

/** Markup in the company's name: it must reach the HTML escaped, and the text as it is. */
const COMPANY = 'ООО «Ромашка <b>&</b> "Ко"»';
const COMPANY_ESCAPED = "ООО «Ромашка &#60;b&#62;&#38;&#60;/b&#62; &#34;Ко&#34;»";
const ADDRESS = `${COMPANY}\nРоссия, Екатеринбург, улица Малышева 5А/2`;

beforeAll(async () => {
  worker = await startWorker({
    config: testConfig({ smtpUrl: t.mailbox.url, appTimezone: "Asia/Yekaterinburg" }),
    database: t.testDb.database,
    databaseUrl: t.testDb.url,
    log: () => {},
  });
  const [company] = await t.sql<{ id: number }>(
    `insert into companies (name, email, country, city, street, house_number, level)
     values ($1, 'f@example.com', 'Россия', 'Екатеринбург', 'улица Малышева', '5А/2', 0) returning id`,
    [COMPANY],
  );
  companyId = company?.id as number;
  staff.ru = await createUser(t.app, t.testDb, { email: "ivan@example.com", role: "staff" });
  await t.sql("update users set first_name = 'Иван', last_name = 'Сидоров' where id = $1", [staff.ru.id]);
  staff.en = await createUser(t.app, t.testDb, { email: "staff-en@example.com", role: "staff" });
  await t.sql("update users set first_name = '', last_name = '', language = 'en' where id = $1", [
    staff.en.id,
  ]);
});
afterAll(async () => {
  await worker?.stop();
});

const recipient = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : "");
const mailsTo = (email: string) => t.mailbox.messages.filter((mail) => recipient(mail) === email);
/** The `index`th message to `email` (the first by default), once it has arrived. */
async function mailTo(email: string, index = 0): Promise<ParsedMail> {
  await expect.poll(() => mailsTo(email).length, { timeout: 30_000 }).toBeGreaterThan(index);
  return mailsTo(email)[index] as ParsedMail;
}
/** A part of a message (mailparser gives `false` for a missing HTML part), its line breaks as spaces. */
const oneLine = (text: string | false | undefined) => (text || "").replace(/\s+/g, " ");

const RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(
  " ",
);
const EN_MONTHS =
  "January February March April May June July August September October November December".split(" ");
const pad = (n: number) => String(n).padStart(2, "0");

/** The expiry as each language writes it in Yekaterinburg (UTC+5), worked out without Intl. */
function expiryIn(language: Language, expiresAt: Date): string {
  const local = new Date(expiresAt.getTime() + 5 * 3_600_000);
  const [day, month, year] = [local.getUTCDate(), local.getUTCMonth(), local.getUTCFullYear()];
  const [hours, minutes] = [local.getUTCHours(), pad(local.getUTCMinutes())];
  if (language === "ru") return `${day} ${RU_MONTHS[month]} ${year} г. в ${pad(hours)}:${minutes} GMT+5`;
  const half = hours < 12 ? "AM" : "PM";
  return `${EN_MONTHS[month]} ${day}, ${year} at ${hours % 12 || 12}:${minutes} ${half} GMT+5`;
}

async function invite(by: TestUser, payload: Record<string, unknown>) {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/v1/employees",
    headers: by.headers,
    payload: { company_id: companyId, ...payload },
  });
  expect(response.statusCode).toBe(201);
  const [invitation] = await t.sql<{ expires_at: Date }>(
    "select expires_at from invitations where user_id = $1",
    [response.json().id],
  );
  return { employee: response.json(), expiresAt: invitation?.expires_at as Date };
}

const linkIn = (text: string | undefined) =>
  /https?:\/\/\S+register\?token=[\w-]+/.exec(text ?? "")?.[0] as string;
const tokenOf = (link: string) => new URL(link.replace("#/", "")).searchParams.get("token") as string;

/** What both languages' messages must be: plain text and HTML, the HTML escaped and in the right language. */
function expectMultipart(mail: ParsedMail, language: Language) {
  expect(mail.text).toBeTruthy();
  expect(mail.html).toEqual(expect.stringContaining(`<html lang="${language}">`));
  expect(mail.html).toContain(COMPANY_ESCAPED);
  expect(mail.html).not.toContain("<b>&");
  expect(mail.text).toContain(COMPANY);
  expect(mail.headers.get("content-language")).toBe(language);
}

/** No Cyrillic in an English message, apart from the company's (Russian) name and address. */
const withoutCompany = (text: string | false | undefined) =>
  (text || "")
    .replaceAll(COMPANY, "")
    .replaceAll(COMPANY_ESCAPED, "")
    .replace("Россия, Екатеринбург, улица Малышева 5А/2", "");

describe("the invitation", () => {
  it("in Russian names the invitee, the company, the inviter, the expiry and the steps; its link registers", async () => {
    const { employee, expiresAt } = await invite(staff.ru, {
      email: "anna@example.com",
      first_name: "Анна",
      last_name: "Петрова",
      language: "ru",
    });
    expect(employee.language).toBe("ru");
    const mail = await mailTo("anna@example.com");
    expect(mail.subject).toBe(`Приглашение в supplynet: ${COMPANY}`);
    const text = oneLine(mail.text);
    expect(text).toContain("Здравствуйте, Анна Петрова!");
    expect(text).toContain(`Иван Сидоров приглашает вас в supplynet как сотрудника компании ${COMPANY}.`);
    expect(text).toContain("Откройте ссылку");
    expect(text).toContain("Придумайте пароль");
    expect(text).toContain("входите в API с адресом anna@example.com");
    expect(text).toContain(`только один раз и только до ${expiryIn("ru", expiresAt)}.`);
    expectMultipart(mail, "ru");
    expect(oneLine(mail.html)).toContain(expiryIn("ru", expiresAt));
    expect(mail.attachments).toEqual([]);

    const link = linkIn(mail.text);
    expect(mail.html).toContain(`href="${link}"`);
    const registered = await register(t.app, { token: tokenOf(link), password: "long enough password" });
    expect(registered.statusCode).toBe(201);
    expect(registered.json().user).toMatchObject({ email: "anna@example.com", language: "ru" });
  });

  it("in English greets an invitee without a name neutrally and names an inviter without one by email", async () => {
    const { employee, expiresAt } = await invite(staff.en, { email: "boris@example.com" });
    expect(employee.language).toBe("en");
    const mail = await mailTo("boris@example.com");
    expect(mail.subject).toBe(`Your invitation to supplynet: ${COMPANY}`);
    const text = oneLine(mail.text);
    expect(text).toMatch(/^Hello, /);
    expect(text).toContain(`staff-en@example.com invites you to supplynet as an employee of ${COMPANY}.`);
    expect(text).toContain("Open the link below.");
    expect(text).toContain("Choose a password.");
    expect(text).toContain("log in to the API with boris@example.com");
    expect(text).toContain(`The link works only once, and only until ${expiryIn("en", expiresAt)}.`);
    expect(withoutCompany(mail.text)).not.toMatch(/[а-яё]/i);
    expectMultipart(mail, "en");
    expect(withoutCompany(mail.html)).not.toMatch(/[а-яё]/i);
  });

  it("is not sent for a link replaced before the job ran: only the newer invitation goes out", async () => {
    await worker.stop();
    try {
      const { employee } = await invite(staff.ru, { email: "vera@example.com", first_name: "Вера" });
      const resent = await t.app.inject({
        method: "POST",
        url: `/api/v1/employees/${employee.id}/resend_invite`,
        headers: staff.ru.headers,
      });
      expect(resent.statusCode).toBe(202);
    } finally {
      worker = await startWorker({
        config: testConfig({ smtpUrl: t.mailbox.url, appTimezone: "Asia/Yekaterinburg" }),
        database: t.testDb.database,
        databaseUrl: t.testDb.url,
        log: () => {},
      });
    }
    const mail = await mailTo("vera@example.com");
    const [live] = await t.sql<{ expires_at: Date }>(
      `select i.expires_at from invitations i join users u on u.id = i.user_id
       where u.email = 'vera@example.com' and i.expires_at > now()`,
    );
    expect(oneLine(mail.text)).toContain(expiryIn("ru", live?.expires_at as Date));
    const registered = await register(t.app, {
      token: tokenOf(linkIn(mail.text)),
      password: "long enough pw",
    });
    expect(registered.statusCode).toBe(201);
    // Both jobs are done (each deletes itself); the replaced one sent nothing.
    await expect.poll(() => t.sql("select id from pgboss.job where name = 'send-invitation'")).toEqual([]);
    expect(mailsTo("vera@example.com")).toHaveLength(1);
  });
});

/** jsqr is CommonJS typed as an ES default export: at run time the import is the function itself. */
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;
function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

async function askForQr(user: { headers: Record<string, string> }) {
  const response = await t.app.inject({
    method: "POST",
    url: `/api/v1/companies/${companyId}/get_qr`,
    headers: user.headers,
  });
  expect(response.statusCode).toBe(202);
}

/** The QR email's one image: inline, shown by the HTML, decoding to the company's name and address. */
function expectOneInlineQr(mail: ParsedMail) {
  expect(mail.attachments).toHaveLength(1);
  const [qr] = mail.attachments;
  expect(qr).toMatchObject({
    contentType: "image/png",
    contentDisposition: "inline",
    cid: "company-qr@supplynet",
  });
  // mailparser resolves the HTML's cid: link to the inline image, so the link pointed at it.
  expect(mail.html).toContain('<img src="data:image/png;base64,');
  expect(decodeQr(qr?.content as Buffer)).toBe(ADDRESS);
}

describe("the QR email", () => {
  it("in Russian greets by name and gives the address as text, with the QR code once, inline", async () => {
    const reader = await createUser(t.app, t.testDb, { email: "qr-ru@example.com", role: "staff" });
    await t.sql("update users set first_name = 'Ольга', last_name = '' where id = $1", [reader.id]);
    await askForQr(reader);
    const mail = await mailTo("qr-ru@example.com");
    expect(mail.subject).toBe(`Адрес и QR-код: ${COMPANY}`);
    expect(mail.text).toContain("Здравствуйте, Ольга!");
    expect(mail.text).toContain(`Вот адрес компании ${COMPANY}, как вы просили:\n\n${ADDRESS}`);
    expect(mail.text).toContain("QR-код с этим адресом приложен к письму.");
    expectMultipart(mail, "ru");
    expect(mail.html).toContain("Россия, Екатеринбург, улица Малышева 5А/2");
    expectOneInlineQr(mail);
  });

  it("in English, for an employee, follows the language they set with PATCH /auth/me, back and forth", async () => {
    const employee = await createUser(t.app, t.testDb, {
      email: "qr-en@example.com",
      role: "employee",
      companyId,
    });
    const setLanguage = (language: Language) =>
      t.app.inject({
        method: "PATCH",
        url: "/api/v1/auth/me",
        headers: employee.headers,
        payload: { language },
      });

    expect((await setLanguage("en")).statusCode).toBe(200);
    await askForQr(employee);
    const english = await mailTo("qr-en@example.com");
    expect(english.subject).toBe(`Address and QR code: ${COMPANY}`);
    expect(english.text).toContain("Hello Test User,");
    expect(english.text).toContain(`Here is the address of ${COMPANY}, as you asked:\n\n${ADDRESS}`);
    expect(english.text).toContain("The QR code of this address is attached to this email.");
    expect(withoutCompany(english.text)).not.toMatch(/[а-яё]/i);
    expectMultipart(english, "en");
    expectOneInlineQr(english);

    expect((await setLanguage("ru")).statusCode).toBe(200);
    await askForQr(employee);
    const russian = await mailTo("qr-en@example.com", 1);
    expect(russian.subject).toBe(`Адрес и QR-код: ${COMPANY}`);
    expect(russian.text).toContain("Здравствуйте, Test User!");
  });
});
