import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { Database, DbOrTx } from "../db/client.js";
import { invitations, type UserRole, users } from "../db/schema.js";
import { notFound } from "../http/errors.js";
import { hashOpaqueToken } from "./opaque-tokens.js";
import { passwordProblem } from "./password-policy.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import type { LoginAccountKey } from "./rate-limits.js";
import { issueTokenPair, type TokenPair } from "./refresh-tokens.js";
import type { MeView, RegisterInput } from "./schemas.js";

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

/** What a login needs of the account an email names. */
interface LoginUser {
  id: number;
  role: UserRole;
  companyId: number | null;
  isActive: boolean;
  passwordHash: string | null;
}

export interface LoginAccount {
  /** What the login budgets count against (see loginBudget). */
  key: LoginAccountKey;
  user: LoginUser | undefined;
}

/**
 * The account an email names, matched with PostgreSQL's lower() as the unique index is. An unknown email is
 * keyed on the same lower() of it, computed in the same query, so that both cost one round trip.
 */
export async function findLoginAccount(database: Database, email: string): Promise<LoginAccount> {
  const { rows } = await database.executeSql<{
    lowered: string;
    id: number | null;
    role: UserRole;
    company_id: number | null;
    is_active: boolean;
    password_hash: string | null;
  }>(
    `select lower($1) as lowered, u.id, u.role, u.company_id, u.is_active, u.password_hash
     from (values (1)) as one (x) left join users u on lower(u.email) = lower($1)`,
    [email],
  );
  const row = rows[0];
  if (!row || row.id === null) return { key: `email:${row?.lowered ?? email}`, user: undefined };
  return {
    key: `user:${row.id}`,
    user: {
      id: row.id,
      role: row.role,
      companyId: row.company_id,
      isActive: row.is_active,
      passwordHash: row.password_hash,
    },
  };
}

/** The caller's pair on success; null for any wrong part (unknown email, wrong password, no password, inactive). */
export async function logIn(
  app: FastifyInstance,
  user: LoginUser | undefined,
  password: string,
): Promise<TokenPair | null> {
  const passwordMatches = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, password);
  if (!user?.passwordHash || !passwordMatches || !user.isActive) return null;
  return app.db.transaction(async (tx) => {
    await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
    return issueTokenPair(app, tx, user);
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

const invitationColumns = {
  id: invitations.id,
  usedAt: invitations.usedAt,
  expiresAt: invitations.expiresAt,
  userId: invitations.userId,
  isActive: users.isActive,
};

export type Registration = TokenPair & { user: MeView };

/** Why a registration was refused, in words for the invitee, and which field is to blame. */
export interface RegistrationProblem {
  problem: string;
  field: "token" | "password";
}

/**
 * Sets the invitee's password and names, uses up the invitation and logs them in, all in one transaction.
 * A token that cannot be used, or a password the policy refuses, gives a RegistrationProblem.
 */
export async function register(
  app: FastifyInstance,
  input: RegisterInput,
): Promise<Registration | RegistrationProblem> {
  const tokenHash = hashOpaqueToken(input.token);
  // A first look, so that the token is judged before the password, and the policy knows the invitee's email;
  // the transaction below reads the invitation again under its row lock and decides.
  const [invitee] = await app.db
    .select({ ...invitationColumns, email: users.email })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, tokenHash));
  if (!invitee) return { problem: UNKNOWN_INVITATION, field: "token" };
  const tokenProblem = invitationProblem(invitee);
  if (tokenProblem) return { problem: tokenProblem, field: "token" };
  const weakness = await passwordProblem(input.password, invitee.email);
  if (weakness) return { problem: weakness, field: "password" };
  // Hashed before the transaction: argon2 is slow on purpose and must not hold the row lock.
  const passwordHash = await hashPassword(input.password);
  return app.db.transaction(async (tx): Promise<Registration | RegistrationProblem> => {
    const [invitation] = await tx
      .select(invitationColumns)
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .where(eq(invitations.tokenHash, tokenHash))
      .for("update", { of: invitations });
    if (!invitation) return { problem: UNKNOWN_INVITATION, field: "token" };
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
      .returning(meColumns);
    if (!user) throw notFound("This account no longer exists.");
    const pair = await issueTokenPair(app, tx, { id: user.id, role: user.role, companyId: user.company_id });
    return { ...pair, user };
  });
}
