import { describe, expect, it } from "vitest";
import { runCli, sqlOn } from "../helpers/cli.js";
import { testApp } from "../helpers/fixture.js";

/** A child starts the whole CLI: a few seconds each, far more on a busy machine. */
const CHILD_TIMEOUT = 240_000;

const t = testApp({ app: false, cli: true, truncate: false });

describe("supplynet check", () => {
  it(
    "passes a database whose every debt is explained, then lists each company that breaks a rule and exits 1",
    async () => {
      const { cli } = t;
      await sqlOn(
        cli,
        `insert into companies (name, email, country, city, street, house_number, level) values
           ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0);
         insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
         select 'Distributor ' || n, 'd' || n || '@example.com', 'Russia', 'Kazan', 'Baumana', n::text, 1, 1, 100
         from generate_series(1, 3) n;
         update companies set debt = debt + 0.01 where id = 3;
         delete from companies where id = 4;`,
      );
      const clean = await runCli(["check"], t.cli.env);
      expect(clean.stderr).toBe("");
      expect(clean.code).toBe(0);
      expect(clean.stdout).toMatch(/^No problems: 3 companies and 5 ledger entries in [\d.]+ s\.\n$/);

      // Past the triggers, and past a constraint: what the check is for.
      await sqlOn(
        cli,
        `alter table companies disable trigger companies_ledger_update;
         update companies set debt = 250.50 where id = 2;
         alter table companies enable trigger companies_ledger_update;
         alter table companies drop constraint companies_factory_has_no_debt;
         update companies set debt = 5 where id = 1;`,
      );
      const broken = await runCli(["check"], t.cli.env);
      expect(broken.code).toBe(1);
      expect(broken.stdout.split("\n").filter(Boolean)).toEqual([
        "company 1: a factory in debt",
        "company 2: debt is 250.50 but its ledger entries sum to 100.00",
      ]);
      expect(broken.stderr).toMatch(
        /^2 companies break a rule \(3 companies and 6 ledger entries in [\d.]+ s\)/,
      );
    },
    CHILD_TIMEOUT,
  );
});
