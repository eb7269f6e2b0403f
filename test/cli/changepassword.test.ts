import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.js";
import { PASSWORD_ONE_HASH } from "../helpers/app.js";
import { isReadableFailure, runCli, sqlOn } from "../helpers/cli.js";
import { testApp } from "../helpers/fixture.js";
import { runOnTerminal } from "../helpers/terminal.js";

/** Each child starts the whole CLI: seconds each, more on a busy machine. */
const CHILD_TIMEOUT = 240_000;

const t = testApp({ app: false, cli: true, truncate: false });

const STRONG = "amber-otter-lantern";
const OTHER = "copper-heron-meadow";

/** SQL on the children's database, opened while no child holds it (PGlite's data dir is one process's). */
const onCliDatabase = <Row>(text: string, values: unknown[] = []) => sqlOn<Row>(t.cli, text, values);

async function account(email: string) {
  const [row] = await onCliDatabase<{ password_hash: string; token_version: number; live_refresh: string }>(
    `select password_hash, token_version,
       (select count(*) from refresh_tokens r where r.user_id = u.id and r.revoked_at is null)::text as live_refresh
     from users u where email = $1`,
    [email],
  );
  return row;
}

describe("supplynet changepassword EMAIL", () => {
  it(
    "asks twice at a hidden prompt under the one policy, then signs the account out everywhere",
    async () => {
      await onCliDatabase(
        "insert into users (email, password_hash, role) values ('Boss@example.com', $1, 'staff')",
        [PASSWORD_ONE_HASH],
      );
      await onCliDatabase(
        `insert into refresh_tokens (user_id, family_id, token_hash, expires_at)
         select id, gen_random_uuid(), 'h', now() + interval '1 day' from users where email = 'Boss@example.com'`,
      );
      const before = await account("Boss@example.com");

      const result = await runOnTerminal(["changepassword", "boss@EXAMPLE.com"], t.cli.env, [
        [/Password: /, "kettle7"],
        [/Error: [^\n]*at least 8 characters[^\n]*\r?\nPassword: /, STRONG],
        [/Password \(again\): /, OTHER],
        [/Error: The two passwords differ\.\r?\nPassword: /, STRONG],
        [/Password \(again\): /, STRONG],
      ]);
      expect(result.code, result.screen).toBe(0);
      expect(result.screen).toContain("Changing the password of Boss@example.com.");
      expect(result.screen).toContain("Password changed for Boss@example.com");
      for (const typed of ["kettle7", STRONG, OTHER]) expect(result.screen).not.toContain(typed);

      const after = await account("Boss@example.com");
      expect(await verifyPassword(after?.password_hash ?? null, STRONG)).toBe(true);
      expect(after?.token_version).toBe((before?.token_version ?? 0) + 1);
      expect(after?.live_refresh).toBe("0");
    },
    CHILD_TIMEOUT,
  );

  it(
    "with --no-input, refuses an unknown email and a weak password in one line each, changing nothing",
    async () => {
      const unknown = await runCli(
        ["changepassword", "nobody@example.com", "--password", STRONG, "--no-input"],
        t.cli.env,
      );
      expect(unknown.code).toBe(1);
      expect(isReadableFailure(unknown)).toBe(true);
      expect(unknown.stderr).toMatch(/No user has the email nobody@example\.com/);

      const before = await account("Boss@example.com");
      const weak = await runCli(
        ["changepassword", "boss@example.com", "--password", "password1", "--no-input"],
        t.cli.env,
      );
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/too common[^\n]*The password was not changed\./i);
      expect((await account("Boss@example.com"))?.password_hash).toBe(before?.password_hash);

      const done = await runCli(
        ["changepassword", "boss@example.com", "--password", OTHER, "--no-input"],
        t.cli.env,
      );
      expect(done.code, done.stderr).toBe(0);
      expect(await verifyPassword((await account("Boss@example.com"))?.password_hash ?? null, OTHER)).toBe(
        true,
      );
    },
    CHILD_TIMEOUT,
  );
});
