import type { Database } from "../../src/db/client.js";

/** A company whose debt the ledger does not explain; `debt` is null for entries of a company that is gone. */
export interface LedgerMismatch {
  company_id: number;
  debt: string | null;
  entries: string;
}

/** Raw SQL answered with its rows: a fixture's `sql`, or a database opened by the test itself. */
type Target = { sql: <Row>(text: string) => Promise<Row[]> } | Pick<Database, "executeSql">;

/**
 * Every break of the ledger's invariant: a company whose debt is not the sum of its entries, and the entries
 * of a deleted company that do not cancel out. `[]` while the invariant holds, so a test can `toEqual([])` and
 * see which company breaks it when it does not.
 */
export async function ledgerMismatches(target: Target): Promise<LedgerMismatch[]> {
  const text = `
    select coalesce(c.id, l.company_id) as company_id, c.debt::text as debt,
      coalesce(l.total, 0)::text as entries
    from companies c
    full join (select company_id, sum(amount) as total from debt_ledger group by company_id) l
      on l.company_id = c.id
    where coalesce(c.debt, 0) <> coalesce(l.total, 0)
    order by 1`;
  if ("sql" in target) return target.sql<LedgerMismatch>(text);
  return (await target.executeSql<LedgerMismatch>(text)).rows;
}
