import { applyJobOnce } from "../queue/once.js";
import { expiryPastDatabaseTimeouts, type TaskDefinition } from "../queue/task.js";
import { clearDebt } from "./debt.js";

declare module "../queue/queue.js" {
  interface JobPayloads {
    /** `requested_by`: the staff user who asked, named in the ledger; absent in jobs from before it. */
    "clear-debt": { ids: number[]; requested_by?: number };
  }
}

export const clearDebtTask: TaskDefinition<"clear-debt"> = {
  name: "clear-debt",
  // Someone is polling GET /jobs/:id for this one: look for work twice a second.
  settings: (config) => ({
    retryLimit: 3,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: expiryPastDatabaseTimeouts(config),
    pollingIntervalSeconds: 0.5,
  }),
  // Applied once per job: a second delivery must not wipe debt added since the first one cleared it.
  handle: (job, { database }) =>
    applyJobOnce(database.db, job, (tx) =>
      clearDebt(tx, job.data.ids, {
        kind: "job_clear",
        label: `clear-debt job ${job.id}`,
        jobId: job.id,
        userId: job.data.requested_by ?? null,
      }),
    ),
};
