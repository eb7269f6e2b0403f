import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.js";
import { visibleCompanies } from "../auth/scope.js";
import type { Services } from "../auth/services.js";
import { type Db, type DbOrTx, selectRows } from "../db/client.js";

/**
 * Every rule that changes a debt outside of company creation lives here, as SQL: money never passes
 * through a JS number. A scheduled run locks the whole table against other writers, and a clear locks its rows
 * in id order, so a clear and a run at the same time wait for each other instead of deadlocking, and the result
 * equals one of them after the other.
 */

/** Of the given ids, those that do not name a company the actor can see. */
export async function unknownCompanyIds(db: DbOrTx, actor: Actor, ids: number[]): Promise<number[]> {
  const visible = visibleCompanies(actor);
  const rows = await selectRows<{ id: number }>(
    db,
    sql`
      select given.id from unnest(${sql.param(ids)}::int[]) as given(id)
      where not exists (
        select 1 from companies where companies.id = given.id ${visible ? sql`and ${visible}` : sql``}
      )
      order by given.id`,
  );
  return rows.map((row) => row.id);
}

/**
 * What a clearing did, or would do: the companies set to 0 (factories are left alone: they are never in debt),
 * the debt they owed, and the factories among the ids. With the ids that name no company, the counts add up to
 * the companies asked for, so the admin can say why fewer were cleared than selected.
 */
export interface ClearedDebts {
  cleared: number;
  written_off: string;
  skipped_factories: number;
}

/** Sets the debt of the listed companies to 0 in one statement, and says what it wrote off. */
export async function clearDebt(db: DbOrTx, ids: number[]): Promise<ClearedDebts> {
  const [row] = await selectRows<ClearedDebts>(
    db,
    sql`
      with cleared as (
        update companies set debt = 0 from (
          select id, debt from companies
          where id = any(${sql.param(ids)}::int[]) and supplier_id is not null
          order by id for update
        ) as owed
        where companies.id = owed.id
        returning owed.debt
      )
      select (select count(*) from cleared)::int as cleared,
        (select round(coalesce(sum(debt), 0), 2) from cleared)::text as written_off,
        (select count(*) from companies
          where id = any(${sql.param(ids)}::int[]) and supplier_id is null)::int as skipped_factories`,
  );
  if (!row) throw new Error("the clearing answered no row");
  return row;
}

/** What clearing the ids would do now, read without a lock: for a confirmation, before anything is changed. */
async function debtsToClear(db: DbOrTx, ids: number[]): Promise<ClearedDebts> {
  const [row] = await selectRows<ClearedDebts>(
    db,
    sql`
      select (count(*) filter (where supplier_id is not null))::int as cleared,
        round(coalesce(sum(debt), 0), 2)::text as written_off,
        (count(*) filter (where supplier_id is null))::int as skipped_factories
      from companies where id = any(${sql.param(ids)}::int[])`,
  );
  if (!row) throw new Error("the count answered no row");
  return row;
}

/** Up to this many companies are cleared within the request; more go to a `clear-debt` job. */
export const CLEAR_DEBT_INLINE_LIMIT = 20;

export type DebtClearing =
  | (ClearedDebts & { unknownIds: number[] })
  | { jobId: string; unknownIds: number[] };

/** The distinct ids, those the actor can see, and the others. */
async function sortIds(db: DbOrTx, actor: Actor, requestedIds: number[]) {
  const ids = [...new Set(requestedIds)];
  const unknownIds = await unknownCompanyIds(db, actor, ids);
  const unknown = new Set(unknownIds);
  return { ids, known: ids.filter((id) => !unknown.has(id)), unknownIds };
}

/** Whether clearing this many distinct ids goes to a background job. */
const inBackground = (ids: number[]) => ids.length > CLEAR_DEBT_INLINE_LIMIT;

/**
 * Staff's bulk clear: duplicates count once, ids naming no company are reported back. A few companies are
 * cleared at once; a larger batch goes to a `clear-debt` job so the request answers quickly.
 */
export async function requestDebtClearing(
  { db, jobs }: Pick<Services, "db" | "jobs">,
  actor: Actor,
  requestedIds: number[],
): Promise<DebtClearing> {
  const { ids, known, unknownIds } = await sortIds(db, actor, requestedIds);
  if (!inBackground(ids)) return { ...(await clearDebt(db, known)), unknownIds };
  return { jobId: await jobs.enqueue("clear-debt", { ids: known }), unknownIds };
}

/** What requestDebtClearing would do with these ids now, and whether it would be a job; nothing is changed. */
export async function previewDebtClearing(
  { db }: Pick<Services, "db">,
  actor: Actor,
  requestedIds: number[],
): Promise<ClearedDebts & { unknownIds: number[]; inBackground: boolean }> {
  const { ids, known, unknownIds } = await sortIds(db, actor, requestedIds);
  return { ...(await debtsToClear(db, known)), unknownIds, inBackground: inBackground(ids) };
}

export const SCHEDULED_DEBT_TASKS = ["accrue-debt", "repay-debt"] as const;
export type ScheduledDebtTask = (typeof SCHEDULED_DEBT_TASKS)[number];

/** The largest debt the column (numeric(15,2)) holds. */
export const DEBT_CEILING = "9999999999999.99";

/**
 * Each company's new debt; `random()` is evaluated per row, so every company gets its own amount,
 * rounded to the kopeck: accrual adds 5.00..500.00, repayment takes 100.00..10000.00 and stops at 0.
 * Accrual stops at the ceiling the same way: a sum past it would fail the whole run with a numeric overflow,
 * so one company's debt would stop everyone's accrual.
 */
const NEW_DEBT: Record<ScheduledDebtTask, SQL> = {
  "accrue-debt": sql`least(companies.debt + round((5 + random() * 495)::numeric, 2), ${sql.raw(DEBT_CEILING)})`,
  "repay-debt": sql`greatest(companies.debt - round((100 + random() * 9900)::numeric, 2), 0)`,
};

export interface TaskRun {
  task: ScheduledDebtTask;
  slot: Date;
  companiesTouched: number;
  /** Sum of every company's change, signed, as an exact decimal string. */
  totalChange: string;
  /** Companies whose debt is at DEBT_CEILING after the run: their accrual stopped there. */
  companiesAtCeiling: number;
}

/** Another run of the same task holds its lock, and the caller asked not to wait for it. */
export class TaskRunInProgress extends Error {
  constructor(readonly task: ScheduledDebtTask) {
    super(`${task} is already running`);
  }
}

/** Any constant; a run's advisory lock is (this, the task's hash), so it meets only runs of the same task. */
const TASK_LOCK_SPACE = 7_283_115;

/**
 * One run of a task at a time, across processes, until the transaction ends. The slot claim alone does not do
 * it: a manual run has a slot of its own (now), so two started together would both apply, doubling a charge.
 */
async function holdTaskLock(tx: DbOrTx, task: ScheduledDebtTask, whenBusy: "wait" | "refuse") {
  if (whenBusy === "wait") {
    await tx.execute(sql`select pg_advisory_xact_lock(${TASK_LOCK_SPACE}, hashtext(${task}))`);
    return;
  }
  const [lock] = await selectRows<{ taken: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(${TASK_LOCK_SPACE}, hashtext(${task})) as taken`,
  );
  if (!lock?.taken) throw new TaskRunInProgress(task);
}

/**
 * Applies one scheduled debt change for `slot`, at most once per (task, slot): the task_runs row is claimed
 * first, in the same transaction as the UPDATE. A second run of the same slot (a retry after a crash, or
 * another worker) waits for the first to commit, then finds the row and changes nothing; it returns null.
 * A run that dies before committing leaves neither the row nor any change, so its retry applies it once.
 *
 * The run takes a SHARE ROW EXCLUSIVE lock on companies: readers go on, other writers (a clear-debt, an edit)
 * wait the few seconds until it commits, so concurrent changes come out as one after the other. That lock is
 * also what makes the total exact without a per-row lock pass: in one statement `before` sees every debt as
 * it was and `changed` returns every new one, so their difference is the change, summed in SQL.
 */
export async function applyScheduledDebtChange(
  db: Db,
  task: ScheduledDebtTask,
  slot: Date,
  whenBusy: "wait" | "refuse" = "wait",
): Promise<TaskRun | null> {
  return db.transaction(async (tx) => {
    await holdTaskLock(tx, task, whenBusy);
    const [claimed] = await selectRows<{ id: number }>(
      tx,
      sql`
        insert into task_runs (task, slot) values (${task}, ${slot.toISOString()}::timestamptz)
        on conflict (task, slot) do nothing
        returning id`,
    );
    if (!claimed) return null;
    await tx.execute(sql`lock table companies in share row exclusive mode`);
    const [run] = await selectRows<{ companies_touched: number; total_change: string; at_ceiling: number }>(
      tx,
      sql`
        with before as (
          select coalesce(sum(debt), 0) as total from companies where supplier_id is not null
        ), changed as (
          update companies set debt = ${NEW_DEBT[task]}
          where supplier_id is not null
          returning debt
        )
        update task_runs set
          companies_touched = (select count(*) from changed),
          total_change = (select coalesce(sum(debt), 0) from changed) - (select total from before),
          finished_at = clock_timestamp()
        where id = ${claimed.id}
        returning companies_touched::int, total_change::text,
          (select count(*) from changed where debt = ${sql.raw(DEBT_CEILING)})::int as at_ceiling`,
    );
    return {
      task,
      slot,
      companiesTouched: run?.companies_touched ?? 0,
      totalChange: run?.total_change ?? "0.00",
      companiesAtCeiling: run?.at_ceiling ?? 0,
    };
  });
}
