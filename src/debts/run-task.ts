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
 * `supplynet run-task NAME`: applies a scheduled task now, in its own slot (now), and says what it did.
 * A run that fails is rolled back whole; the operator gets its cause as one line (the CLI's UserError path),
 * since a stack trace of the driver says no more than the database's message does.
 */
export async function runTaskNow(database: Database, name: string): Promise<string> {
  if (!(SCHEDULED_DEBT_TASKS as readonly string[]).includes(name)) {
    throw new UserError(`Unknown task "${name}". Tasks: ${SCHEDULED_DEBT_TASKS.join(", ")}.`);
  }
  let run: TaskRun | null;
  try {
    run = await applyScheduledDebtChange(database.db, name as ScheduledDebtTask, new Date(), "refuse");
  } catch (error) {
    if (error instanceof TaskRunInProgress) {
      throw new UserError(
        `${name} is already running (a scheduled run, or run-task elsewhere); nothing was changed. Run it again once that run has finished, if you still need one more.`,
      );
    }
    const cause = databaseErrorOf(error).message ?? String(error);
    throw new UserError(`${name} failed and changed nothing: ${cause.split("\n")[0]}`, { cause: error });
  }
  if (!run) return `${name}: this instant's slot was already applied; nothing changed.`;
  const atCeiling = run.companiesAtCeiling
    ? ` ${run.companiesAtCeiling} at the ceiling of ${DEBT_CEILING}, where accrual stops.`
    : "";
  return `${name}: ${run.companiesTouched} companies changed by ${run.totalChange} in total (slot ${run.slot.toISOString()}).${atCeiling}`;
}
