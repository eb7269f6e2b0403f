import { eq } from "drizzle-orm";
import { companies } from "../db/schema.js";
import { type MailJobContext, mailQueueSettings, recipientOf } from "../mail/mail-task.js";
import { addressText, qrPng } from "../mail/qr.js";
import { qrEmail } from "../mail/templates/qr.js";
import { stableMessageId } from "../mail/transport.js";
import type { TaskDefinition } from "../queue/task.js";

declare module "../queue/queue.js" {
  interface JobPayloads {
    "send-qr-email": { company_id: number; user_id: number };
  }
}

export const sendQrEmailTask: TaskDefinition<"send-qr-email", MailJobContext> = {
  name: "send-qr-email",
  settings: mailQueueSettings,
  concurrent: true,
  async handle(job, { config, database, mailer }) {
    const [company] = await database.db
      .select({
        name: companies.name,
        country: companies.country,
        city: companies.city,
        street: companies.street,
        houseNumber: companies.houseNumber,
      })
      .from(companies)
      .where(eq(companies.id, job.data.company_id));
    const user = await recipientOf(database.db, job.data.user_id);
    if (!company) throw new Error(`Company ${job.data.company_id} no longer exists.`);
    const address = addressText(company);
    const sentTo = await mailer.send({
      ...qrEmail({ to: user, companyName: company.name, address, png: await qrPng(address) }),
      messageId: stableMessageId(`qr-${job.id}`, config.publicUrl),
    });
    return { sent_to: sentTo };
  },
};
