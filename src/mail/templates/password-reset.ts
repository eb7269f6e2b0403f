import type { Language } from "../../config.js";
import type { MailMessage } from "../transport.js";
import { button, dateTime, greeting, html, page, type Recipient } from "./layout.js";

export interface PasswordReset {
  to: Recipient;
  /** Holds the one-time token that proves the email address. */
  link: string;
  expiresAt: Date;
  /** The app's time zone (APP_TIMEZONE), in which the expiry is shown. */
  timeZone: string;
}

interface Copy {
  subject: string;
  asked: (email: string) => string;
  button: string;
  copyLink: string;
  validity: (expires: string) => string;
  signedOut: string;
  unexpected: string;
}

const COPY: Record<Language, Copy> = {
  ru: {
    subject: "Смена пароля в supplynet",
    asked: (email) => `Кто-то (надеемся, вы) попросил сменить пароль учётной записи ${email} в supplynet.`,
    button: "Задать новый пароль",
    copyLink: "Если кнопка не открывается, скопируйте ссылку в адресную строку браузера:",
    validity: (expires) => `Ссылкой можно воспользоваться только один раз и только до ${expires}.`,
    signedOut:
      "Когда вы зададите новый пароль, все ваши сеансы будут завершены, и войти можно будет только с ним.",
    unexpected: "Если вы не просили сменить пароль, ничего делать не нужно: ваш пароль остаётся прежним.",
  },
  en: {
    subject: "Set a new supplynet password",
    asked: (email) => `Someone (we hope you) asked to set a new password for the supplynet account ${email}.`,
    button: "Set a new password",
    copyLink: "If the button does not open, copy the link into your browser's address bar:",
    validity: (expires) => `The link works only once, and only until ${expires}.`,
    signedOut:
      "Once you set the new password, every session of yours is signed out, and only the new one works.",
    unexpected: "If you did not ask for this, you need not do anything: your password stays as it is.",
  },
};

/** The reset link, in the account's language: what was asked, what the link does, and until when. */
export function passwordResetEmail(reset: PasswordReset): MailMessage {
  const { to, link } = reset;
  const copy = COPY[to.language];
  const asked = copy.asked(to.email);
  const validity = copy.validity(dateTime(reset.expiresAt, to.language, reset.timeZone));
  return {
    to: to.email,
    subject: copy.subject,
    headers: { "Content-Language": to.language },
    text: [greeting(to), asked, link, validity, copy.signedOut, copy.unexpected].join("\n\n"),
    html: page(
      to.language,
      copy.subject,
      html`<p>${greeting(to)}</p>
<p>${asked}</p>
${button(link, copy.button)}
<p style="font-size:14px;color:#57606a">${copy.copyLink}<br><a href="${link}" style="color:#0b5cad;word-break:break-all">${link}</a></p>
<p>${validity}</p>
<p>${copy.signedOut}</p>
<p style="font-size:14px;color:#57606a">${copy.unexpected}</p>`,
    ),
  };
}
