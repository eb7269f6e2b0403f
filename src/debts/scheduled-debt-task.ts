import { expiryPastDatabaseTimeouts, type TaskDefinition } from "../queue/task.js";
import { applyScheduledDebtChange, type ScheduledDebtTask } from "./debt.js";
import { slotOf } from "./schedules.js";

declare module "../queue/queue.js" {
  interface JobPayloads {
    /** `slot` pins the cron slot a run belongs to; without it the slot is derived from the job's creation time. */
    "accrue-debt": { slot?: string };
    "repay-debt": { slot?: string };
  }
}

/** Accrual and repayment differ only in their SQL (debt.ts) and their schedule. */
export function scheduledDebtTask<N extends ScheduledDebtTask>(name: N): TaskDefinition<N> {
  return {
    name,
    settings: (config) => ({
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: expiryPastDatabaseTimeouts(config),
      pollingIntervalSeconds: 5,
    }),
    async handle(job, { config, database }) {
      const slot = job.data.slot ? new Date(job.data.slot) : slotOf(name, job.createdOn, config.appTimezone);
      const run = await applyScheduledDebtChange(database.db, name, slot, { timezone: config.appTimezone });
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
