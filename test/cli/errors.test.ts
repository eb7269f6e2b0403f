import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.js";
import { testDriver } from "../helpers/database.js";
import { cliDatabaseForThisFile, isReadableFailure, runCli, snapshot } from "./run-cli.js";

/** A child starts tsx and the whole CLI: a few seconds each, far more on a busy machine. */
const CHILD_TIMEOUT = 240_000;

const context = cliDatabaseForThisFile();

describe("supplynet createsuperuser and import-test-data, as child processes", () => {
  it(
    "creates a staff user, then refuses bad or taken input with one line and changes nothing",
    async () => {
      const created = await runCli(
        ["createsuperuser", "--email", "Boss@Example.com", "--password", "s3cret", "--no-input"],
        context.cli.env,
      );
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      const before = (await snapshot(context.cli)) as { users: string };
      const [boss] = JSON.parse(before.users) as { email: string; role: string; password_hash: string }[];
      expect(boss).toMatchObject({ email: "Boss@Example.com", role: "staff" });
      expect(await verifyPassword(boss?.password_hash ?? null, "s3cret")).toBe(true);

      const refusals: [string[], string | undefined, RegExp][] = [
        [["--email", "not-an-email", "--password", "x", "--no-input"], undefined, /not a valid email/],
        [["--email", "boss@EXAMPLE.com", "--password", "x", "--no-input"], undefined, /already exists/],
        [["--email", "new@example.com", "--password", "", "--no-input"], undefined, /must not be empty/],
        // Prompts read piped stdin when there is no terminal: email, password, then a different confirmation.
        [[], "new@example.com\nfirst\nsecond\n", /passwords differ/],
      ];
      // Only the taken email gets as far as opening the database, so the children can run side by side.
      const results = await Promise.all([
        ...refusals.map(([args, stdin]) => runCli(["createsuperuser", ...args], context.cli.env, stdin)),
        runCli(["import-test-data", "--companies", "-5"], context.cli.env),
      ]);
      const messages = [...refusals.map(([, , message]) => message), /at least 1, got -5/];
      results.forEach((result, index) => {
        expect(result.stderr).toMatch(messages[index] as RegExp);
        expect(isReadableFailure(result), result.stderr).toBe(true);
      });

      expect(await snapshot(context.cli)).toEqual(before);
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
      const before = await snapshot(context.cli);
      // This test process holds the data dir (its lock names our pid) while the child tries to open it.
      const holder = await context.cli.open();
      try {
        const result = await runCli(
          ["createsuperuser", "--email", "x@example.com", "--password", "x", "--no-input"],
          context.cli.env,
        );
        expect(result.stderr).toMatch(
          /in use by another supplynet process \(pid \d+\)\. Stop that process first/,
        );
        expect(isReadableFailure(result), result.stderr).toBe(true);
      } finally {
        await holder.close();
      }
      expect(await snapshot(context.cli)).toEqual(before);
    },
    CHILD_TIMEOUT,
  );
});
