import { applyScheduledDebtChange, SCHEDULED_DEBT_TASKS, type ScheduledDebtTask } from "../companies/debt.js";
import type { Database } from "../db/client.js";
import { UserError } from "../user-error.js";

/** `supplynet run-task NAME`: applies a scheduled task now, in its own slot (now), and says what it did. */
export async function runTaskNow(database: Database, name: string): Promise<string> {
  if (!(SCHEDULED_DEBT_TASKS as readonly string[]).includes(name)) {
    throw new UserError(`Unknown task "${name}". Tasks: ${SCHEDULED_DEBT_TASKS.join(", ")}.`);
  }
  const run = await applyScheduledDebtChange(database.db, name as ScheduledDebtTask, new Date());
  if (!run) return `${name}: this instant's slot was already applied; nothing changed.`;
  return `${name}: ${run.companiesTouched} companies changed by ${run.totalChange} in total (slot ${run.slot.toISOString()}).`;
}
