import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: refresh tokens and invitation tokens. */
export const newOpaqueToken = () => randomBytes(32).toString("base64url");

/**
 * Opaque tokens are stored only as this hash, so a copy of the table yields no usable token. A fast hash is
 * enough here (unlike passwords) because the token has 256 bits of entropy: there is nothing to guess.
 */
export const hashOpaqueToken = (token: string) => createHash("sha256").update(token).digest("hex");
