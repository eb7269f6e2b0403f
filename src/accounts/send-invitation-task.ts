import { type MailJobContext, mailQueueSettings, recipientOf } from "../mail/mail-task.js";
import { invitationEmail } from "../mail/templates/invitation.js";
import { stableMessageId } from "../mail/transport.js";
import type { TaskDefinition } from "../queue/task.js";
import { invitationOfLink } from "./invitations.js";

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
 *
 * What the email says (names, company, inviter, expiry) is read when the job runs. A link that no longer works
 * by then (used, or replaced by a newer invitation while SMTP was away) is not sent: the newer one is.
 */
export const sendInvitationTask: TaskDefinition<"send-invitation", MailJobContext> = {
  name: "send-invitation",
  settings: mailQueueSettings,
  concurrent: true,
  async handle(job, { config, database, mailer, queue }) {
    const { user_id: userId, link } = job.data;
    const to = await recipientOf(database.db, userId);
    const invitation = await invitationOfLink(database.db, userId, link);
    if (!invitation) throw new Error(`The invitation of user ${userId} in this job no longer exists.`);
    if (invitation.usable) {
      await mailer.send({
        ...invitationEmail({ ...invitation, to, link, timeZone: config.appTimezone }),
        messageId: stableMessageId(`invitation-${job.id}`, config.publicUrl),
      });
    }
    await queue.deleteJob("send-invitation", job.id);
    return undefined;
  },
};
