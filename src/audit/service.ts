import { and, eq, type SQL, sql } from "drizzle-orm";
import type { AuditAction, AuditChanges, AuditObjectType, AuditSource } from "../auth/audit.js";
import type { Services } from "../auth/services.js";
import { auditLog } from "../db/schema.js";
import { countListed, orderingOf, type Page, paginate } from "../http/listing.js";
import type { AuditLogEntryView, AuditLogFilters } from "./schemas.js";

type AuditRow = typeof auditLog.$inferSelect;

const toView = (row: AuditRow): AuditLogEntryView => ({
  id: row.id,
  at: row.at.toISOString(),
  actor_id: row.actorId,
  actor_label: row.actorLabel,
  source: row.source as AuditSource,
  ip: row.ip,
  object_type: row.objectType as AuditObjectType,
  object_id: row.objectId,
  action: row.action as AuditAction,
  changes: row.changes as AuditChanges | null,
  details: row.details as Record<string, unknown> | null,
});

/** The days are the application's calendar days, as the debt history's are. */
function filterConditions(filters: AuditLogFilters, timezone: string): SQL | undefined {
  return and(
    filters.actor_id === undefined ? undefined : eq(auditLog.actorId, filters.actor_id),
    filters.object_type === undefined ? undefined : eq(auditLog.objectType, filters.object_type),
    filters.object_id === undefined ? undefined : eq(auditLog.objectId, filters.object_id),
    filters.action === undefined ? undefined : eq(auditLog.action, filters.action),
    filters.source === undefined ? undefined : eq(auditLog.source, filters.source),
    filters.date_from === undefined
      ? undefined
      : sql`${auditLog.at} >= (${filters.date_from}::date)::timestamp at time zone ${timezone}`,
    filters.date_to === undefined
      ? undefined
      : sql`${auditLog.at} < (${filters.date_to}::date + 1)::timestamp at time zone ${timezone}`,
  );
}

export function listAuditLog(
  { db }: Pick<Services, "db">,
  filters: AuditLogFilters,
  page: Page,
  timezone: string,
) {
  const where = filterConditions(filters, timezone);
  return paginate(
    page,
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(...orderingOf(filters.ordering ?? "-at", { at: auditLog.at }, auditLog.id)),
    countListed(db, auditLog, undefined, where),
    toView,
  );
}
