import { sql } from "drizzle-orm";
import { type DbOrTx, selectRows } from "./client.js";

/**
 * The debt ledger is written by triggers on `companies` (migration 0009), never by the app: whatever changes a
 * debt, raw SQL included, leaves its entries. What the app adds is the cause, in two transaction-local
 * settings the triggers read. A change whose transaction names no cause is a `correction` by `sql:<user>`.
 */
export const DEBT_ENTRY_KINDS = [
  "opening",
  "accrual",
  "repayment",
  "staff_clear",
  "job_clear",
  "correction",
  "deletion",
  "rollup",
] as const;
export type DebtEntryKind = (typeof DEBT_ENTRY_KINDS)[number];

/** Months of partitions kept ready ahead, so that a month's first entry never lands in the DEFAULT partition. */
export const LEDGER_PARTITIONS_AHEAD = 3;

/** Who or what caused a set of debt changes; `label` is what a reader sees, the ids link it. */
export interface DebtCause {
  label: string;
  userId?: number | null;
  taskRunId?: number | null;
  jobId?: string | null;
}

/**
 * Records a cause and returns its id. A cause labelled "staff" gets the user's email at the time; any other
 * label (a job's, a run's) stays, and `userId` links the user who asked.
 */
export async function recordDebtCause(tx: DbOrTx, cause: DebtCause): Promise<number> {
  const [row] = await selectRows<{ id: number }>(
    tx,
    sql`
      insert into debt_causes (label, user_id, task_run_id, job_id)
      select coalesce((select 'staff ' || email from users where id = ${cause.userId ?? null}::int and ${cause.label}::text = 'staff'), ${cause.label}),
        ${cause.userId ?? null}::int, ${cause.taskRunId ?? null}::int, ${cause.jobId ?? null}::uuid
      returning id`,
  );
  return row?.id as number;
}

/**
 * Records the cause and names it for the rest of the transaction, so the triggers file every debt change it
 * makes under it (an insert is always an `opening`, a delete a `deletion`, whatever `kind` says).
 */
export async function nameDebtCause(tx: DbOrTx, kind: DebtEntryKind, cause: DebtCause): Promise<number> {
  const id = await recordDebtCause(tx, cause);
  await reuseDebtCause(tx, kind, id);
  return id;
}

/** Names an existing cause for the rest of the transaction: each chunk of a scheduled run shares the run's. */
export async function reuseDebtCause(tx: DbOrTx, kind: DebtEntryKind, causeId: number): Promise<void> {
  await tx.execute(
    sql`select set_config('supplynet.debt_cause', ${String(causeId)}, true),
      set_config('supplynet.debt_kind', ${kind}, true)`,
  );
}

/** The same in plain SQL with the label as `$1`, for a bulk session (the import's COPY writes openings). */
export const NAME_OPENING_CAUSE_SQL = `
  with cause as (insert into debt_causes (label) values ($1) returning id)
  select set_config('supplynet.debt_cause', id::text, true), set_config('supplynet.debt_kind', 'opening', true)
  from cause`;
