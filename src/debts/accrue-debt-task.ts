import { scheduledDebtTask } from "./scheduled-debt-task.js";

/** Every 3 hours each company with a supplier owes it its own random 5.00..500.00 more. */
export const accrueDebtTask = scheduledDebtTask("accrue-debt");
