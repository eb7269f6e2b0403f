import type { Database } from "../db/client.js";

/** One company that breaks a rule, and which. */
export interface CheckProblem {
  company_id: number;
  problem: string;
}

export interface CheckReport {
  companies: number;
  entries: number;
  problems: CheckProblem[];
  /** Problems found beyond the ones listed. */
  more: number;
}

/** The report lists this many problems at most; the count covers every one. */
export const CHECK_LIST_LIMIT = 100;

/**
 * Each rule as SQL over every company, one scan each: the ledger's invariant (a company's debt is the sum of its
 * entries; a deleted company's entries sum to 0), and the hierarchy rules. The table's own constraints keep
 * the hierarchy, so these find what got past them: a constraint dropped or marked NOT VALID, a restore that
 * skipped them. The ledger is summed whole: a hash aggregate over its entries, which PostgreSQL runs in
 * parallel, well within the time a check may take even at ten million entries.
 */
const CHECKS = `
  with ledger as (
    select company_id, sum(amount) as total, count(*) as entries from debt_ledger group by company_id
  ), problems as (
    select coalesce(c.id, l.company_id) as company_id,
      case when c.id is null then 'deleted, but its ledger entries sum to ' || l.total || ', not 0'
        else 'debt is ' || c.debt || ' but its ledger entries sum to ' || coalesce(l.total, 0) end as problem
    from companies c full join ledger l on l.company_id = c.id
    where coalesce(c.debt, 0) <> coalesce(l.total, 0)
    union all
    select c.id, case
        when c.level not between 0 and 4 then 'level ' || c.level || ' is not 0..4'
        when c.level = 0 and c.supplier_id is not null then 'a factory with a supplier'
        when c.level > 0 and c.supplier_id is null then 'no supplier, but not a factory'
        when c.level = 0 and c.debt <> 0 then 'a factory in debt'
        when c.debt < 0 then 'a negative debt'
        when s.id is null then 'its supplier ' || c.supplier_id || ' does not exist'
        else 'its supplier ' || s.id || ' is at level ' || s.level || ', not ' || (c.level - 1) end
    from companies c left join companies s on s.id = c.supplier_id
    where c.level not between 0 and 4 or (c.level = 0) <> (c.supplier_id is null) or (c.level = 0 and c.debt <> 0)
      or c.debt < 0 or (c.supplier_id is not null and (s.id is null or s.level <> c.level - 1))
  )
  select (select count(*) from companies)::int as companies,
    (select coalesce(sum(entries), 0) from ledger)::bigint::text as entries,
    (select count(*) from problems)::int as found,
    coalesce((select json_agg(p) from (select * from problems order by company_id limit ${CHECK_LIST_LIMIT}) p), '[]')
      as problems`;

/** `supplynet check`: every company against the ledger and the hierarchy rules. */
export async function checkDatabase(database: Database): Promise<CheckReport> {
  const { rows } = await database.executeSql<{
    companies: number;
    entries: string;
    found: number;
    problems: CheckProblem[] | string;
  }>(CHECKS);
  const row = rows[0];
  if (!row) throw new Error("the check answered no row");
  const problems =
    typeof row.problems === "string" ? (JSON.parse(row.problems) as CheckProblem[]) : row.problems;
  return {
    companies: row.companies,
    entries: Number(row.entries),
    problems,
    more: row.found - problems.length,
  };
}
