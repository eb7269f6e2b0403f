import { applyScheduledDebtChange, type ScheduledDebtTask } from "../companies/debt.js";
import type { TaskDefinition } from "./context.js";
import { slotOf } from "./schedules.js";

/** Accrual and repayment differ only in their SQL (src/companies/debt.ts) and their schedule. */
export function scheduledDebtTask<N extends ScheduledDebtTask>(name: N): TaskDefinition<N> {
  return {
    name,
    // A run waits for the writers ahead of it, then runs one statement: both are bounded by the database
    // timeouts, so a run still active past them belongs to a dead worker.
    settings: (config) => ({
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: Math.ceil((config.lockTimeoutMs + config.statementTimeoutMs) / 1000) + 5,
      pollingIntervalSeconds: 5,
    }),
    async handle(job, { config, database }) {
      const slot = job.data.slot ? new Date(job.data.slot) : slotOf(name, job.createdOn, config.appTimezone);
      const run = await applyScheduledDebtChange(database.db, name, slot);
      if (!run) return { slot: slot.toISOString(), skipped: "this slot was already applied" };
      return {
        slot: slot.toISOString(),
        companies_touched: run.companiesTouched,
        total_change: run.totalChange,
        companies_at_ceiling: run.companiesAtCeiling,
      };
    },
  };
}
