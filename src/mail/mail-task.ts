import { eq } from "drizzle-orm";
import type { Config } from "../config.js";
import type { DbOrTx } from "../db/client.js";
import { users } from "../db/schema.js";
import type { QueueSettings } from "../queue/queue.js";
import type { JobContext } from "../queue/task.js";
import type { Recipient } from "./templates/layout.js";
import type { Mailer } from "./transport.js";

/** What a task that sends mail may use. */
export interface MailJobContext extends JobContext {
  mailer: Mailer;
}

/** A fixed pace, not a backoff: once SMTP is back, every waiting message goes out within this. */
export const MAIL_RETRY_DELAY_SECONDS = 120;

/**
 * The mail queues retry like an MTA's: every two minutes for `config.mailRetryMs` (a day by default), so an
 * outage of hours loses nothing, and a message that finally fails stays visible as failed with its error.
 * A job that outlives the SMTP timeouts (10 s to connect, 30 s of silence) belongs to a dead worker.
 */
export function mailQueueSettings(config: Config): QueueSettings {
  return {
    retryLimit: Math.ceil(config.mailRetryMs / 1000 / MAIL_RETRY_DELAY_SECONDS),
    retryDelay: MAIL_RETRY_DELAY_SECONDS,
    retryBackoff: false,
    expireInSeconds: 60,
    pollingIntervalSeconds: 2,
  };
}

/**
 * Whom a mail job writes to: the user as they are when it runs (their name, and their language, which may have
 * changed since the job was queued); one deleted since then fails the job.
 */
export async function recipientOf(db: DbOrTx, userId: number): Promise<Recipient> {
  const [user] = await db
    .select({
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      language: users.language,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new Error(`User ${userId} no longer exists.`);
  return user;
}
