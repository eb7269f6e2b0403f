import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.js";
import { type AuditEntry, originOf, recordAudit } from "../auth/audit.js";
import { visibleCompanies } from "../auth/scope.js";
import type { Services } from "../auth/services.js";
import { type Db, type DbOrTx, selectRows } from "../db/client.js";
import {
  type DebtCause,
  type DebtEntryKind,
  nameDebtCause,
  recordDebtCause,
  reuseDebtCause,
} from "../db/ledger.js";

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

/** Who clears: staff within their request, or a `clear-debt` job (the ledger tells them apart). */
export type DebtClearer = { kind: "staff_clear" | "job_clear" } & DebtCause;

/**
 * Sets the debt of the listed companies to 0 in one statement, and says what it wrote off. It must run in a
 * transaction, which the cause is named for.
 */
export async function clearDebt(
  tx: DbOrTx,
  ids: number[],
  { kind, ...cause }: DebtClearer,
): Promise<ClearedDebts> {
  await nameDebtCause(tx, kind, cause);
  const [row] = await selectRows<ClearedDebts>(
    tx,
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
 * The audit entry of a clearing: on companies, and on the one company when only one is cleared, so that it is
 * in that company's history. Its details say how many ids were asked for and what came of them.
 */
const clearingEntry = (known: number[], details: Record<string, unknown>): AuditEntry => ({
  action: "clear_debt",
  objectType: "company",
  objectId: known.length === 1 ? (known[0] as number) : null,
  details,
});

/**
 * Staff's bulk clear: duplicates count once, ids naming no company are reported back. A few companies are
 * cleared at once; a larger batch goes to a `clear-debt` job so the request answers quickly. Either is
 * recorded in the audit log within the transaction that clears or enqueues.
 */
export async function requestDebtClearing(
  { db, jobs }: Pick<Services, "db" | "jobs">,
  actor: Actor,
  requestedIds: number[],
): Promise<DebtClearing> {
  const { ids, known, unknownIds } = await sortIds(db, actor, requestedIds);
  const counts = { ids: ids.length, companies: known.length, unknown_ids: unknownIds.length };
  if (!inBackground(ids)) {
    const clearer: DebtClearer = { kind: "staff_clear", label: "staff", userId: actor.userId };
    const cleared = await db.transaction(async (tx) => {
      const outcome = await clearDebt(tx, known, clearer);
      await recordAudit(tx, originOf(actor), clearingEntry(known, { ...counts, ...outcome }));
      return outcome;
    });
    return { ...cleared, unknownIds };
  }
  const jobId = await db.transaction(async (tx) => {
    const id = await jobs.enqueue("clear-debt", { ids: known, requested_by: actor.userId }, { db: tx });
    await recordAudit(tx, originOf(actor), clearingEntry(known, { ...counts, job_id: id }));
    return id;
  });
  return { jobId, unknownIds };
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

/** Companies per chunk of a scheduled run: each chunk is one short transaction, so no writer waits long. */
export const DEBT_RUN_CHUNK = 10_000;

/**
 * An unfinished run whose last chunk committed this long ago was interrupted (its worker died): a chunk waits
 * at most DB_LOCK_TIMEOUT for its rows and runs at most DB_STATEMENT_TIMEOUT, well within this.
 */
export const INTERRUPTED_AFTER_SECONDS = 60;

export interface ScheduledRunOptions {
  /** Refuse (TaskRunInProgress) while another run of the task is under way, as `run-task` does. */
  whenBusy?: "wait" | "refuse";
  chunkSize?: number;
  /** The time zone whose calendar day the run's daily total is filed under. */
  timezone?: string;
}

interface ClaimedRun {
  id: number;
  slot: Date;
  causeId: number;
}

/**
 * Claims the run of (task, slot), or finds it: null when it has finished already, else the run to apply or
 * to go on with. A new run covers the companies that exist now (ids up to the largest). Under the task's
 * advisory lock, so that `run-task` sees any run claimed before it. `refuse` refuses while another run of the
 * task is making progress, and goes on with an interrupted one rather than start a second.
 */
async function claimRun(db: Db, task: ScheduledDebtTask, slot: Date, whenBusy: "wait" | "refuse") {
  return db.transaction(async (tx): Promise<ClaimedRun | null> => {
    await tx.execute(sql`select pg_advisory_xact_lock(${TASK_LOCK_SPACE}, hashtext(${task}))`);
    if (whenBusy === "refuse") {
      const [other] = await selectRows<{ id: number; slot: string; cause_id: number; live: boolean }>(
        tx,
        sql`
          select id, slot::text, cause_id,
            progress_at > now() - make_interval(secs => ${INTERRUPTED_AFTER_SECONDS}) as live
          from task_runs where task = ${task} and finished_at is null
          order by live desc, id limit 1`,
      );
      if (other?.live) throw new TaskRunInProgress(task);
      if (other) return { id: other.id, slot: new Date(other.slot), causeId: other.cause_id };
    }
    const [claimed] = await selectRows<{ id: number }>(
      tx,
      sql`
        insert into task_runs (task, slot, last_company_id)
        select ${task}, ${slot.toISOString()}::timestamptz, coalesce(max(id), 0) from companies
        on conflict (task, slot) do nothing
        returning id`,
    );
    if (claimed) {
      // Recorded here, named by each chunk: the claim itself changes no debt.
      const causeId = await recordDebtCause(tx, {
        label: `${task} ${slot.toISOString()}`,
        taskRunId: claimed.id,
      });
      await tx.execute(sql`update task_runs set cause_id = ${causeId} where id = ${claimed.id}`);
      return { id: claimed.id, slot, causeId };
    }
    const [existing] = await selectRows<{ id: number; cause_id: number; finished: boolean }>(
      tx,
      sql`select id, cause_id, finished_at is not null as finished from task_runs
        where task = ${task} and slot = ${slot.toISOString()}::timestamptz`,
    );
    if (!existing || existing.finished) return null;
    return { id: existing.id, slot, causeId: existing.cause_id };
  });
}

const ENTRY_KIND: Record<ScheduledDebtTask, DebtEntryKind> = {
  "accrue-debt": "accrual",
  "repay-debt": "repayment",
};

/**
 * Applies the run's next chunk of companies (the next DEBT_RUN_CHUNK ids) in one transaction, and records its
 * progress and its part of the totals in the same one; false once the run has covered all its companies. The
 * run's row is locked first, so two workers on one run (a retry beside a worker thought dead) take chunks in
 * turn, never the same one. The chunk's change comes from the ledger's trigger, which sums exactly the entries
 * it wrote, each the new debt less the old one of the row it updated.
 */
async function applyChunk(db: Db, task: ScheduledDebtTask, run: ClaimedRun, chunkSize: number) {
  return db.transaction(async (tx) => {
    const [progress] = await selectRows<{ after: number; through: number; finished: boolean }>(
      tx,
      sql`select done_through_id as after, last_company_id as through, finished_at is not null as finished
        from task_runs where id = ${run.id} for update`,
    );
    if (!progress || progress.finished || progress.after >= progress.through) return false;
    const upTo = Math.min(progress.after + chunkSize, progress.through);
    await reuseDebtCause(tx, ENTRY_KIND[task], run.causeId);
    // Through the primary key, so that the rows are locked in id order, as a clear-debt locks them: in the
    // heap's order, the two could deadlock. A range of ids is what the index serves anyway, but a small table
    // would otherwise be scanned whole.
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
      set_config('supplynet.debt_written', '0', true)`);
    const [chunk] = await selectRows<{ touched: number; at_ceiling: number }>(
      tx,
      sql`
        with changed as (
          update companies set debt = ${NEW_DEBT[task]}
          where id > ${progress.after}::int and id <= ${upTo}::int and supplier_id is not null
          returning debt
        )
        select count(*)::int as touched,
          (count(*) filter (where debt = ${sql.raw(DEBT_CEILING)}))::int as at_ceiling
        from changed`,
    );
    await tx.execute(sql`
      update task_runs set
        companies_touched = companies_touched + ${chunk?.touched ?? 0}::int,
        total_change = total_change + current_setting('supplynet.debt_written')::numeric,
        companies_at_ceiling = companies_at_ceiling + ${chunk?.at_ceiling ?? 0}::int,
        done_through_id = ${upTo}::int,
        progress_at = clock_timestamp()
      where id = ${run.id}`);
    return true;
  });
}

/** Marks the run finished (once), files the day's network total, and reads the run's totals. */
async function finishRun(
  db: Db,
  task: ScheduledDebtTask,
  run: ClaimedRun,
  timezone: string,
): Promise<TaskRun> {
  return db.transaction(async (tx) => {
    const [row] = await selectRows<{ companies_touched: number; total_change: string; at_ceiling: number }>(
      tx,
      sql`
        update task_runs set finished_at = coalesce(finished_at, clock_timestamp()) where id = ${run.id}
        returning companies_touched::int, total_change::text, companies_at_ceiling::int as at_ceiling`,
    );
    await recordDailyTotal(tx, timezone);
    return {
      task,
      slot: run.slot,
      companiesTouched: row?.companies_touched ?? 0,
      totalChange: row?.total_change ?? "0.00",
      companiesAtCeiling: row?.at_ceiling ?? 0,
    };
  });
}

/**
 * The network's total debt now, filed as today's (in `timezone`): the day's last scheduled run leaves its
 * closing total, which the dashboard charts without summing the ledger.
 */
export async function recordDailyTotal(tx: DbOrTx, timezone: string): Promise<void> {
  await tx.execute(sql`
    insert into debt_daily_totals (day, total_debt)
    select (now() at time zone ${timezone})::date, coalesce(sum(debt), 0) from companies
    on conflict (day) do update set total_debt = excluded.total_debt, recorded_at = now()`);
}

/**
 * Applies one scheduled debt change for `slot`, exactly once per (task, slot), in chunks of companies, each
 * its own short transaction: no writer waits for the whole run, only for a chunk. The run covers the companies
 * that existed when it was claimed; one created meanwhile waits for the next slot. A crash loses at most the
 * chunk under way, and a retry (or another worker) goes on from the last committed one: each chunk records
 * its progress with its change, so no company is changed twice or skipped. Returns null when the slot had
 * been applied already.
 */
export async function applyScheduledDebtChange(
  db: Db,
  task: ScheduledDebtTask,
  slot: Date,
  options: ScheduledRunOptions = {},
): Promise<TaskRun | null> {
  const run = await claimRun(db, task, slot, options.whenBusy ?? "wait");
  if (!run) return null;
  try {
    while (await applyChunk(db, task, run, options.chunkSize ?? DEBT_RUN_CHUNK)) {}
  } catch (error) {
    await markInterrupted(db, run).catch(() => {});
    throw error;
  }
  return finishRun(db, task, run, options.timezone ?? "UTC");
}

/**
 * A run that stopped on an error says so at once, so that `run-task` finishes it rather than wait for it to
 * look quiet. When the database itself is away this cannot be written either, and the run is taken for
 * interrupted once it has been quiet INTERRUPTED_AFTER_SECONDS.
 */
async function markInterrupted(db: Db, run: ClaimedRun): Promise<void> {
  await db.execute(sql`
    update task_runs set progress_at = now() - make_interval(secs => ${INTERRUPTED_AFTER_SECONDS + 1})
    where id = ${run.id} and finished_at is null`);
}
