import { describe, expect, it } from "vitest";
import { defaultMailFrom } from "../../src/config.js";
import { createMailer } from "../../src/mail/transport.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ app: false, mailbox: true });

describe("the default sender (MAIL_FROM unset)", () => {
  it.each([
    ["https://supply.example.com/app", "noreply@supply.example.com"],
    ["http://localhost:8000", "noreply@localhost"],
    ["http://127.0.0.1:8000", "noreply@localhost"],
    ["http://[::1]:8000", "noreply@localhost"],
  ])("for PUBLIC_URL %s is %s, and an SMTP server takes it", async (publicUrl, address) => {
    const from = defaultMailFrom(publicUrl);
    expect(from).toBe(`supplynet <${address}>`);
    const mailer = createMailer({ smtpUrl: t.mailbox.url, from, dataDir: "/nonexistent" });
    try {
      await mailer.send({ to: "reader@example.com", subject: publicUrl, text: "." });
    } finally {
      mailer.close();
    }
    const mail = await t.mailbox.waitFor((message) => message.subject === publicUrl);
    expect(mail.from?.value).toEqual([{ name: "supplynet", address }]);
  });
});
