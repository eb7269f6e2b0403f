import type { Language } from "../../config.js";
import type { MailMessage } from "../transport.js";
import { greeting, html, page, type Recipient } from "./layout.js";

export interface QrMessage {
  to: Recipient;
  companyName: string;
  /** The name and address as the QR code encodes them, one line each. */
  address: string;
  png: Buffer;
}

interface Copy {
  subject: (company: string) => string;
  intro: (company: string) => string;
  /** Where the QR code is: in the text part it is the attachment, in the HTML it is shown. */
  qrAttached: string;
  qrShown: string;
  alt: string;
}

const COPY: Record<Language, Copy> = {
  ru: {
    subject: (company) => `Адрес и QR-код: ${company}`,
    intro: (company) => `Вот адрес компании ${company}, как вы просили:`,
    qrAttached: "QR-код с этим адресом приложен к письму.",
    qrShown: "Отсканируйте QR-код телефоном, чтобы не набирать адрес вручную:",
    alt: "QR-код адреса",
  },
  en: {
    subject: (company) => `Address and QR code: ${company}`,
    intro: (company) => `Here is the address of ${company}, as you asked:`,
    qrAttached: "The QR code of this address is attached to this email.",
    qrShown: "Scan the QR code with your phone instead of typing the address:",
    alt: "QR code of the address",
  },
};

/** Names the image inside the message; the HTML shows it by this id. */
const QR_CID = "company-qr@supplynet";

/**
 * The company's address as text and as a QR code, in the recipient's language. The code is one inline part
 * (by content id): clients that show the HTML show it in place, the others list it as the attachment.
 */
export function qrEmail({ to, companyName, address, png }: QrMessage): MailMessage {
  const copy = COPY[to.language];
  const subject = copy.subject(companyName);
  const lines = address.split("\n");
  return {
    to: to.email,
    subject,
    headers: { "Content-Language": to.language },
    text: [greeting(to), copy.intro(companyName), address, copy.qrAttached].join("\n\n"),
    html: page(
      to.language,
      subject,
      html`<p>${greeting(to)}</p>
<p>${copy.intro(companyName)}</p>
<p style="margin-left:16px;font-weight:bold">${lines.map((line, index) => (index ? html`<br>${line}` : line))}</p>
<p>${copy.qrShown}</p>
<p><img src="cid:${QR_CID}" alt="${copy.alt}" style="display:block;max-width:100%"></p>`,
    ),
    attachments: [{ filename: "address-qr.png", content: png, contentType: "image/png", cid: QR_CID }],
  };
}
