import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { refreshTokens, users } from "../db/schema.js";
import { unauthorized } from "../http/errors.js";
import { msg } from "../i18n/translate.js";
import { hashOpaqueToken } from "./opaque-tokens.js";
import type { Services } from "./services.js";
import type { TokenPair } from "./tokens.js";

async function revokeFamily(db: DbOrTx, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Signs the user out everywhere: used when an account is deactivated or its password changes. */
export async function revokeUserRefreshTokens(db: DbOrTx, userId: number): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

const INVALID_REFRESH = msg("auth.refresh_invalid");
const REUSED_REFRESH = msg("auth.refresh_reused");

/**
 * Trades a refresh token for a new pair in the same family. A token presented again after it was rotated means
 * two parties hold it (the user and a thief): the whole family is revoked, which signs both out. The row lock
 * makes two simultaneous uses of one token count as a reuse rather than as two rotations.
 */
export async function rotateRefreshToken(
  { db, tokens }: Pick<Services, "db" | "tokens">,
  presented: string,
): Promise<TokenPair> {
  const outcome = await db.transaction(async (tx) => {
    const [token] = await tx
      .select({
        id: refreshTokens.id,
        familyId: refreshTokens.familyId,
        expiresAt: refreshTokens.expiresAt,
        rotatedAt: refreshTokens.rotatedAt,
        revokedAt: refreshTokens.revokedAt,
        issuedVersion: refreshTokens.tokenVersion,
        tokenVersion: users.tokenVersion,
        userId: users.id,
        role: users.role,
        companyId: users.companyId,
        isActive: users.isActive,
      })
      .from(refreshTokens)
      .innerJoin(users, eq(users.id, refreshTokens.userId))
      .where(eq(refreshTokens.tokenHash, hashOpaqueToken(presented)))
      .for("update", { of: refreshTokens });
    if (!token || token.revokedAt || token.expiresAt <= new Date()) return INVALID_REFRESH;
    if (token.rotatedAt || !token.isActive || token.issuedVersion < token.tokenVersion) {
      await revokeFamily(tx, token.familyId);
      return token.rotatedAt ? REUSED_REFRESH : INVALID_REFRESH;
    }
    await tx.update(refreshTokens).set({ rotatedAt: sql`now()` }).where(eq(refreshTokens.id, token.id));
    return tokens.issue(
      tx,
      { id: token.userId, role: token.role, companyId: token.companyId, tokenVersion: token.tokenVersion },
      token.familyId,
    );
  });
  // Thrown only after the transaction, so that a revocation commits even though the caller gets a 401.
  if ("key" in outcome) throw unauthorized(outcome);
  return outcome;
}

/** Logging out ends the whole family: the presented token and any pair rotated from the same login. */
export async function revokeFamilyOf({ db }: Pick<Services, "db">, presented: string): Promise<void> {
  const [token] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashOpaqueToken(presented)));
  if (token) await revokeFamily(db, token.familyId);
}
