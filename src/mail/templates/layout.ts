import type { Language } from "../../config.js";

/** Markup whose text parts are already escaped; `html` builds it. */
export class Html {
  constructor(readonly markup: string) {}
}

type Part = string | Html | readonly Part[];

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const render = (part: Part): string =>
  part instanceof Html
    ? part.markup
    : typeof part === "string"
      ? escapeHtml(part)
      : part.map(render).join("");

/** A template of markup in which every interpolated string is escaped: nothing from the database goes in raw. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(
    strings.reduce((markup, string, index) => markup + render(parts[index - 1] ?? "") + string),
  );
}

/**
 * A whole HTML message: no tables and no style sheet (mail clients drop <style> and linked CSS), a few inline
 * styles, one narrow column, so that it reads the same in webmail, desktop clients and phones.
 */
export function page(language: Language, title: string, body: Html): string {
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="margin:0;padding:24px 16px;background:#ffffff;color:#1f2328;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto">
${body}
</div>
</body>
</html>
`.markup;
}

/** A link that looks like a button; the plain link is given beside it for clients that show no styles. */
export const button = (href: string, label: string) =>
  html`<p style="margin:24px 0"><a href="${href}" style="display:inline-block;padding:12px 20px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${label}</a></p>`;

export interface Person {
  email: string;
  firstName: string;
  lastName: string;
}

/** Whom a message goes to, as they are when it is sent. */
export interface Recipient extends Person {
  language: Language;
}

/** First and last name; "" for someone who has given none. */
export const fullName = (person: Person) => `${person.firstName} ${person.lastName}`.trim();

const GREETINGS: Record<Language, (name: string) => string> = {
  ru: (name) => (name ? `Здравствуйте, ${name}!` : "Здравствуйте!"),
  en: (name) => (name ? `Hello ${name},` : "Hello,"),
};

/** The first line of every message: by name, or neutral for someone who has given none. */
export const greeting = (recipient: Recipient) => GREETINGS[recipient.language](fullName(recipient));

/** A moment as the recipient reads it: their language, the app's time zone, the zone named. */
export const dateTime = (moment: Date, language: Language, timeZone: string) =>
  new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(moment);
