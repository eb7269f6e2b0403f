import { type MailJobContext, mailQueueSettings, recipientOf } from "../mail/mail-task.js";
import { passwordResetEmail } from "../mail/templates/password-reset.js";
import { stableMessageId } from "../mail/transport.js";
import type { TaskDefinition } from "../queue/task.js";
import { issuePasswordReset, passwordResetLink } from "./password-reset.js";

declare module "../queue/queue.js" {
  interface JobPayloads {
    /** The email as it was typed: it may name no account, which the job, not the request, finds out. */
    "send-password-reset": { email: string };
  }
}

/**
 * The link is made when the job runs, so that the raw token exists only in the email, never in pg-boss's tables,
 * and a link sent after an SMTP outage still has its full hour. Under at-least-once delivery a retried job makes
 * a new link, which ends the one of the attempt before: at worst the user gets two emails, and the newer works.
 */
export const sendPasswordResetTask: TaskDefinition<"send-password-reset", MailJobContext> = {
  name: "send-password-reset",
  settings: mailQueueSettings,
  concurrent: true,
  async handle(job, { config, database, mailer }) {
    const reset = await issuePasswordReset(database.db, job.data.email);
    if (!reset) return { sent: false };
    const to = await recipientOf(database.db, reset.userId);
    await mailer.send({
      ...passwordResetEmail({
        to,
        link: passwordResetLink(config.publicUrl, reset.token),
        expiresAt: reset.expiresAt,
        timeZone: config.appTimezone,
      }),
      messageId: stableMessageId(`password-reset-${job.id}-${job.retryCount}`, config.publicUrl),
    });
    return { sent: true };
  },
};
