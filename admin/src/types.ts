/**
 * The admin's names for the API's shapes, all taken from the generated api-types.ts: when a route schema
 * changes, `npm run openapi:types` regenerates that file and the compiler shows every use that no longer fits.
 */
import type { components, paths } from "./api-types";

type Method = "get" | "post" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON an operation answers with the given status. */
export type Answer<P extends keyof paths, M extends Method, S extends number = 200> =
  Operation<P, M> extends { responses: { [status in S]: { content: { "application/json": infer J } } } }
    ? J
    : never;

/** The query parameters an operation takes. */
export type Query<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * The names a list's filters may take: the list's query parameters, except the paging and sorting that
 * react-admin sets itself, with react-admin's own `q` for the API's `search` (see dataProvider's filterQuery).
 */
export type ListFilter<P extends keyof paths> =
  | Exclude<keyof Query<P, "get">, "page" | "page_size" | "ordering" | "search">
  | "q";

/** The JSON body an operation takes. */
export type Body<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody: { content: { "application/json": infer B } } } ? B : never;

export type ErrorResponse = components["schemas"]["ErrorResponse"];

/** The envelope of every list: the API pages all of them the same way. */
export type Page<T> = Omit<Answer<"/api/v1/products", "get">, "results"> & { results: T[] };

export type Company = Answer<"/api/v1/companies/{id}", "get">;
export type Level = Company["level"];
export type CompanyCreate = Body<"/api/v1/companies", "post">;
export type CompanyUpdate = Body<"/api/v1/companies/{id}", "patch">;
export type CompanyIds = Answer<"/api/v1/companies/ids", "get">;
export type CompanyFilter = ListFilter<"/api/v1/companies">;
export type CompanySummary = Answer<"/api/v1/stats", "get">["top_debtors"][number];

export type ProductCreate = Body<"/api/v1/products", "post">;
export type ProductUpdate = Body<"/api/v1/products/{id}", "patch">;

export type Employee = Answer<"/api/v1/employees/{id}", "get">;
export type EmployeeCreate = Body<"/api/v1/employees", "post">;
export type EmployeeUpdate = Body<"/api/v1/employees/{id}", "patch">;

export type ClearDebtAnswer =
  | Answer<"/api/v1/companies/clear_debt", "post", 200>
  | Answer<"/api/v1/companies/clear_debt", "post", 202>;
export type ClearDebtPreview = Answer<"/api/v1/companies/clear_debt/preview", "post">;
export type Job = Answer<"/api/v1/jobs/{id}", "get">;

type TreeAnswer = Answer<"/api/v1/companies/{id}/tree", "get">;
/** The schema describes the children only in words ("nodes of this same shape"), so the recursion is here. */
export type TreeNode = Omit<TreeAnswer, "children" | "truncated" | "nodes"> & { children: TreeNode[] };
export type Tree = TreeAnswer & TreeNode;

export type Stats = Answer<"/api/v1/stats", "get">;
export type DebtTotals = Answer<"/api/v1/stats/debt_totals", "get">;

export type DebtEntry = Answer<"/api/v1/companies/{id}/debt_history", "get">["results"][number];
export type DebtEntryKind = DebtEntry["kind"];
export type DebtHistoryFilter = ListFilter<"/api/v1/companies/{id}/debt_history">;
export type DebtChart = Answer<"/api/v1/companies/{id}/debt_chart", "get">;
export type DebtChartQuery = Query<"/api/v1/companies/{id}/debt_chart", "get">;
export type Me = Answer<"/api/v1/auth/me", "get">;
export type Registered = Answer<"/api/v1/auth/register", "post", 201>;
export type RegisterBody = Body<"/api/v1/auth/register", "post">;
export type InvitationView = Answer<"/api/v1/auth/invitation", "post">;
export type PasswordChangeBody = Body<"/api/v1/auth/session/password", "post">;
export type Session = Answer<"/api/v1/auth/session/password", "post">;
export type PasswordResetAccount = Answer<"/api/v1/auth/password/reset/account", "post">;
export type PasswordResetDone = Answer<"/api/v1/auth/password/reset/confirm", "post">;
export type Accepted = Answer<"/api/v1/auth/password/reset", "post", 202>;

export type StaffUser = Answer<"/api/v1/staff/{id}", "get">;
export type StaffCreate = Body<"/api/v1/staff", "post">;
export type StaffUpdate = Body<"/api/v1/staff/{id}", "patch">;

export type AuditEntry = Answer<"/api/v1/audit_log", "get">["results"][number];
export type AuditAction = AuditEntry["action"];
export type AuditObjectType = AuditEntry["object_type"];
export type AuditSource = AuditEntry["source"];
export type AuditLogFilter = ListFilter<"/api/v1/audit_log">;

export type JobListItem = Answer<"/api/v1/jobs", "get">["results"][number];
export type JobState = JobListItem["state"];
export type JobFilter = ListFilter<"/api/v1/jobs">;
export type JobChanged =
  | Answer<"/api/v1/jobs/{id}/retry", "post">
  | Answer<"/api/v1/jobs/{id}/cancel", "post">;
export type Queues = Answer<"/api/v1/jobs/queues", "get">;
export type QueueCounts = Queues["results"][number];
export type Schedules = Answer<"/api/v1/schedules", "get">;
export type Schedule = Schedules["results"][number];
export type ScheduleRunQueued = Answer<"/api/v1/schedules/{name}/run", "post", 202>;
