import { type AuditOrigin, cliOrigin, recordAudit } from "../auth/audit.js";
import type { Database } from "../db/client.js";
import { databaseErrorOf } from "../db/errors.js";
import { UserError } from "../user-error.js";
import {
  applyScheduledDebtChange,
  DEBT_CEILING,
  SCHEDULED_DEBT_TASKS,
  type ScheduledDebtTask,
  type TaskRun,
  TaskRunInProgress,
} from "./debt.js";

/**
 * `supplynet run-task NAME`: applies a scheduled task now, in its own slot (now), and says what it did. If
 * an earlier run of the task was interrupted, it finishes that one instead. A run that fails keeps the chunks
 * it committed and says so; the next `run-task` goes on from there. The operator gets the cause as one line
 * (the CLI's UserError path), since a stack trace of the driver says no more than the database's message does.
 *
 * A run is many transactions (its chunks), so its audit entry is written once it has finished, with its
 * totals: a run cut short is recorded by the `run-task` that finishes it, and a slot already applied, which
 * changes nothing, is not recorded.
 */
export async function runTaskNow(
  database: Database,
  name: string,
  timezone: string,
  origin: AuditOrigin = cliOrigin(),
): Promise<string> {
  if (!(SCHEDULED_DEBT_TASKS as readonly string[]).includes(name)) {
    throw new UserError(`Unknown task "${name}". Tasks: ${SCHEDULED_DEBT_TASKS.join(", ")}.`);
  }
  let run: TaskRun | null;
  try {
    run = await applyScheduledDebtChange(database.db, name as ScheduledDebtTask, new Date(), {
      whenBusy: "refuse",
      timezone,
    });
  } catch (error) {
    if (error instanceof TaskRunInProgress) {
      throw new UserError(
        `${name} is already running (a scheduled run, or run-task elsewhere); nothing was changed. Run it again once that run has finished, if you still need one more.`,
      );
    }
    const cause = databaseErrorOf(error).message ?? String(error);
    throw new UserError(
      `${name} stopped: ${cause.split("\n")[0]}. The companies it had reached keep their change; run it again to finish the run.`,
      { cause: error },
    );
  }
  if (!run) return `${name}: this instant's slot was already applied; nothing changed.`;
  await recordAudit(database.db, origin, {
    action: "run_task",
    objectType: "task",
    objectId: name,
    details: {
      slot: run.slot.toISOString(),
      companies_touched: run.companiesTouched,
      total_change: run.totalChange,
      companies_at_ceiling: run.companiesAtCeiling,
    },
  });
  const atCeiling = run.companiesAtCeiling
    ? ` ${run.companiesAtCeiling} at the ceiling of ${DEBT_CEILING}, where accrual stops.`
    : "";
  return `${name}: ${run.companiesTouched} companies changed by ${run.totalChange} in total (slot ${run.slot.toISOString()}).${atCeiling}`;
}
