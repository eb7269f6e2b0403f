import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.js";
import { isReadableFailure, runCli, snapshot } from "../helpers/cli.js";
import { testApp } from "../helpers/fixture.js";
import { runOnTerminal } from "../helpers/terminal.js";

/** Each child starts the whole CLI: seconds each, more on a busy machine. */
const CHILD_TIMEOUT = 240_000;

const t = testApp({ app: false, cli: true, truncate: false });

/** Pass the password policy. */
const STRONG = "amber-otter-lantern";
const OTHER = "copper-heron-meadow";

async function passwordHashOf(email: string): Promise<string | null> {
  const { users } = (await snapshot(t.cli)) as { users: string };
  const user = (JSON.parse(users) as { email: string; password_hash: string }[]).find(
    (row) => row.email === email,
  );
  return user?.password_hash ?? null;
}

describe("supplynet createsuperuser asks as Django's does", () => {
  it(
    "on a terminal, re-asks a taken or bad email before any password, then a refused or mistyped password, never showing it",
    async () => {
      const taken = await runCli(
        ["createsuperuser", "--email", "boss@example.com", "--password", STRONG, "--no-input"],
        t.cli.env,
      );
      expect(taken.code, taken.stderr).toBe(0);

      const result = await runOnTerminal(["createsuperuser"], t.cli.env, [
        [/Email: /, "BOSS@example.com"],
        [/Error: That email is already taken\.\r?\nEmail: /, "not-an-email"],
        [/Error: "not-an-email" is not a valid email address[^\n]*\r?\nEmail: /, "new.boss@example.com"],
        [/Password: /, "kettle7"],
        [/Error: [^\n]*at least 8 characters[^\n]*\r?\nPassword: /, STRONG],
        [/Password \(again\): /, OTHER],
        [/Error: The two passwords differ\.\r?\nPassword: /, STRONG],
        [/Password \(again\): /, STRONG],
      ]);
      expect(result.code, result.screen).toBe(0);
      expect(result.screen).toContain("Staff user new.boss@example.com created");
      // Nobody is asked for a password for an email that cannot be used.
      const firstPassword = result.screen.indexOf("Password: ");
      expect(result.screen.lastIndexOf("Email: ")).toBeLessThan(firstPassword);
      expect(result.screen.indexOf("new.boss@example.com")).toBeLessThan(firstPassword);
      for (const typed of ["kettle7", STRONG, OTHER]) expect(result.screen).not.toContain(typed);
      expect(await verifyPassword(await passwordHashOf("new.boss@example.com"), STRONG)).toBe(true);
    },
    CHILD_TIMEOUT,
  );

  it(
    "takes a taken --email as a first answer to re-ask, and with --no-input refuses it in one line",
    async () => {
      const before = await snapshot(t.cli);
      const prompted = await runCli(
        ["createsuperuser", "--email", "boss@example.com"],
        t.cli.env,
        `third@example.com\n${STRONG}\n${STRONG}\n`,
      );
      expect(prompted.code, prompted.stderr).toBe(0);
      expect(prompted.stdout).toMatch(/^Error: That email is already taken\.\nEmail: \nPassword: /);
      expect(await verifyPassword(await passwordHashOf("third@example.com"), STRONG)).toBe(true);

      const refused = await runCli(
        ["createsuperuser", "--email", "Boss@Example.com", "--password", STRONG, "--no-input"],
        t.cli.env,
      );
      expect(refused.stderr).toMatch(/A user with the email Boss@Example\.com already exists/);
      expect(isReadableFailure(refused), refused.stderr).toBe(true);
      const after = (await snapshot(t.cli)) as { users: string };
      expect(JSON.parse(after.users)).toHaveLength(
        (JSON.parse((before as { users: string }).users) as unknown[]).length + 1,
      );
    },
    CHILD_TIMEOUT,
  );
});
