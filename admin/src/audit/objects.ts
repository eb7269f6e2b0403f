import type { AuditAction, AuditObjectType, AuditSource } from "../types";

/** The audit log's resource: its API route is /audit_log, as react-admin's resource name makes it. */
export const AUDIT_LOG = "audit_log";

/**
 * The admin resource whose page shows an object of each type, for the types that have one. A record over the
 * generated type, so the compiler refuses a type the API lacks; the key of every type's name is next to it.
 */
const RESOURCE_OF_TYPE: Record<AuditObjectType, string | null> = {
  company: "companies",
  product: "products",
  employee: "employees",
  staff: "staff",
  task: null,
  // A job has the Jobs page, not a page of its own: shown by its id.
  job: null,
};

export const OBJECT_TYPES = Object.keys(RESOURCE_OF_TYPE) as AuditObjectType[];

export const resourceOfType = (type: string): string | undefined =>
  (RESOURCE_OF_TYPE as Record<string, string | null>)[type] ?? undefined;

export const typeOfResource = (resource: string): AuditObjectType | undefined =>
  OBJECT_TYPES.find((type) => RESOURCE_OF_TYPE[type] === resource);

/** Every action the API records, in the order the filter offers them. */
const ACTION_ORDER: Record<AuditAction, true> = {
  create: true,
  update: true,
  delete: true,
  clear_debt: true,
  invite: true,
  deactivate: true,
  reactivate: true,
  password_reset: true,
  change_password: true,
  run_task: true,
  createsuperuser: true,
  retry_job: true,
  cancel_job: true,
};

const SOURCE_ORDER: Record<AuditSource, true> = { api: true, cli: true };

/** The keys of the names shown in words; react-admin's choice inputs translate them themselves. */
export const actionKey = (action: string) => `resources.${AUDIT_LOG}.actions.${action}`;
export const objectTypeKey = (type: string) => `resources.${AUDIT_LOG}.object_types.${type}`;
export const sourceKey = (source: string) => `resources.${AUDIT_LOG}.sources.${source}`;

const choices = (ids: string[], key: (id: string) => string) => ids.map((id) => ({ id, name: key(id) }));

export const ACTION_CHOICES = choices(Object.keys(ACTION_ORDER), actionKey);
export const OBJECT_TYPE_CHOICES = choices(OBJECT_TYPES, objectTypeKey);
export const SOURCE_CHOICES = choices(Object.keys(SOURCE_ORDER), sourceKey);

/** The audit log narrowed to one object, newest first: its History, as Django admin's. */
export function historyPath(type: AuditObjectType, id: string | number): string {
  const filter = JSON.stringify({ object_type: type, object_id: String(id) });
  return `/${AUDIT_LOG}?${new URLSearchParams({ filter, order: "DESC", sort: "at" })}`;
}
