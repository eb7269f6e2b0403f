import { eq, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { selectRows } from "../db/client.js";
import { invitations, type UserRole, users } from "../db/schema.js";
import { forbidden, notFound, unauthorized } from "../http/errors.js";
import { msg } from "../i18n/translate.js";
import { hashOpaqueToken } from "./opaque-tokens.js";
import type { FieldProblem } from "./password-change.js";
import { passwordProblem } from "./password-policy.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import type { LoginAccountKey, LoginBudget } from "./rate-limits.js";
import type { MeUpdateInput, MeView, RegisterInput, TokenRequestInput } from "./schemas.js";
import type { Services } from "./services.js";
import type { TokenPair } from "./tokens.js";

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
  language: users.language,
};

/** What a login needs of the account an email names. */
interface LoginUser {
  id: number;
  role: UserRole;
  companyId: number | null;
  isActive: boolean;
  passwordHash: string | null;
  tokenVersion: number;
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
export async function findLoginAccount({ db }: Pick<Services, "db">, email: string): Promise<LoginAccount> {
  const rows = await selectRows<{
    lowered: string;
    id: number | null;
    role: UserRole;
    company_id: number | null;
    is_active: boolean;
    password_hash: string | null;
    token_version: number;
  }>(
    db,
    sql`select lower(${email}) as lowered, u.id, u.role, u.company_id, u.is_active, u.password_hash, u.token_version
     from (values (1)) as one (x) left join users u on lower(u.email) = lower(${email})`,
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
      tokenVersion: row.token_version,
    },
  };
}

/** The caller's pair on success; null for any wrong part (unknown email, wrong password, no password, inactive). */
export async function logIn(
  { db, tokens }: Pick<Services, "db" | "tokens">,
  user: LoginUser | undefined,
  password: string,
): Promise<TokenPair | null> {
  const passwordMatches = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, password);
  if (!user?.passwordHash || !passwordMatches || !user.isActive) return null;
  return db.transaction(async (tx) => {
    await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
    return tokens.issue(tx, user);
  });
}

export const EMPLOYEE_REFUSED = msg("auth.admin_is_for_staff");

/**
 * Whether a non-staff account gave its right password, as logIn would judge it but without logIn's writes (its
 * last login and a token pair): the admin refuses it either way. An account that cannot log in still costs one
 * hash, as logIn makes every failure cost, by a login of nobody, which writes nothing.
 */
async function passwordAccepted(
  deps: Pick<Services, "db" | "tokens">,
  user: LoginUser,
  password: string,
): Promise<boolean> {
  if (!user.isActive || !user.passwordHash) return Boolean(await logIn(deps, undefined, password));
  return verifyPassword(user.passwordHash, password);
}

/**
 * One login, as both `/auth/token` and the admin's `/auth/session` make it: the account the email names, its
 * budget of guesses, the password, and the outcome recorded against the budget. For the admin (`staffOnly`),
 * an employee is refused with 403 only once the password is proven, so that a stranger learns nothing of the
 * role.
 */
export async function attemptLogin(
  deps: Pick<Services, "db" | "tokens">,
  budget: LoginBudget,
  request: FastifyRequest,
  { email, password }: TokenRequestInput,
  { staffOnly }: { staffOnly: boolean },
): Promise<TokenPair> {
  const { user, key } = await findLoginAccount(deps, email);
  await budget.refuseIfExhausted(key, request);
  const allowed = !staffOnly || !user || user.role === "staff";
  const pair = allowed ? await logIn(deps, user, password) : null;
  const accepted =
    pair !== null || (user !== undefined && !allowed && (await passwordAccepted(deps, user, password)));
  if (!accepted) {
    await budget.recordFailure(key, request);
    throw unauthorized(msg("auth.bad_credentials"));
  }
  await budget.recordSuccess(key, request);
  if (!pair) throw forbidden(EMPLOYEE_REFUSED);
  return pair;
}

const ACCOUNT_GONE = msg("auth.account_gone");

export async function getMe({ db }: Pick<Services, "db">, userId: number): Promise<MeView> {
  const [me] = await db.select(meColumns).from(users).where(eq(users.id, userId));
  if (!me) throw notFound(ACCOUNT_GONE);
  return me;
}

/** What a user may change of their own account: the language of their emails. */
export async function updateMe(
  { db }: Pick<Services, "db">,
  userId: number,
  input: MeUpdateInput,
): Promise<MeView> {
  if (input.language === undefined) return getMe({ db }, userId);
  const [me] = await db
    .update(users)
    .set({ language: input.language })
    .where(eq(users.id, userId))
    .returning(meColumns);
  if (!me) throw notFound(ACCOUNT_GONE);
  return me;
}

const UNKNOWN_INVITATION = msg("auth.invitation_unknown");

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

const invitationColumns = {
  id: invitations.id,
  usedAt: invitations.usedAt,
  expiresAt: invitations.expiresAt,
  userId: invitations.userId,
  isActive: users.isActive,
};

export type Registration = TokenPair & { user: MeView };

export type RegistrationProblem = FieldProblem<"token" | "password">;

/**
 * Sets the invitee's password and names, uses up the invitation and logs them in, all in one transaction.
 * A token that cannot be used, or a password the policy refuses, gives a RegistrationProblem.
 */
export async function register(
  { db, tokens }: Pick<Services, "db" | "tokens">,
  input: RegisterInput,
): Promise<Registration | RegistrationProblem> {
  const tokenHash = hashOpaqueToken(input.token);
  // A first look, so that the token is judged before the password, and the policy knows the invitee's email;
  // the transaction below reads the invitation again under its row lock and decides.
  const [invitee] = await db
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
  return db.transaction(async (tx): Promise<Registration | RegistrationProblem> => {
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
      .returning({ ...meColumns, tokenVersion: users.tokenVersion });
    if (!user) throw notFound(ACCOUNT_GONE);
    const { tokenVersion, ...me } = user;
    const pair = await tokens.issue(tx, { id: me.id, role: me.role, companyId: me.company_id, tokenVersion });
    return { ...pair, user: me };
  });
}
