import { and, desc, gt, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.js";
import { visibleCompanies } from "../auth/scope.js";
import type { Services } from "../auth/services.js";
import { levelName } from "../companies/rules.js";
import { averageDebt, debtAboveAverage } from "../companies/service.js";
import { selectRows } from "../db/client.js";
import { COMPANY_LEVELS, type CompanyLevel, companies } from "../db/schema.js";
import { nextRunAt, SCHEDULES } from "../debts/schedules.js";

const TOP_DEBTORS = 10;

/** Each scheduled task with its cron, its last applied run (from task_runs) and its next slot. */
export async function scheduledTaskSummaries(
  { db }: Pick<Services, "db">,
  timezone: string,
  now = new Date(),
) {
  const rows = await selectRows<{
    task: string;
    slot: Date | string;
    finished_at: Date | string | null;
    companies_touched: number;
    total_change: string;
  }>(
    db,
    sql`
    select distinct on (task) task, slot, finished_at, companies_touched::int as companies_touched,
      total_change::text as total_change
    from task_runs order by task, slot desc`,
  );
  const iso = (value: Date | string) => new Date(value).toISOString();
  const lastRuns = new Map(rows.map((row) => [row.task, row]));
  return (Object.keys(SCHEDULES) as (keyof typeof SCHEDULES)[]).map((task) => {
    const last = lastRuns.get(task);
    return {
      task,
      schedule: SCHEDULES[task],
      last_run: last
        ? {
            slot: iso(last.slot),
            finished_at: last.finished_at === null ? null : iso(last.finished_at),
            companies_touched: last.companies_touched,
            total_change: last.total_change,
          }
        : null,
      next_run_at: nextRunAt(task, timezone, now).toISOString(),
    };
  });
}

/**
 * The network's figures for the dashboard. Sums, averages and shares are computed and rounded in SQL, so money
 * never passes through a float.
 *
 * A debt is in whole cents, so "above the unrounded average" is "at least the first cent above it": that cent
 * is `debt_from`, the companies list's `debt_min` that lists exactly the companies counted, whatever the
 * average's rounding.
 */
export async function networkStats({ db }: Pick<Services, "db">, actor: Actor, timezone: string) {
  const visible = visibleCompanies(actor);
  const [perLevel, [totals], topDebtors, tasks] = await Promise.all([
    db
      .select({ level: companies.level, count: sql<number>`count(*)::int` })
      .from(companies)
      .where(visible)
      .groupBy(companies.level),
    db
      .select({
        companiesTotal: sql<number>`count(*)::int`,
        totalDebt: sql<string>`round(coalesce(sum(${companies.debt}), 0), 2)::text`,
        averageDebt: sql<string>`round(coalesce(avg(${companies.debt})
          filter (where ${companies.supplierId} is not null), 0), 2)::text`,
        aboveAverage: sql<number>`(count(*) filter (where ${debtAboveAverage}))::int`,
        aboveAverageTotal: sql<string>`round(coalesce(sum(${companies.debt}) filter (where ${debtAboveAverage}), 0), 2)::text`,
        aboveAverageShare: sql<string>`(case when sum(${companies.debt}) > 0
          then round(100 * coalesce(sum(${companies.debt}) filter (where ${debtAboveAverage}), 0) / sum(${companies.debt}), 2)
          else 0 end)::numeric(5, 2)::text`,
        aboveAverageFrom: sql<string>`((floor(coalesce(${averageDebt}, 0) * 100) + 1) / 100)::numeric(15, 2)::text`,
      })
      .from(companies)
      .where(visible),
    db
      .select({ id: companies.id, name: companies.name, level: companies.level, debt: companies.debt })
      .from(companies)
      .where(and(visible, gt(companies.debt, "0")))
      .orderBy(desc(companies.debt), companies.id)
      .limit(TOP_DEBTORS),
    scheduledTaskSummaries({ db }, timezone),
  ]);
  const companiesPerLevel = Object.fromEntries(COMPANY_LEVELS.map((level) => [level, 0])) as Record<
    CompanyLevel,
    number
  >;
  for (const row of perLevel) companiesPerLevel[levelName(row.level)] = row.count;
  return {
    companies_per_level: companiesPerLevel,
    companies_total: totals?.companiesTotal ?? 0,
    total_debt: totals?.totalDebt ?? "0.00",
    average_debt: totals?.averageDebt ?? "0.00",
    top_debtors: topDebtors.map((row) => ({ ...row, level: levelName(row.level) })),
    debt_above_average: {
      count: totals?.aboveAverage ?? 0,
      total: totals?.aboveAverageTotal ?? "0.00",
      share_percent: totals?.aboveAverageShare ?? "0.00",
      debt_from: totals?.aboveAverageFrom ?? "0.01",
    },
    tasks,
  };
}

/**
 * The network's total debt day by day, as the scheduled runs filed it (debt_daily_totals), and today's as it is
 * now, so that the chart ends at the figure beside it: a few hundred stored rows and one sum over companies,
 * never a sum of the ledger.
 */
export async function debtTotals({ db }: Pick<Services, "db">, days: number, timezone: string) {
  const points = await selectRows<{ day: string; total_debt: string }>(
    db,
    sql`
      with today as (select (now() at time zone ${timezone})::date as day)
      select day::text, total_debt::text from debt_daily_totals
      where day > (select day from today) - ${days}::int and day < (select day from today)
      union all
      select (select day from today)::text, coalesce(sum(debt), 0)::text from companies
      order by 1`,
  );
  return { points };
}
