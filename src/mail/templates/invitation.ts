import type { Language } from "../../config.js";
import type { MailMessage } from "../transport.js";
import { button, dateTime, fullName, greeting, html, type Person, page, type Recipient } from "./layout.js";

export interface Invitation {
  to: Recipient;
  /** Holds the one-time token that proves the email address. */
  link: string;
  /** The employee's company; null invites a staff user, to the admin. */
  companyName: string | null;
  /** The staff member who invited; null once they are deleted. */
  inviter: Person | null;
  expiresAt: Date;
  /** The app's time zone (APP_TIMEZONE), in which the expiry is shown. */
  timeZone: string;
}

interface Copy {
  subject: (company: string | null) => string;
  /** Who invites whom where; `inviter` is a name or an email, null for nobody known. */
  invited: (inviter: string | null, company: string | null) => string;
  next: string;
  steps: (email: string, company: string | null) => [string, string, string];
  button: string;
  copyLink: string;
  validity: (expires: string) => string;
  unexpected: string;
}

const COPY: Record<Language, Copy> = {
  ru: {
    subject: (company) => `Приглашение в supplynet: ${company ?? "администрирование"}`,
    invited: (inviter, company) =>
      `${inviter ? `${inviter} приглашает` : "Приглашаем"} вас в supplynet ${
        company ? `как сотрудника компании ${company}` : "администратором сети"
      }.`,
    next: "Что делать дальше:",
    steps: (email, company) => [
      "Откройте ссылку ниже.",
      "Придумайте пароль.",
      company
        ? `Затем входите в API с адресом ${email} и этим паролем.`
        : `Затем входите в админку с адресом ${email} и этим паролем.`,
    ],
    button: "Придумать пароль",
    copyLink: "Если кнопка не открывается, скопируйте ссылку в адресную строку браузера:",
    validity: (expires) => `Ссылкой можно воспользоваться только один раз и только до ${expires}.`,
    unexpected: "Если вы не ждали этого приглашения, ничего делать не нужно.",
  },
  en: {
    subject: (company) => `Your invitation to supplynet: ${company ?? "administration"}`,
    invited: (inviter, company) =>
      `${inviter ? `${inviter} invites you` : "You are invited"} to supplynet ${
        company ? `as an employee of ${company}` : "as a staff user, to run the network"
      }.`,
    next: "What to do next:",
    steps: (email, company) => [
      "Open the link below.",
      "Choose a password.",
      company
        ? `Then log in to the API with ${email} and that password.`
        : `Then log in to the admin with ${email} and that password.`,
    ],
    button: "Choose your password",
    copyLink: "If the button does not open, copy the link into your browser's address bar:",
    validity: (expires) => `The link works only once, and only until ${expires}.`,
    unexpected: "If you did not expect this invitation, you need not do anything.",
  },
};

/** The invitation, in the invitee's language: who invites them where, what to do, and until when. */
export function invitationEmail(invitation: Invitation): MailMessage {
  const { to, link, companyName } = invitation;
  const copy = COPY[to.language];
  const inviter = invitation.inviter && (fullName(invitation.inviter) || invitation.inviter.email);
  const invited = copy.invited(inviter, companyName);
  const steps = copy.steps(to.email, companyName);
  const validity = copy.validity(dateTime(invitation.expiresAt, to.language, invitation.timeZone));
  const subject = copy.subject(companyName);
  return {
    to: to.email,
    subject,
    headers: { "Content-Language": to.language },
    text: [
      greeting(to),
      invited,
      [copy.next, ...steps.map((step, index) => `${index + 1}. ${step}`)].join("\n"),
      link,
      validity,
      copy.unexpected,
    ].join("\n\n"),
    html: page(
      to.language,
      subject,
      html`<p>${greeting(to)}</p>
<p>${invited}</p>
<p style="margin-bottom:4px">${copy.next}</p>
<ol style="margin-top:0">${steps.map((step) => html`<li>${step}</li>`)}</ol>
${button(link, copy.button)}
<p style="font-size:14px;color:#57606a">${copy.copyLink}<br><a href="${link}" style="color:#0b5cad;word-break:break-all">${link}</a></p>
<p>${validity}</p>
<p style="font-size:14px;color:#57606a">${copy.unexpected}</p>`,
    ),
  };
}
