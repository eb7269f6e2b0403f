import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { hashOpaqueToken, newOpaqueToken } from "../auth/opaque-tokens.js";
import type { Services } from "../auth/services.js";
import type { DbOrTx, Tx } from "../db/client.js";
import { invitations } from "../db/schema.js";

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

/**
 * Invites (again): earlier unused links stop working, a new one is made, and a `send-invitation` job is enqueued
 * in `tx`, so the mail goes out exactly when the invitation commits.
 */
export async function invite(
  { jobs, publicUrl }: Pick<Services, "jobs" | "publicUrl">,
  tx: Tx,
  invitee: Invitee,
): Promise<void> {
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
  const link = invitationLink(publicUrl, token);
  await jobs.enqueue("send-invitation", { user_id: invitee.id, link }, { db: tx });
}
