import { eq, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { selectRows } from "../db/client.js";
import { type UserRole, users } from "../db/schema.js";
import { forbidden, notFound, unauthorized } from "../http/errors.js";
import { msg } from "../i18n/translate.js";
import { loginFailures } from "../metrics/registry.js";
import { verifyPassword } from "./passwords.js";
import type { LoginAccountKey, LoginBudget } from "./rate-limits.js";
import type { MeUpdateInput, MeView, TokenRequestInput } from "./schemas.js";
import type { Services } from "./services.js";
import type { TokenPair } from "./tokens.js";

/**
 * argon2id of a random string nobody knows. Unknown emails and accounts without a password are verified against
 * it, so a failed login takes as long whether or not the account exists.
 */
const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=65536,p=4,t=3$7yszUI9qruxgKks2KBJYQw$CyYxX22p5Wu5xv2ApOP8L3iRQlm5OdFJFwMguEDPsxc";

/** The columns of users as GET /auth/me shows them. */
export const meColumns = {
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
    loginFailures.inc();
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
