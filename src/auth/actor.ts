import type { UserRole } from "../db/schema.js";

/** Who is calling: read from the access token, confirmed against the users table on every request. */
export interface Actor {
  userId: number;
  role: UserRole;
  /** The employee's company; null for staff. */
  companyId: number | null;
  /** The refresh-token family (the login) the access token was issued in; null for a token without one. */
  familyId: string | null;
  /** The address the request came from (request.ip, which TRUST_PROXY decides), for the audit log. */
  ip: string | null;
}

/** Who may call a route. Every /api route must declare one (see the onRoute check in src/auth/plugin.ts). */
export type Access = "public" | "authenticated" | "staff";

export interface AccessTokenPayload {
  sub: string;
  role: UserRole;
  company_id: number | null;
  /** The user's token_version at issue; absent in tokens from before versions, which counts as 0. */
  ver?: number;
  /** The refresh-token family the token was issued in. */
  fam?: string;
}

export const isStaff = (actor: Actor) => actor.role === "staff";
