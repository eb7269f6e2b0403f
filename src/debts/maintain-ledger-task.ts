import type { TaskDefinition } from "../queue/task.js";
import { maintainLedger } from "./ledger-maintenance.js";

declare module "../queue/queue.js" {
  interface JobPayloads {
    "maintain-ledger": Record<string, never>;
  }
}

/** Once a night: partitions ahead, and old months rolled up. Idempotent, so a retry or a second worker is harmless. */
export const MAINTAIN_LEDGER_SCHEDULE = "15 3 * * *";

export const maintainLedgerTask: TaskDefinition<"maintain-ledger"> = {
  name: "maintain-ledger",
  settings: () => ({
    retryLimit: 5,
    retryDelay: 300,
    retryBackoff: true,
    expireInSeconds: 3600,
    pollingIntervalSeconds: 60,
  }),
  async handle(_job, { config, database }) {
    const done = await maintainLedger(database.db, config.ledgerRetentionMonths);
    return { partitions_created: done.partitionsCreated, rolled_up: done.rolledUp };
  },
};
