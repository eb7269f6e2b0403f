import { scheduledDebtTask } from "./scheduled-debt-task.js";

/** Every day at 06:30 each company with a supplier pays back its own random 100.00..10000.00, down to 0. */
export const repayDebtTask = scheduledDebtTask("repay-debt");
