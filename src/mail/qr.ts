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
    // One PNG row filter instead of trying all five per row: the same pixels for a third of the CPU, so that a
    // backlog of QR mails drains at the pace of SMTP rather than of PNG compression.
    // (pngjs takes filterType; the qrcode types list only the deflate options it passes along.)
    rendererOpts: { filterType: 2 } as NonNullable<QRCode.QRCodeToBufferOptions["rendererOpts"]>,
  });
}
