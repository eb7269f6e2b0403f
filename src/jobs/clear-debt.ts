import { clearDebt } from "../companies/debt.js";
import type { TaskDefinition } from "./context.js";

export const clearDebtTask: TaskDefinition<"clear-debt"> = {
  name: "clear-debt",
  // Someone is polling GET /jobs/:id for this one: look for work twice a second.
  settings: { retryLimit: 3, retryDelay: 2, expireInSeconds: 300, pollingIntervalSeconds: 0.5 },
  handle: (job, { database }) => clearDebt(database.db, job.data.ids),
};
