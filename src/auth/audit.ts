import { userInfo } from "node:os";
import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, selectRows, type Tx } from "../db/client.js";
import { auditLog, type UserRole, users } from "../db/schema.js";
import type { Actor } from "./actor.js";

/** Every action the audit log records; the API's enum and the admin's filter are this list. */
export const AUDIT_ACTIONS = [
  "create",
  "update",
  "delete",
  "deactivate",
  "reactivate",
  "clear_debt",
  "invite",
  "password_reset",
  "change_password",
  "run_task",
  "createsuperuser",
  "retry_job",
  "cancel_job",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry is about; `task` is a scheduled task, named by its object id (accrue-debt); `job` a pg-boss job. */
export const AUDIT_OBJECT_TYPES = ["company", "product", "employee", "staff", "task", "job"] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

export const AUDIT_SOURCES = ["api", "cli"] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/**
 * Who did it and from where. `label` names the actor when no user does (the operating-system user of a
 * command); otherwise the user's email at the time is read from users, so a later change of it leaves the
 * entry as it was.
 */
export interface AuditOrigin {
  userId: number | null;
  source: AuditSource;
  ip: string | null;
  label?: string;
}

/** `{field: [before, after]}`: what an update changed. */
export type AuditChanges = Record<string, [unknown, unknown]>;

export interface AuditEntry {
  action: AuditAction;
  objectType: AuditObjectType;
  objectId: string | number | null;
  changes?: AuditChanges | null;
  details?: Record<string, unknown> | null;
}

export const originOf = (actor: Actor): AuditOrigin => ({
  userId: actor.userId,
  source: "api",
  ip: actor.ip,
});

/** A user acting on their own account from a request they did not sign in for (a reset link). */
export const ownOrigin = (userId: number, ip: string | null): AuditOrigin => ({ userId, source: "api", ip });

/**
 * A command run on this machine. The command socket opens only to the user running `start`, so a command done
 * there is that same user's. A uid with no passwd entry (a container's) has no name; its number stands in.
 */
export function cliOrigin(): AuditOrigin {
  let label: string;
  try {
    label = userInfo().username;
  } catch {
    label = process.env.USER || `uid ${process.getuid?.() ?? "unknown"}`;
  }
  return { userId: null, source: "cli", ip: null, label };
}

/** The object type of a user account, by its role. */
export const accountType = (role: UserRole): AuditObjectType => (role === "staff" ? "staff" : "employee");

/**
 * Keys that may hold a credential. A service never passes one, and this keeps a slip from reaching the log:
 * such keys are dropped at any depth.
 */
const SECRET_KEY = /password|token|secret|hash/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]),
  );
}

const jsonOrNull = (value: object | null | undefined) =>
  value == null ? null : (withoutSecrets(JSON.parse(JSON.stringify(value))) as object);

function actorLabel(origin: AuditOrigin): SQL | string {
  if (origin.label !== undefined) return origin.label;
  if (origin.userId === null) return "unknown";
  return sql`coalesce((select ${users.email} from ${users} where ${users.id} = ${origin.userId}), ${`user ${origin.userId}`})`;
}

/**
 * Records one entry. Call it with the transaction of the change it records, so that the entry commits, or
 * rolls back, with the change.
 */
export async function recordAudit(db: DbOrTx, origin: AuditOrigin, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: origin.userId,
    actorLabel: actorLabel(origin),
    source: origin.source,
    ip: origin.ip,
    objectType: entry.objectType,
    objectId: entry.objectId === null ? null : String(entry.objectId),
    action: entry.action,
    changes: jsonOrNull(entry.changes),
    details: jsonOrNull(entry.details),
  });
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose value differs between `before` and `after`, as `{field: [before, after]}`. */
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]) {
  const changes: AuditChanges = {};
  for (const field of fields) {
    if (!sameValue(before[field], after[field])) changes[field] = [before[field], after[field]];
  }
  return changes;
}

/**
 * Records an update: a change of `is_active` as its own deactivate or reactivate entry, the other fields as one
 * `update`. An update that changed nothing records nothing.
 */
export async function recordChanges(
  db: DbOrTx,
  origin: AuditOrigin,
  object: Pick<AuditEntry, "objectType" | "objectId">,
  changes: AuditChanges,
): Promise<void> {
  const { is_active: active, ...others } = changes;
  if (active) {
    const action = active[1] ? "reactivate" : "deactivate";
    await recordAudit(db, origin, { ...object, action, changes: { is_active: active } });
  }
  if (Object.keys(others).length > 0) {
    await recordAudit(db, origin, { ...object, action: "update", changes: others });
  }
}

/**
 * Deletes the entries from before `before`; the only way anything leaves the log. The setting is local to the
 * transaction, so that it lets this delete through and nothing after it.
 */
export async function pruneAuditLog(tx: Tx, before: Date): Promise<number> {
  await tx.execute(sql`select set_config('supplynet.audit_retention', 'on', true)`);
  const [row] = await selectRows<{ deleted: number }>(
    tx,
    sql`with gone as (delete from ${auditLog} where ${auditLog.at} < ${before.toISOString()}::timestamptz returning 1)
      select count(*)::int as deleted from gone`,
  );
  return row?.deleted ?? 0;
}
