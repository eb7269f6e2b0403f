import QRCode from "qrcode";

export interface PostalAddress {
  name: string;
  country: string;
  city: string;
  street: string;
  houseNumber: string;
}

/** What the QR code encodes and the email repeats: the company's name, then its full address. */
export function addressText(company: PostalAddress): string {
  return `${company.name}\n${company.country}, ${company.city}, ${company.street} ${company.houseNumber}`;
}

/** A PNG QR code of `text`; byte mode keeps non-Latin names (Cyrillic) intact. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer([{ data: Buffer.from(text, "utf8"), mode: "byte" }], {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 4,
    scale: 6,
  });
}
