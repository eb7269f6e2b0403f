import { type Static, Type } from "typebox";
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, AUDIT_SOURCES } from "../auth/audit.js";
import { Id, Ordering, PaginationQuery, QueryText, Timestamp } from "../http/schemas.js";

const Action = Type.Enum([...AUDIT_ACTIONS], {
  description:
    "create, update, delete; deactivate and reactivate (is_active changed); clear_debt; invite (sent or resent); " +
    "password_reset (by the account's owner, with a link); change_password; run_task (cli, or the admin's Run now); " +
    "retry_job and cancel_job (a background job); createsuperuser (cli)",
});
const ObjectType = Type.Enum([...AUDIT_OBJECT_TYPES], {
  description:
    "company, product, employee, staff (a staff user), task (a scheduled task, named by object_id), job (a background job, by its id)",
});
const Source = Type.Enum([...AUDIT_SOURCES], { description: "api: a request; cli: a supplynet command" });
const Day = (description: string) => Type.String({ format: "date", description, examples: ["2026-12-01"] });

export const AUDIT_ORDERINGS = ["at"] as const;

export const AuditLogQuery = Type.Object(
  {
    ...PaginationQuery,
    actor_id: Type.Optional(Type.With(Id, { description: "The user who acted" })),
    object_type: Type.Optional(ObjectType),
    object_id: Type.Optional(QueryText(64, "The object's id (a task's name for a task)")),
    action: Type.Optional(Action),
    source: Type.Optional(Source),
    date_from: Type.Optional(Day("From this day on (inclusive), in the application's time zone")),
    date_to: Type.Optional(Day("Up to this day (inclusive)")),
    ordering: Type.Optional(Ordering(AUDIT_ORDERINGS)),
  },
  { additionalProperties: false },
);
export type AuditLogFilters = Static<typeof AuditLogQuery>;

export const AuditLogEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actor_id: Type.Union([Type.Integer(), Type.Null()], {
    description: "The user who acted; null for a command (cli) or a user since deleted",
  }),
  actor_label: Type.String({
    description: "The user's email at the time, or the operating-system user who ran the command",
  }),
  source: Source,
  ip: Type.Union([Type.String(), Type.Null()], { description: "The request's address; null for a command" }),
  object_type: ObjectType,
  object_id: Type.Union([Type.String(), Type.Null()], {
    description: "null when an entry is about several objects (a clear_debt of many companies)",
  }),
  action: Action,
  changes: Type.Union(
    [Type.Record(Type.String(), Type.Array(Type.Unknown(), { minItems: 2, maxItems: 2 })), Type.Null()],
    {
      description: "For update, deactivate and reactivate: {field: [before, after]}, the changed fields only",
    },
  ),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
    description:
      "What else the action says: a created or deleted object's name or email, an invitation's email and " +
      "whether it was resent, clear_debt's counts (or its job_id), run_task's slot and totals",
  }),
});
export type AuditLogEntryView = Static<typeof AuditLogEntry>;
