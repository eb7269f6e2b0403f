import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.js";
import { requireVisibleCompany } from "../auth/scope.js";
import type { Services } from "../auth/services.js";
import { selectRows } from "../db/client.js";
import type { DebtEntryKind } from "../db/ledger.js";
import type { Page } from "../http/listing.js";

export interface DebtHistoryFilters {
  kind?: DebtEntryKind | undefined;
  /** Calendar days in the application's time zone, both inclusive. */
  date_from?: string | undefined;
  date_to?: string | undefined;
}

export interface DebtEntryView {
  id: number;
  at: string;
  kind: DebtEntryKind;
  amount: string;
  /** The company's debt just after this entry. */
  balance: string;
  cause: string;
  user_id: number | null;
  task_run_id: number | null;
  job_id: string | null;
}

function entryFilters(filters: DebtHistoryFilters, timezone: string): SQL {
  const conditions: SQL[] = [];
  if (filters.kind) conditions.push(sql`kind = ${filters.kind}::debt_entry_kind`);
  if (filters.date_from) {
    conditions.push(sql`at >= (${filters.date_from}::date)::timestamp at time zone ${timezone}`);
  }
  if (filters.date_to) {
    conditions.push(sql`at < (${filters.date_to}::date + 1)::timestamp at time zone ${timezone}`);
  }
  return conditions.length ? sql`and ${sql.join(conditions, sql` and `)}` : sql``;
}

/**
 * A company's debt entries, newest first, each with the debt it left. By the ledger's invariant that is the
 * company's debt now less every newer entry, so the page is read from the newest end of the index and stops
 * once it is full, however long the history: a running sum from the oldest entry would read all of it. The
 * sum runs over every entry before any filter, so a filtered page still shows true balances, and the debt and
 * the entries come from the one statement's snapshot, which the triggers keep in agreement.
 */
export async function debtHistory(
  { db }: Pick<Services, "db">,
  actor: Actor,
  companyId: number,
  filters: DebtHistoryFilters,
  page: Page,
  timezone: string,
): Promise<{ count: number; results: DebtEntryView[] }> {
  await requireVisibleCompany(db, actor, companyId);
  const where = entryFilters(filters, timezone);
  const [results, [counted]] = await Promise.all([
    selectRows<DebtEntryView>(
      db,
      sql`
        with page as (
          select * from (
            select id, at, kind, amount, cause_id,
              coalesce(sum(amount) over (order by at desc, id desc
                rows between unbounded preceding and 1 preceding), 0) as newer
            from debt_ledger where company_id = ${companyId}
          ) entries
          where true ${where}
          order by at desc, id desc
          limit ${page.pageSize} offset ${page.offset}
        )
        select page.id::int as id, page.at, page.kind::text as kind, page.amount::text as amount,
          ((select debt from companies where id = ${companyId}) - page.newer)::text as balance,
          c.label as cause, c.user_id, c.task_run_id, c.job_id
        from page left join debt_causes c on c.id = page.cause_id
        order by page.at desc, page.id desc`,
    ),
    selectRows<{ count: number }>(
      db,
      sql`select count(*)::int as count from debt_ledger where company_id = ${companyId} ${where}`,
    ),
  ]);
  return {
    count: counted?.count ?? 0,
    results: results.map((row) => ({
      ...row,
      at: new Date(row.at).toISOString(),
      cause: row.cause ?? "",
    })),
  };
}

/** Days a chart asks for at most: three years. */
export const MAX_CHART_DAYS = 1100;

export interface DebtPoint {
  day: string;
  debt: string;
}

/**
 * The company's debt at the end of each day that changed it, in the application's time zone, from the ledger
 * (its running sum by day). Days between points kept the previous day's debt. With no range, the last
 * MAX_CHART_DAYS days.
 */
export async function debtChart(
  { db }: Pick<Services, "db">,
  actor: Actor,
  companyId: number,
  filters: Pick<DebtHistoryFilters, "date_from" | "date_to">,
  timezone: string,
): Promise<{ points: DebtPoint[] }> {
  await requireVisibleCompany(db, actor, companyId);
  const to = filters.date_to ? sql`${filters.date_to}::date` : sql`(now() at time zone ${timezone})::date`;
  const from = filters.date_from ? sql`${filters.date_from}::date` : sql`${to} - ${MAX_CHART_DAYS - 1}::int`;
  const points = await selectRows<DebtPoint>(
    db,
    sql`
      with days as (
        select (at at time zone ${timezone})::date as day, sum(amount) as change
        from debt_ledger where company_id = ${companyId}
          and at < (${to} + 1)::timestamp at time zone ${timezone}
        group by 1
      ), balances as (
        select day, sum(change) over (order by day) as debt from days
      )
      select day::text, debt::text from balances
      where day >= ${from}
      order by day
      limit ${MAX_CHART_DAYS}::int`,
  );
  return { points };
}
