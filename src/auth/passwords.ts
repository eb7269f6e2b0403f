import argon2 from "argon2";

/** argon2id with the library's defaults (64 MiB, t=3, p=4): slow on purpose, so a stolen table is costly to crack. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
