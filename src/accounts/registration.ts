import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { hashOpaqueToken } from "../auth/opaque-tokens.js";
import type { FieldProblem } from "../auth/password-change.js";
import { passwordProblem } from "../auth/password-policy.js";
import { hashPassword } from "../auth/passwords.js";
import type { MeView, RegisterInput } from "../auth/schemas.js";
import { meColumns } from "../auth/service.js";
import type { Services } from "../auth/services.js";
import type { TokenPair } from "../auth/tokens.js";
import type { DbOrTx } from "../db/client.js";
import { companies, invitations, type UserRole, users } from "../db/schema.js";
import { notFound } from "../http/errors.js";
import { msg } from "../i18n/translate.js";

export type Registration = TokenPair & { user: MeView };
export type RegistrationProblem = FieldProblem<"token" | "password">;

const UNKNOWN_INVITATION: RegistrationProblem = { problem: msg("auth.invitation_unknown"), field: "token" };

/**
 * Why an invitation token cannot be used, in words for the invitee; null when it can. Registering proves both
 * the email and the company, so every condition is checked under the invitation's row lock.
 */
function invitationProblem(invitation: { usedAt: Date | null; expiresAt: Date; isActive: boolean }) {
  if (invitation.usedAt) return msg("auth.invitation_used");
  if (invitation.expiresAt <= new Date()) return msg("auth.invitation_expired");
  if (!invitation.isActive) return msg("auth.invitation_deactivated");
  return null;
}

const inviters = alias(users, "inviter");

function selectInvitation(db: DbOrTx, token: string) {
  return db
    .select({
      id: invitations.id,
      usedAt: invitations.usedAt,
      expiresAt: invitations.expiresAt,
      userId: invitations.userId,
      isActive: users.isActive,
      email: users.email,
      role: users.role,
      companyName: companies.name,
      inviterName: sql<string | null>`nullif(trim(${inviters.firstName} || ' ' || ${inviters.lastName}), '')`,
      inviterEmail: inviters.email,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(companies, eq(companies.id, users.companyId))
    .leftJoin(inviters, eq(inviters.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashOpaqueToken(token)));
}

/** Whom an invitation is for, and from whom, for the page where the invitee chooses a password. */
export interface InvitationView {
  email: string;
  role: UserRole;
  company_name: string | null;
  /** The inviting staff member's name, else their email; null once they are deleted. */
  invited_by: string | null;
  expires_at: string;
}

export async function lookUpInvitation(
  { db }: Pick<Services, "db">,
  token: string,
): Promise<InvitationView | RegistrationProblem> {
  const [invitation] = await selectInvitation(db, token);
  if (!invitation) return UNKNOWN_INVITATION;
  const problem = invitationProblem(invitation);
  if (problem) return { problem, field: "token" };
  return {
    email: invitation.email,
    role: invitation.role,
    company_name: invitation.companyName,
    invited_by: invitation.inviterName ?? invitation.inviterEmail,
    expires_at: invitation.expiresAt.toISOString(),
  };
}

/**
 * Sets the invitee's password and names, uses up the invitation and logs them in, all in one transaction.
 * A token that cannot be used, or a password the policy refuses, gives a RegistrationProblem.
 */
export async function register(
  { db, tokens }: Pick<Services, "db" | "tokens">,
  input: RegisterInput,
): Promise<Registration | RegistrationProblem> {
  // A first look, so that the token is judged before the password, and the policy knows the invitee's email;
  // the transaction below reads the invitation again under its row lock and decides.
  const [invitee] = await selectInvitation(db, input.token);
  if (!invitee) return UNKNOWN_INVITATION;
  const tokenProblem = invitationProblem(invitee);
  if (tokenProblem) return { problem: tokenProblem, field: "token" };
  const weakness = await passwordProblem(input.password, invitee.email);
  if (weakness) return { problem: weakness, field: "password" };
  // Hashed before the transaction: argon2 is slow on purpose and must not hold the row lock.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx): Promise<Registration | RegistrationProblem> => {
    const [invitation] = await selectInvitation(tx, input.token).for("update", { of: invitations });
    if (!invitation) return UNKNOWN_INVITATION;
    const problem = invitationProblem(invitation);
    if (problem) return { problem, field: "token" };
    await tx.update(invitations).set({ usedAt: sql`now()` }).where(eq(invitations.id, invitation.id));
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        lastLoginAt: sql`now()`,
        ...(input.first_name !== undefined && { firstName: input.first_name }),
        ...(input.last_name !== undefined && { lastName: input.last_name }),
      })
      .where(eq(users.id, invitation.userId))
      .returning({ ...meColumns, tokenVersion: users.tokenVersion });
    if (!user) throw notFound(msg("auth.account_gone"));
    const { tokenVersion, ...me } = user;
    const pair = await tokens.issue(tx, { id: me.id, role: me.role, companyId: me.company_id, tokenVersion });
    return { ...pair, user: me };
  });
}
