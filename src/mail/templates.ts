import type { MailMessage } from "./transport.js";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The company's address as a QR code, shown inline (by content id) and attached as a file. */
export function qrEmail(to: string, companyName: string, address: string, png: Buffer): MailMessage {
  const cid = "company-qr@supplynet";
  return {
    to,
    subject: `Address of ${companyName}`,
    text: `The address of ${companyName}:\n\n${address}\n\nThe QR code is attached.`,
    html: `<p>The address of <b>${escapeHtml(companyName)}</b>:</p>
<pre>${escapeHtml(address)}</pre>
<p><img src="cid:${cid}" alt="QR code of the address"></p>`,
    attachments: [
      { filename: "address-qr.png", content: png, contentType: "image/png", cid },
      {
        filename: "address-qr.png",
        content: png,
        contentType: "image/png",
        contentDisposition: "attachment",
      },
    ],
  };
}

/** The invitation: the link holds the one-time token that proves the email address. */
export function invitationEmail(to: string, link: string): MailMessage {
  return {
    to,
    subject: "Your supplynet invitation",
    text: `You have been invited to supplynet.\n\nChoose your password here:\n${link}\n\nThe link works once, and only until it expires.`,
    html: `<p>You have been invited to supplynet.</p>
<p><a href="${escapeHtml(link)}">Choose your password</a></p>
<p>The link works once, and only until it expires.</p>`,
  };
}
