import { type Message, msg } from "../i18n/translate.js";
import { MIN_PASSWORD_LENGTH } from "./schemas.js";

/**
 * The one password policy, for every way a password is set: createsuperuser, registration, and any later
 * change or reset. Logging in checks none of it, so older passwords (and the test data's "1") keep working.
 */

let commonPasswords: Promise<Set<string>> | undefined;

/**
 * zxcvbn-ts's list of 49,000 commonly used passwords (Django ships a similar one), all lower case. Loaded on
 * first use, once: decompressing it takes a moment and a few MB that `worker` and most commands never need.
 */
function loadCommonPasswords(): Promise<Set<string>> {
  commonPasswords ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"]),
  );
  return commonPasswords;
}

/**
 * Why this password may not be set, in words for its owner; null when it may. `email` is the account's: the
 * password may be neither it nor the part before the @.
 */
export async function passwordProblem(password: string, email: string): Promise<Message | null> {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return msg("password.too_short", { count: MIN_PASSWORD_LENGTH });
  }
  if (password.trim() === "") return msg("password.only_spaces");
  const folded = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split("@")[0];
  if (folded === address || folded === localPart) {
    return msg("password.is_email");
  }
  if ((await loadCommonPasswords()).has(folded)) {
    return msg("password.too_common");
  }
  return null;
}
