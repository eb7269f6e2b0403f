import cronParser from "cron-parser";
import type { ScheduledDebtTask } from "./debt.js";

/**
 * The cron schedules, in APP_TIMEZONE. pg-boss checks them from every running worker and creates each slot's
 * job once, however many workers run. It does not catch up: a slot that passes while no worker runs is
 * skipped, and the next run happens at the next slot (run one by hand with `supplynet run-task NAME`).
 */
export const SCHEDULES: Record<ScheduledDebtTask, string> = {
  "accrue-debt": "0 */3 * * *",
  "repay-debt": "30 6 * * *",
};

/**
 * The slot a scheduled job belongs to: the latest cron time at or before the job was created. pg-boss creates
 * the job within about a minute after its cron time, far less than the gap between two slots, and keeps the
 * creation time when it retries the job, so every attempt of one slot computes the same slot.
 */
export function slotOf(task: ScheduledDebtTask, createdOn: Date, timezone: string): Date {
  const afterCreation = new Date(createdOn.getTime() + 1000);
  return cronParser
    .parseExpression(SCHEDULES[task], { currentDate: afterCreation, tz: timezone })
    .prev()
    .toDate();
}

/** The first time after `now` that a cron expression names, in `timezone`. */
export function nextCronTime(cron: string, timezone: string, now = new Date()): Date {
  return cronParser.parseExpression(cron, { currentDate: now, tz: timezone }).next().toDate();
}

/** When the task next runs on its own (if a worker is running then). */
export function nextRunAt(task: ScheduledDebtTask, timezone: string, now = new Date()): Date {
  return nextCronTime(SCHEDULES[task], timezone, now);
}
