import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { DbOrTx } from "../db/client.js";
import { invitations, users } from "../db/schema.js";
import { notFound } from "../http/errors.js";
import { hashOpaqueToken } from "./opaque-tokens.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { issueTokenPair, type TokenPair } from "./refresh-tokens.js";
import type { MeView, RegisterInput, TokenRequestInput } from "./schemas.js";

/**
 * argon2id of a random string nobody knows. Unknown emails and accounts without a password are verified against
 * it, so a failed login takes as long whether or not the account exists.
 */
const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=65536,p=4,t=3$7yszUI9qruxgKks2KBJYQw$CyYxX22p5Wu5xv2ApOP8L3iRQlm5OdFJFwMguEDPsxc";

const meColumns = {
  id: users.id,
  email: users.email,
  first_name: users.firstName,
  last_name: users.lastName,
  role: users.role,
  company_id: users.companyId,
  is_active: users.isActive,
};

/** The caller's pair on success; null for any wrong part (unknown email, wrong password, no password, inactive). */
export async function logIn(app: FastifyInstance, credentials: TokenRequestInput): Promise<TokenPair | null> {
  const [user] = await app.db
    .select({ ...meColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, sql`lower(${credentials.email})`));
  const passwordMatches = await verifyPassword(
    user?.passwordHash ?? DUMMY_PASSWORD_HASH,
    credentials.password,
  );
  if (!user?.passwordHash || !passwordMatches || !user.is_active) return null;
  return app.db.transaction(async (tx) => {
    await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
    return issueTokenPair(app, tx, { id: user.id, role: user.role, companyId: user.company_id });
  });
}

export async function getMe(db: DbOrTx, userId: number): Promise<MeView> {
  const [me] = await db.select(meColumns).from(users).where(eq(users.id, userId));
  if (!me) throw notFound("This account no longer exists.");
  return me;
}

const UNKNOWN_INVITATION = "This invitation link is not valid. Check that you copied the whole link.";

/**
 * Why an invitation token cannot be used, in words for the invitee; null when it can. Registering proves both
 * the email and the company, so every condition is checked under the invitation's row lock.
 */
function invitationProblem(invitation: { usedAt: Date | null; expiresAt: Date; isActive: boolean }) {
  if (invitation.usedAt) return "This invitation has already been used. Log in with your email and password.";
  if (invitation.expiresAt <= new Date())
    return "This invitation has expired. Ask your administrator to resend it.";
  if (!invitation.isActive) return "This account has been deactivated. Ask your administrator.";
  return null;
}

export type Registration = TokenPair & { user: MeView };

/**
 * Sets the invitee's password and names, uses up the invitation and logs them in, all in one transaction.
 * A token that cannot be used gives `{problem}`, the reason in words for the invitee.
 */
export async function register(
  app: FastifyInstance,
  input: RegisterInput,
): Promise<Registration | { problem: string }> {
  // Hashed before the transaction: argon2 is slow on purpose and must not hold the row lock.
  const passwordHash = await hashPassword(input.password);
  const outcome = await app.db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({
        id: invitations.id,
        usedAt: invitations.usedAt,
        expiresAt: invitations.expiresAt,
        userId: invitations.userId,
        isActive: users.isActive,
      })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .where(eq(invitations.tokenHash, hashOpaqueToken(input.token)))
      .for("update", { of: invitations });
    if (!invitation) return { problem: UNKNOWN_INVITATION };
    const problem = invitationProblem(invitation);
    if (problem) return { problem };
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
      .returning(meColumns);
    if (!user) throw notFound("This account no longer exists.");
    const pair = await issueTokenPair(app, tx, { id: user.id, role: user.role, companyId: user.company_id });
    return { ...pair, user };
  });
  return outcome;
}
