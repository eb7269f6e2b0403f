import { randomUUID } from "node:crypto";
import type { DbOrTx } from "../db/client.js";
import { refreshTokens, type UserRole } from "../db/schema.js";
import type { AccessTokenPayload } from "./actor.js";
import { hashOpaqueToken, newOpaqueToken } from "./opaque-tokens.js";

export interface TokenPair {
  access: string;
  refresh: string;
}

/** Whom a token pair is issued to. */
export interface TokenSubject {
  id: number;
  role: UserRole;
  companyId: number | null;
  /** The user's current token_version, which the pair carries (see users.tokenVersion). */
  tokenVersion: number;
}

/** Issues token pairs: built once per app, from its JWT signer and JWT_REFRESH_TTL. */
export class TokenIssuer {
  constructor(
    private readonly signAccessToken: (payload: AccessTokenPayload) => string,
    readonly refreshTtlMs: number,
  ) {}

  /** A short-lived JWT for API calls and an opaque refresh token, stored as a hash, in the given family. */
  async issue(db: DbOrTx, subject: TokenSubject, familyId: string = randomUUID()): Promise<TokenPair> {
    const refresh = newOpaqueToken();
    await db.insert(refreshTokens).values({
      userId: subject.id,
      familyId,
      tokenHash: hashOpaqueToken(refresh),
      tokenVersion: subject.tokenVersion,
      expiresAt: new Date(Date.now() + this.refreshTtlMs),
    });
    return {
      access: this.signAccessToken({
        sub: String(subject.id),
        role: subject.role,
        company_id: subject.companyId,
        ver: subject.tokenVersion,
        fam: familyId,
      }),
      refresh,
    };
  }
}
