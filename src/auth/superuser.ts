import { sql } from "drizzle-orm";
import type { Language } from "../config.js";
import { type Database, selectRows } from "../db/client.js";
import { databaseErrorOf } from "../db/errors.js";
import { translate } from "../i18n/translate.js";
import { UserError } from "../user-error.js";
import { type AuditOrigin, recordAudit } from "./audit.js";
import { passwordProblem } from "./password-policy.js";
import { hashPassword } from "./passwords.js";

/** Something@domain.tld, no spaces: what an invitation or a login can use. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SuperuserInput {
  email: string;
  password: string;
}

export function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (!EMAIL_PATTERN.test(trimmed)) {
    throw new UserError(
      `"${email}" is not a valid email address; expected something like admin@example.com.`,
    );
  }
  return trimmed;
}

/** The password policy's refusal as the command's one-line error. */
export async function checkPassword(password: string, email: string): Promise<string> {
  const problem = await passwordProblem(password, email);
  if (problem) throw new UserError(`${translate(problem, "en")} Nothing was created.`);
  return password;
}

/** The stored email of the user (staff or employee) an email names, ignoring case as the unique index does. */
export async function accountEmail(database: Database, email: string): Promise<string | null> {
  const { rows } = await database.executeSql<{ email: string }>(
    "select email from users where lower(email) = lower($1)",
    [email.trim()],
  );
  return rows[0]?.email ?? null;
}

function takenError(email: string): UserError {
  return new UserError(
    `A user with the email ${email} already exists (emails ignore case). Choose another one.`,
  );
}

/**
 * Creates an active staff user; a taken email (in any case) is refused and nothing is written. `origin` is the
 * command's, for the audit log.
 */
export async function createSuperuser(
  database: Database,
  origin: AuditOrigin,
  input: SuperuserInput,
  language: Language,
): Promise<{ id: number; email: string }> {
  const email = checkEmail(input.email);
  const password = await checkPassword(input.password, email);
  if ((await accountEmail(database, email)) !== null) throw takenError(email);
  const passwordHash = await hashPassword(password);
  try {
    return await database.db.transaction(async (tx) => {
      const [user] = await selectRows<{ id: number }>(
        tx,
        sql`insert into users (email, password_hash, role, is_active, language)
          values (${email}, ${passwordHash}, 'staff', true, ${language}) returning id`,
      );
      const id = user?.id as number;
      await recordAudit(tx, origin, {
        action: "createsuperuser",
        objectType: "staff",
        objectId: id,
        details: { email },
      });
      return { id, email };
    });
  } catch (error) {
    // Another process took the email between the check and the insert.
    if (databaseErrorOf(error).code === "23505") throw takenError(email);
    throw error;
  }
}
