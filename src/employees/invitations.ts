import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { hashOpaqueToken, newOpaqueToken } from "../auth/opaque-tokens.js";
import type { DbOrTx, Tx } from "../db/client.js";
import { invitations } from "../db/schema.js";
import type { JobQueue } from "../queue/queue.js";

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Invitee {
  id: number;
  email: string;
}

/** Stores a new one-time invitation (its hash only) and returns the token, which then exists only in the link. */
export async function createInvitation(db: DbOrTx, userId: number): Promise<string> {
  const token = newOpaqueToken();
  await db.insert(invitations).values({
    userId,
    tokenHash: hashOpaqueToken(token),
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
  });
  return token;
}

/** The page of the admin SPA where the invitee chooses a password. */
export const invitationLink = (publicUrl: string, token: string) =>
  `${publicUrl}/admin/#/register?token=${encodeURIComponent(token)}`;

export interface InvitationDeps {
  publicUrl: string;
  /** Null in a bare app (tests, scripts): the link is then only logged. */
  jobs: JobQueue | null;
  log: FastifyBaseLogger;
}

/**
 * Gets the link to the invitee: a `send-invitation` job enqueued in `tx`, so the mail goes out exactly when the
 * invitation commits. Without a queue the link is logged instead, so that a developer can still follow it.
 */
export async function deliverInvitation(
  tx: Tx,
  invitee: Invitee,
  link: string,
  deps: InvitationDeps,
): Promise<void> {
  if (!deps.jobs) {
    deps.log.info(
      { user_id: invitee.id, email: invitee.email, link },
      "invitation link (no job queue: not emailed)",
    );
    return;
  }
  await deps.jobs.enqueue("send-invitation", { user_id: invitee.id, link }, { db: tx });
}

/** Invites (again): earlier unused links stop working, a new one is made and delivered, all in `tx`. */
export async function invite(tx: Tx, invitee: Invitee, deps: InvitationDeps): Promise<void> {
  await tx
    .update(invitations)
    .set({ expiresAt: sql`now()` })
    .where(
      and(
        eq(invitations.userId, invitee.id),
        isNull(invitations.usedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    );
  const token = await createInvitation(tx, invitee.id);
  await deliverInvitation(tx, invitee, invitationLink(deps.publicUrl, token), deps);
}
