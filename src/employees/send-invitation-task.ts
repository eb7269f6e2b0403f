import { type MailJobContext, mailQueueSettings, recipientOf } from "../mail/mail-task.js";
import { invitationEmail } from "../mail/templates.js";
import { stableMessageId } from "../mail/transport.js";
import type { TaskDefinition } from "../queue/task.js";

declare module "../queue/queue.js" {
  interface JobPayloads {
    /** The link holds the raw invitation token; see below for how long it stays stored. */
    "send-invitation": { user_id: number; link: string };
  }
}

/**
 * The raw invitation token exists only in the email and in this job's data (the database keeps its hash).
 * It travels in the job so that the job is enqueued in the transaction that creates the invitation: the mail
 * goes out exactly when the invitation exists. Once the mail is sent the job deletes itself, so the token does
 * not linger in pg-boss's tables or archive; a job that gives up keeps it until pg-boss deletes failed jobs,
 * by which time the invitation has expired.
 */
export const sendInvitationTask: TaskDefinition<"send-invitation", MailJobContext> = {
  name: "send-invitation",
  settings: mailQueueSettings,
  concurrent: true,
  async handle(job, { config, database, mailer, queue }) {
    const user = await recipientOf(database.db, job.data.user_id);
    await mailer.send({
      ...invitationEmail(user.email, job.data.link),
      messageId: stableMessageId(`invitation-${job.id}`, config.publicUrl),
    });
    await queue.deleteJob("send-invitation", job.id);
    return undefined;
  },
};
