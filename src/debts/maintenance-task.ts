import { pruneAuditLog } from "../auth/audit.js";
import type { TaskDefinition } from "../queue/task.js";
import { maintainLedger } from "./ledger-maintenance.js";

declare module "../queue/queue.js" {
  interface JobPayloads {
    maintenance: Record<string, never>;
  }
}

/** Once a night, in APP_TIMEZONE, away from the scheduled debt runs. */
export const MAINTENANCE_SCHEDULE = "15 3 * * *";

/** The first moment of the month `months` before this one (UTC), before which records are old. */
function monthsBack(months: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
}

/**
 * The nightly upkeep of what grows without end: ledger partitions ahead and old months rolled up, and audit
 * entries past AUDIT_RETENTION_MONTHS deleted. Each step is idempotent, so a retry or a second worker is harmless.
 */
export const maintenanceTask: TaskDefinition<"maintenance"> = {
  name: "maintenance",
  settings: () => ({
    retryLimit: 5,
    retryDelay: 300,
    retryBackoff: true,
    expireInSeconds: 3600,
    pollingIntervalSeconds: 60,
  }),
  async handle(_job, { config, database }) {
    const ledger = await maintainLedger(database.db, config.ledgerRetentionMonths);
    const auditDeleted = await database.db.transaction((tx) =>
      pruneAuditLog(tx, monthsBack(config.auditRetentionMonths)),
    );
    return {
      partitions_created: ledger.partitionsCreated,
      rolled_up: ledger.rolledUp,
      audit_entries_deleted: auditDeleted,
    };
  },
};
