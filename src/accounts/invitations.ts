import { and, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../auth/actor.js";
import { accountType, originOf, recordAudit } from "../auth/audit.js";
import { hashOpaqueToken, newOpaqueToken } from "../auth/opaque-tokens.js";
import type { Services } from "../auth/services.js";
import type { Language } from "../config.js";
import type { DbOrTx, Tx } from "../db/client.js";
import { companies, invitations, type UserRole, users } from "../db/schema.js";
import { conflict, notFound } from "../http/errors.js";
import type { Message } from "../i18n/translate.js";

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Invitee {
  id: number;
  email: string;
  role: UserRole;
}

/**
 * Stores a new one-time invitation (its hash only) and returns the token, which then exists only in the link.
 * `invitedBy` is the staff member the email names; null for none.
 */
export async function createInvitation(
  db: DbOrTx,
  userId: number,
  invitedBy: number | null = null,
): Promise<string> {
  const token = newOpaqueToken();
  await db.insert(invitations).values({
    userId,
    invitedBy,
    tokenHash: hashOpaqueToken(token),
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
  });
  return token;
}

const TOKEN_PARAMETER = "token";

/** The page of the admin SPA where the invitee chooses a password. */
export const invitationLink = (publicUrl: string, token: string) =>
  `${publicUrl}/admin/#/register?${TOKEN_PARAMETER}=${encodeURIComponent(token)}`;

/** The token an invitationLink holds (in its fragment's query); "" for a link that holds none. */
function tokenOfLink(link: string): string {
  const fragment = new URL(link).hash;
  const query = fragment.slice(fragment.indexOf("?") + 1);
  return new URLSearchParams(query).get(TOKEN_PARAMETER) ?? "";
}

/**
 * Invites (again): earlier unused links stop working, a new one is made, and a `send-invitation` job is enqueued
 * in `tx`, so the mail goes out exactly when the invitation commits. `actor` is the staff member inviting; the
 * audit log records the invitation, never its link.
 */
export async function invite(
  { jobs, publicUrl }: Pick<Services, "jobs" | "publicUrl">,
  tx: Tx,
  invitee: Invitee,
  actor: Actor,
  resent: boolean,
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
  const token = await createInvitation(tx, invitee.id, actor.userId);
  const link = invitationLink(publicUrl, token);
  await jobs.enqueue("send-invitation", { user_id: invitee.id, link }, { db: tx });
  await recordAudit(tx, originOf(actor), {
    action: "invite",
    objectType: accountType(invitee.role),
    objectId: invitee.id,
    details: { email: invitee.email, resent },
  });
}

/** Whom a staff user invites: the account to create, without a password. */
export interface NewAccount {
  email: string;
  first_name?: string | undefined;
  last_name?: string | undefined;
  language?: Language | undefined;
  role: UserRole;
  companyId: number | null;
}

/**
 * Creates the account without a password and invites it, in one transaction; returns its id. Its emails are
 * in the language asked for, else in the inviting staff member's.
 */
export async function createInvitedAccount(
  deps: Pick<Services, "db" | "jobs" | "publicUrl">,
  actor: Actor,
  account: NewAccount,
): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: account.email,
        firstName: account.first_name ?? "",
        lastName: account.last_name ?? "",
        role: account.role,
        companyId: account.companyId,
        // The actor's row exists: the auth plugin has just confirmed it, and the invitation references it.
        language:
          account.language ??
          sql`(select ${users.language} from ${users} where ${users.id} = ${actor.userId})`,
      })
      .returning({ id: users.id, email: users.email, role: users.role });
    if (!user) throw new Error("insert returned no row");
    await recordAudit(tx, originOf(actor), {
      action: "create",
      objectType: accountType(user.role),
      objectId: user.id,
      details: { email: user.email, ...(account.companyId !== null && { company_id: account.companyId }) },
    });
    await invite(deps, tx, user, actor, false);
    return user.id;
  });
}

/** Why a user cannot be invited again, in the words of their kind (an employee, a staff user). */
export interface ReinviteRefusals {
  missing: Message;
  registered: Message;
  inactive: Message;
}

/**
 * A new link for the user `who` selects, if they have not registered yet; the old links stop working. Returns
 * the email the invitation goes to. The row lock keeps a registration from slipping in between.
 */
export async function reinvite(
  deps: Pick<Services, "db" | "jobs" | "publicUrl">,
  actor: Actor,
  who: SQL | undefined,
  refusals: ReinviteRefusals,
): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .select({
        id: users.id,
        email: users.email,
        role: users.role,
        passwordHash: users.passwordHash,
        isActive: users.isActive,
      })
      .from(users)
      .where(who)
      .for("update");
    if (!user) throw notFound(refusals.missing);
    if (user.passwordHash) throw conflict(refusals.registered);
    if (!user.isActive) throw conflict(refusals.inactive);
    await invite(deps, tx, user, actor, true);
    return user.email;
  });
}

/** What an invitation email says besides its link, read when the job runs. */
export interface InvitationDetails {
  /** The employee's company; null for a staff user. */
  companyName: string | null;
  expiresAt: Date;
  /** Whether the link still works: not used, not expired, not replaced by a newer invitation. */
  usable: boolean;
  /** The staff member who invited; null once they are deleted. */
  inviter: { firstName: string; lastName: string; email: string } | null;
}

const inviters = alias(users, "inviter");

/** The invitation a link opens, if it is `userId`'s; undefined once it is gone (its user deleted). */
export async function invitationOfLink(
  db: DbOrTx,
  userId: number,
  link: string,
): Promise<InvitationDetails | undefined> {
  const [row] = await db
    .select({
      companyName: companies.name,
      expiresAt: invitations.expiresAt,
      usable: sql<boolean>`${invitations.usedAt} is null and ${invitations.expiresAt} > now()`,
      inviterEmail: inviters.email,
      inviterFirstName: inviters.firstName,
      inviterLastName: inviters.lastName,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(companies, eq(companies.id, users.companyId))
    .leftJoin(inviters, eq(inviters.id, invitations.invitedBy))
    .where(
      and(eq(invitations.tokenHash, hashOpaqueToken(tokenOfLink(link))), eq(invitations.userId, userId)),
    );
  if (!row) return undefined;
  return {
    companyName: row.companyName,
    expiresAt: row.expiresAt,
    usable: row.usable,
    inviter:
      row.inviterEmail === null
        ? null
        : {
            firstName: row.inviterFirstName ?? "",
            lastName: row.inviterLastName ?? "",
            email: row.inviterEmail,
          },
  };
}
