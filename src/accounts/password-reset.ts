import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { accountType, ownOrigin, recordAudit } from "../auth/audit.js";
import { hashOpaqueToken, newOpaqueToken } from "../auth/opaque-tokens.js";
import type { FieldProblem } from "../auth/password-change.js";
import { replacePassword } from "../auth/password-change.js";
import { passwordProblem } from "../auth/password-policy.js";
import { hashPassword } from "../auth/passwords.js";
import type { Services } from "../auth/services.js";
import type { DbOrTx } from "../db/client.js";
import { companies, passwordResets, type UserRole, users } from "../db/schema.js";
import { msg } from "../i18n/translate.js";

/** How long a reset link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

const TOKEN_PARAMETER = "token";

/** The page of the admin SPA where the owner of the link sets a new password. */
export const passwordResetLink = (publicUrl: string, token: string) =>
  `${publicUrl}/admin/#/reset-password?${TOKEN_PARAMETER}=${encodeURIComponent(token)}`;

/**
 * Asks for a reset link. Whether the email names an account is decided by the job, not here, so that the answer
 * and its timing are the same either way: this only enqueues.
 */
export async function requestPasswordReset({ jobs }: Pick<Services, "jobs">, email: string): Promise<void> {
  await jobs.enqueue("send-password-reset", { email });
}

/** Whom a reset email goes to, and its link; undefined when the email names no account that can log in. */
export interface IssuedReset {
  userId: number;
  token: string;
  expiresAt: Date;
}

/**
 * A new one-time link for the active account with a password that `email` names, stored as its hash only. Only
 * the newest link of an account works: issuing one ends the earlier unused ones. An invitee who never registered
 * gets none (their invitation is the way in), nor does a deactivated account.
 */
export async function issuePasswordReset(db: DbOrTx, email: string): Promise<IssuedReset | undefined> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          sql`lower(${users.email}) = lower(${email})`,
          eq(users.isActive, true),
          sql`${users.passwordHash} is not null`,
        ),
      );
    if (!user) return undefined;
    await endUnusedResets(tx, user.id);
    const token = newOpaqueToken();
    const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
    await tx.insert(passwordResets).values({ userId: user.id, tokenHash: hashOpaqueToken(token), expiresAt });
    return { userId: user.id, token, expiresAt };
  });
}

async function endUnusedResets(db: DbOrTx, userId: number): Promise<void> {
  await db
    .update(passwordResets)
    .set({ expiresAt: sql`now()` })
    .where(
      and(
        eq(passwordResets.userId, userId),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
      ),
    );
}

/** Why a reset link cannot be used, in words for its owner; null when it can. */
function resetProblem(reset: { usedAt: Date | null; expiresAt: Date; isActive: boolean }) {
  if (reset.usedAt) return msg("account.reset_used");
  if (reset.expiresAt <= new Date()) return msg("account.reset_expired");
  if (!reset.isActive) return msg("account.reset_deactivated");
  return null;
}

const resetColumns = {
  id: passwordResets.id,
  userId: passwordResets.userId,
  usedAt: passwordResets.usedAt,
  expiresAt: passwordResets.expiresAt,
  isActive: users.isActive,
  email: users.email,
  role: users.role,
  companyName: companies.name,
};

function selectReset(db: DbOrTx, token: string) {
  return db
    .select(resetColumns)
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(eq(passwordResets.tokenHash, hashOpaqueToken(token)));
}

/** Whose account a link resets, for the page that asks for the new password. */
export interface ResetAccount {
  email: string;
  role: UserRole;
  company_name: string | null;
  expires_at: string;
}

type ResetProblem = FieldProblem<"token" | "password">;
const UNKNOWN_RESET: ResetProblem = { problem: msg("account.reset_unknown"), field: "token" };

export async function lookUpPasswordReset(
  { db }: Pick<Services, "db">,
  token: string,
): Promise<ResetAccount | ResetProblem> {
  const [reset] = await selectReset(db, token);
  if (!reset) return UNKNOWN_RESET;
  const problem = resetProblem(reset);
  if (problem) return { problem, field: "token" };
  return {
    email: reset.email,
    role: reset.role,
    company_name: reset.companyName,
    expires_at: reset.expiresAt.toISOString(),
  };
}

/**
 * Sets the new password of the link's account, uses the link up, and signs out every session of the account
 * (replacePassword), in one transaction. The link is judged again under its row lock, so two uses at once set
 * one password. The audit log names the account's owner as the actor, from `ip`.
 */
export async function resetPassword(
  { db }: Pick<Services, "db">,
  input: { token: string; password: string },
  ip: string | null,
): Promise<{ email: string; role: UserRole } | ResetProblem> {
  const [first] = await selectReset(db, input.token);
  if (!first) return UNKNOWN_RESET;
  const tokenProblem = resetProblem(first);
  if (tokenProblem) return { problem: tokenProblem, field: "token" };
  const weakness = await passwordProblem(input.password, first.email);
  if (weakness) return { problem: weakness, field: "password" };
  // Hashed before the transaction: argon2 is slow on purpose and must not hold the row lock.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [reset] = await selectReset(tx, input.token).for("update", { of: passwordResets });
    if (!reset) return UNKNOWN_RESET;
    const problem = resetProblem(reset);
    if (problem) return { problem, field: "token" };
    await tx.update(passwordResets).set({ usedAt: sql`now()` }).where(eq(passwordResets.id, reset.id));
    await endUnusedResets(tx, reset.userId);
    await replacePassword(tx, reset.userId, passwordHash);
    await recordAudit(tx, ownOrigin(reset.userId, ip), {
      action: "password_reset",
      objectType: accountType(reset.role),
      objectId: reset.userId,
    });
    return { email: reset.email, role: reset.role };
  });
}
