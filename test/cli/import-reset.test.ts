import { describe, expect, it } from "vitest";
import { isReadableFailure, runCli, snapshot } from "../helpers/cli.js";
import { testApp } from "../helpers/fixture.js";
import { runOnTerminal } from "../helpers/terminal.js";

/** Each child starts the whole CLI: seconds each, more on a busy machine. */
const CHILD_TIMEOUT = 240_000;

const t = testApp({ app: false, cli: true, truncate: false });

const IMPORT = ["import-test-data", "--companies", "5", "--seed", "1"];
const CONFIRM = /Type 'yes' to continue, or 'no' to cancel: /;

const companies = async () => ((await snapshot(t.cli)) as { companies: number }).companies;

describe("import-test-data --reset asks first, as `manage.py flush` does", () => {
  it(
    "asks on a terminal and changes nothing unless told yes; without a terminal it wants --no-input",
    async () => {
      const loaded = await runCli(IMPORT, t.cli.env);
      expect(loaded.code, loaded.stderr).toBe(0);
      const once = await companies();
      expect(once).toBeGreaterThanOrEqual(5);
      const before = await snapshot(t.cli);

      const piped = await runCli([...IMPORT, "--reset"], t.cli.env, "yes\n");
      expect(piped.stderr).toMatch(/no terminal to confirm it on: pass --no-input to reset without asking/);
      expect(isReadableFailure(piped), piped.stderr).toBe(true);

      for (const answer of ["no", "", "y"]) {
        const declined = await runOnTerminal([...IMPORT, "--reset"], t.cli.env, [[CONFIRM, answer]]);
        expect(declined.code, declined.screen).toBe(0);
        expect(declined.screen).toMatch(
          /This will delete ALL companies, products and employees in (PGlite|PostgreSQL) at .+ \(staff users stay\)/,
        );
        expect(declined.screen).toContain("Import cancelled; nothing was changed.");
      }
      expect(await snapshot(t.cli)).toEqual(before);

      const confirmed = await runOnTerminal([...IMPORT, "--reset"], t.cli.env, [[CONFIRM, "yes"]]);
      expect(confirmed.code, confirmed.screen).toBe(0);
      expect(confirmed.screen).toMatch(/Imported \d+ companies/);
      // Emptied, so it drops the indexes for the copy: a bar for the copy, then one for the rebuild, each finished.
      expect(confirmed.screen).toMatch(/\b(\d+)\/\1 companies copied/);
      expect(confirmed.screen).toMatch(/\b([1-9]\d*)\/\1 indexes and foreign keys rebuilt/);
      expect(confirmed.screen).toMatch(
        / in [\d.]+ s, [\d.]+ s of it rebuilding indexes \(seed 1, locale en\)\./,
      );
      // Emptied first: the same seed again gives as many companies as the first import, not twice as many.
      expect(await companies()).toBe(once);

      const scripted = await runCli([...IMPORT, "--reset", "--no-input"], t.cli.env);
      expect(scripted.code, scripted.stderr).toBe(0);
      expect(scripted.stdout).not.toMatch(CONFIRM);
      expect(await companies()).toBe(once);

      // Without --reset nothing is deleted, so nothing is asked.
      const added = await runCli(IMPORT.slice(0, 3), t.cli.env);
      expect(added.code, added.stderr).toBe(0);
      expect(await companies()).toBeGreaterThan(once);
    },
    CHILD_TIMEOUT,
  );
});
