import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.js";
import { isReadableFailure, runCli, snapshot } from "../helpers/cli.js";
import { testDriver } from "../helpers/database.js";
import { testApp } from "../helpers/fixture.js";

/** A child starts the whole CLI: a few seconds each, far more on a busy machine. */
const CHILD_TIMEOUT = 240_000;

const t = testApp({ app: false, cli: true, truncate: false });

/** Passes the password policy. */
const STRONG = "amber-otter-lantern";

describe("supplynet createsuperuser and import-test-data, as child processes", () => {
  it(
    "creates a staff user, then refuses bad or taken input with one line and changes nothing",
    async () => {
      const created = await runCli(
        ["createsuperuser", "--email", "Boss@Example.com", "--password", STRONG, "--no-input"],
        t.cli.env,
      );
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      const before = (await snapshot(t.cli)) as { users: string };
      const [boss] = JSON.parse(before.users) as { email: string; role: string; password_hash: string }[];
      expect(boss).toMatchObject({ email: "Boss@Example.com", role: "staff" });
      expect(await verifyPassword(boss?.password_hash ?? null, STRONG)).toBe(true);

      const noInput = (email: string, password: string) => [
        "--email",
        email,
        "--password",
        password,
        "--no-input",
      ];
      const refusals: [string[], string | undefined, RegExp][] = [
        [noInput("not-an-email", STRONG), undefined, /not a valid email/],
        [noInput("boss@EXAMPLE.com", STRONG), undefined, /already exists/],
        // The password policy, as production would get it: "1" and " " were accepted before.
        [noInput("new@example.com", ""), undefined, /at least 8 characters/],
        [noInput("new@example.com", "1"), undefined, /at least 8 characters/],
        [noInput("new@example.com", "         "), undefined, /only spaces/],
        [noInput("new@example.com", "Password1"), undefined, /too common/],
        [noInput("new.boss@example.com", "New.Boss"), undefined, /email address/],
        // Prompts read piped stdin when there is no terminal: email, password, then a different confirmation.
        [[], `new@example.com\n${STRONG}\nsecond\n`, /passwords differ/],
        // When the input ends after refusals, the last refusal is the one-line error.
        [[], "new@example.com\n1\npassword\n        \n", /only spaces/],
      ];
      // With --no-input only the taken email gets as far as opening the database, so those children can run
      // side by side; the prompts check the email in the database, and a PGlite data dir is one process's.
      const prompted = refusals.filter(([args]) => args.length === 0);
      const results = await Promise.all([
        ...refusals
          .filter(([args]) => args.length > 0)
          .map(([args, stdin]) => runCli(["createsuperuser", ...args], t.cli.env, stdin)),
        runCli(["import-test-data", "--companies", "-5"], t.cli.env),
      ]);
      for (const [, stdin] of prompted) results.push(await runCli(["createsuperuser"], t.cli.env, stdin));
      const messages = [
        ...refusals.filter(([args]) => args.length > 0).map(([, , message]) => message),
        /at least 1, got -5/,
        ...prompted.map(([, , message]) => message),
      ];
      results.forEach((result, index) => {
        expect(result.stderr).toMatch(messages[index] as RegExp);
        expect(isReadableFailure(result), result.stderr).toBe(true);
      });

      expect(await snapshot(t.cli)).toEqual(before);
    },
    CHILD_TIMEOUT,
  );

  it(
    "re-asks for a refused password, saying why, and creates the user with the next good one",
    async () => {
      const result = await runCli(
        ["createsuperuser"],
        t.cli.env,
        `second@example.com\n1\nsecond@example.com\n${STRONG}\n${STRONG}\n`,
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const refusals = result.stdout.split("\n").filter((line) => line.startsWith("Error: "));
      expect(refusals).toHaveLength(2);
      expect(refusals[0]).toMatch(/at least 8 characters/);
      expect(refusals[1]).toMatch(/email address/);
      expect(result.stdout).not.toContain(STRONG);
      const { users } = (await snapshot(t.cli)) as { users: string };
      const created = (JSON.parse(users) as { email: string; password_hash: string }[]).find(
        (user) => user.email === "second@example.com",
      );
      expect(await verifyPassword(created?.password_hash ?? null, STRONG)).toBe(true);
    },
    CHILD_TIMEOUT,
  );

  it(
    "explains an unreachable DATABASE_URL in one line",
    async () => {
      const result = await runCli(["import-test-data", "--companies", "10"], {
        DATABASE_URL: "postgres://postgres@127.0.0.1:1/x",
      });
      expect(result.stderr).toMatch(/Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/x/);
      expect(isReadableFailure(result), result.stderr).toBe(true);
    },
    CHILD_TIMEOUT,
  );

  it.runIf(testDriver === "pglite")(
    "refuses a PGlite data dir that another process holds",
    async () => {
      const before = await snapshot(t.cli);
      // This test process holds the data dir (its lock names our pid) while the child tries to open it.
      const holder = await t.cli.open();
      try {
        const result = await runCli(
          ["createsuperuser", "--email", "x@example.com", "--password", STRONG, "--no-input"],
          t.cli.env,
        );
        expect(result.stderr).toMatch(
          /in use by another supplynet process \(pid \d+\)\. Stop that process first/,
        );
        expect(isReadableFailure(result), result.stderr).toBe(true);
      } finally {
        await holder.close();
      }
      expect(await snapshot(t.cli)).toEqual(before);
    },
    CHILD_TIMEOUT,
  );
});
