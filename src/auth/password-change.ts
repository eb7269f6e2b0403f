import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { DbOrTx } from "../db/client.js";
import { users } from "../db/schema.js";
import { badRequest, notFound } from "../http/errors.js";
import { type Message, msg } from "../i18n/translate.js";
import type { Actor } from "./actor.js";
import { type AuditOrigin, accountType, originOf, recordAudit } from "./audit.js";
import { passwordProblem } from "./password-policy.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import type { FailureLimiter } from "./rate-limits.js";
import { revokeUserRefreshTokens } from "./refresh-tokens.js";
import type { PasswordChangeInput } from "./schemas.js";
import type { Services } from "./services.js";
import type { TokenPair } from "./tokens.js";

/** Why a form was refused, in words for the person filling it in, and which field is to blame. */
export interface FieldProblem<Field extends string = string> {
  problem: Message;
  field: Field;
}

/** The 400 that names the field to blame. */
export const refusal = ({ problem, field }: FieldProblem) => badRequest(problem, { [field]: [problem] });

type PasswordProblem = FieldProblem<"current_password" | "new_password">;

/**
 * Stores a new password hash and signs the user out everywhere: every refresh token is revoked, and the
 * users trigger raises token_version, which refuses every access token issued before. Returns the new
 * token_version, or null when no such user exists.
 */
export async function replacePassword(
  tx: DbOrTx,
  userId: number,
  passwordHash: string,
): Promise<number | null> {
  const [updated] = await tx
    .update(users)
    .set({ passwordHash })
    .where(eq(users.id, userId))
    .returning({ tokenVersion: users.tokenVersion });
  if (!updated) return null;
  await revokeUserRefreshTokens(tx, userId);
  return updated.tokenVersion;
}

const WRONG_CURRENT = msg("account.password_wrong");

/**
 * Changes the caller's own password, given the current one. Every other session is signed out; the one the
 * caller's access token belongs to goes on, with a new pair in its family (a new family for a token without
 * one), which the caller must use from now on.
 */
export async function changePassword(
  { db, tokens }: Pick<Services, "db" | "tokens">,
  actor: Actor,
  { current_password, new_password }: PasswordChangeInput,
): Promise<TokenPair | PasswordProblem> {
  const [user] = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user) throw notFound(msg("auth.account_gone"));
  if (!(await verifyPassword(user.passwordHash, current_password))) {
    return { problem: WRONG_CURRENT, field: "current_password" };
  }
  if (new_password === current_password) {
    return { problem: msg("account.password_same"), field: "new_password" };
  }
  const weakness = await passwordProblem(new_password, user.email);
  if (weakness) return { problem: weakness, field: "new_password" };
  // Hashed before the transaction: argon2 is slow on purpose and must not hold the row lock.
  const passwordHash = await hashPassword(new_password);
  return db.transaction(async (tx): Promise<TokenPair | PasswordProblem> => {
    // Only over the hash that was verified: of two changes at once, the second finds it replaced and is refused.
    const [unchanged] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, actor.userId), eq(users.passwordHash, user.passwordHash ?? "")))
      .for("update");
    if (!unchanged) return { problem: WRONG_CURRENT, field: "current_password" };
    const tokenVersion = await replacePassword(tx, actor.userId, passwordHash);
    if (tokenVersion === null) throw notFound(msg("auth.account_gone"));
    await recordAudit(tx, originOf(actor), {
      action: "change_password",
      objectType: accountType(actor.role),
      objectId: actor.userId,
    });
    return tokens.issue(
      tx,
      { id: actor.userId, role: actor.role, companyId: actor.companyId, tokenVersion },
      actor.familyId ?? randomUUID(),
    );
  });
}

/** changePassword for the caller of a route, within their budget of wrong current passwords. */
export async function changeOwnPassword(
  deps: Pick<Services, "db" | "tokens">,
  budget: FailureLimiter,
  request: FastifyRequest,
  input: PasswordChangeInput,
): Promise<TokenPair> {
  await budget.refuseIfExhausted(request);
  const outcome = await changePassword(deps, request.actor, input);
  if ("problem" in outcome) {
    if (outcome.field === "current_password") await budget.recordFailure(request);
    throw refusal(outcome);
  }
  return outcome;
}

/**
 * `supplynet changepassword`'s change: the account the email names (any case, staff or employee) gets the new
 * password under the one policy, and every session of it ends. Returns its email as stored, or null for none.
 * `origin` is the command's, for the audit log.
 */
export async function setPasswordByEmail(
  db: DbOrTx,
  origin: AuditOrigin,
  email: string,
  password: string,
): Promise<{ email: string; problem: Message | null } | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`);
  if (!user) return null;
  const problem = await passwordProblem(password, user.email);
  if (problem) return { email: user.email, problem };
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    if ((await replacePassword(tx, user.id, passwordHash)) === null) return;
    await recordAudit(tx, origin, {
      action: "change_password",
      objectType: accountType(user.role),
      objectId: user.id,
    });
  });
  return { email: user.email, problem: null };
}
