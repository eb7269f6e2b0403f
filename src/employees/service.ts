import { and, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { createInvitedAccount, reinvite } from "../accounts/invitations.js";
import type { Actor } from "../auth/actor.js";
import { changedFields, originOf, recordAudit, recordChanges } from "../auth/audit.js";
import { revokeUserRefreshTokens } from "../auth/refresh-tokens.js";
import { requireVisibleCompany } from "../auth/scope.js";
import type { Services } from "../auth/services.js";
import { levelName } from "../companies/rules.js";
import type { DbOrTx } from "../db/client.js";
import { companies, invitations, users } from "../db/schema.js";
import { type CsvColumn, type CsvTable, EXPORT_CHUNK_ROWS } from "../http/csv.js";
import { notFound } from "../http/errors.js";
import { type KeysetOrder, keysetChunks, keysetOrder } from "../http/keyset.js";
import { containsPattern, countListed, orderingOf, type Page, paginate } from "../http/listing.js";
import { msg } from "../i18n/translate.js";
import type {
  EmployeeCreateInput,
  EmployeeOrdering,
  EmployeesExportFilter,
  EmployeesFilter,
  EmployeeUpdateInput,
  EmployeeView,
  InvitationStatus,
} from "./schemas.js";

const NO_SUCH_EMPLOYEE = msg("employee.not_found");
/** Employees are the users of role employee; a staff user's id is no employee's. */
const isEmployee = eq(users.role, "employee");
const employeeWithId = (id: number) => and(eq(users.id, id), isEmployee);

/** A column of the latest invitation of the user in the outer query. */
const latestInvitation = <T>(column: SQL) =>
  sql<T>`(select ${column} from ${invitations} i where i.user_id = ${users.id} order by i.id desc limit 1)`;

const employeeColumns = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  companyId: users.companyId,
  isActive: users.isActive,
  language: users.language,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
  companyName: companies.name,
  companyLevel: companies.level,
  invitationStatus: latestInvitation<InvitationStatus | null>(
    sql`case when i.used_at is not null then 'accepted' when i.expires_at <= now() then 'expired' else 'pending' end`,
  ),
  invitationExpiresAt: latestInvitation(sql`i.expires_at`).mapWith(invitations.expiresAt),
};

function selectEmployees(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(employeeColumns)
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(and(isEmployee, where));
}

type EmployeeRow = Awaited<ReturnType<typeof selectEmployees>>[number];

function toView(row: EmployeeRow): EmployeeView {
  const companyId = row.companyId as number; // employees always have one (users_employee_has_company)
  return {
    id: row.id,
    email: row.email,
    first_name: row.firstName,
    last_name: row.lastName,
    company_id: companyId,
    company: {
      id: companyId,
      name: row.companyName,
      level: levelName(row.companyLevel),
    },
    is_active: row.isActive,
    language: row.language,
    created_at: row.createdAt.toISOString(),
    last_login_at: row.lastLoginAt?.toISOString() ?? null,
    invitation:
      row.invitationStatus && row.invitationExpiresAt
        ? { status: row.invitationStatus, expires_at: row.invitationExpiresAt.toISOString() }
        : null,
  };
}

const orderColumns = {
  id: users.id,
  email: sql`lower(${users.email})`,
  first_name: users.firstName,
  last_name: users.lastName,
  created_at: users.createdAt,
  last_login_at: users.lastLoginAt,
} satisfies Record<EmployeeOrdering, unknown>;

function filterConditions(filter: Omit<EmployeesFilter, "page" | "page_size">): SQL | undefined {
  const pattern = filter.search ? containsPattern(filter.search) : undefined;
  return and(
    filter.company !== undefined ? eq(users.companyId, filter.company) : undefined,
    filter.is_active !== undefined ? eq(users.isActive, filter.is_active) : undefined,
    pattern
      ? or(ilike(users.email, pattern), ilike(users.firstName, pattern), ilike(users.lastName, pattern))
      : undefined,
  );
}

export function listEmployees({ db }: Pick<Services, "db">, filter: EmployeesFilter, page: Page) {
  const where = filterConditions(filter);
  return paginate(
    page,
    selectEmployees(db, where).orderBy(...orderingOf(filter.ordering ?? "id", orderColumns, users.id)),
    countListed(db, users, isEmployee, where),
    toView,
  );
}

const exportColumns = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  companyId: users.companyId,
  companyName: companies.name,
  isActive: users.isActive,
  language: users.language,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

function exportChunk(db: DbOrTx, where: SQL | undefined, order: KeysetOrder, size: number) {
  return db
    .select({ ...exportColumns, sortKey: order.sortKey })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(and(isEmployee, where))
    .orderBy(...order.orderBy)
    .limit(size);
}
type ExportRow = Awaited<ReturnType<typeof exportChunk>>[number];

const EMPLOYEE_CSV: CsvColumn<ExportRow>[] = [
  { header: msg("csv.id"), value: (row) => row.id },
  { header: msg("csv.email"), value: (row) => row.email },
  { header: msg("csv.first_name"), value: (row) => row.firstName },
  { header: msg("csv.last_name"), value: (row) => row.lastName },
  { header: msg("csv.company_id"), value: (row) => row.companyId },
  { header: msg("csv.company"), value: (row) => row.companyName },
  { header: msg("csv.is_active"), value: (row) => msg(row.isActive ? "csv.yes" : "csv.no") },
  { header: msg("csv.language"), value: (row) => row.language },
  { header: msg("csv.created_at"), value: (row) => row.createdAt.toISOString() },
  { header: msg("csv.last_login_at"), value: (row) => row.lastLoginAt?.toISOString() ?? null },
];

/** The whole filtered list, in the list's order, chunk by chunk (see keysetChunks). */
export function exportEmployees(
  { db }: Pick<Services, "db">,
  filter: EmployeesExportFilter,
  chunkRows = EXPORT_CHUNK_ROWS,
): CsvTable<ExportRow> {
  const where = filterConditions(filter);
  const order = keysetOrder(filter.ordering ?? "id", orderColumns, users.id, ["last_login_at"]);
  return {
    columns: EMPLOYEE_CSV,
    chunks: keysetChunks(order, chunkRows, (after, size) => exportChunk(db, and(where, after), order, size)),
  };
}

/** A company's employees, for anyone who may see the company; any other company is a 404. */
export async function listCompanyEmployees(
  { db }: Pick<Services, "db">,
  actor: Actor,
  companyId: number,
  filter: Omit<EmployeesFilter, "company">,
  page: Page,
) {
  await requireVisibleCompany(db, actor, companyId);
  return listEmployees({ db }, { ...filter, company: companyId }, page);
}

export async function getEmployee({ db }: Pick<Services, "db">, id: number): Promise<EmployeeView> {
  const [row] = await selectEmployees(db, eq(users.id, id));
  if (!row) throw notFound(NO_SUCH_EMPLOYEE);
  return toView(row);
}

/** Creates the employee without a password and invites them (createInvitedAccount). */
export async function createEmployee(
  deps: Pick<Services, "db" | "jobs" | "publicUrl">,
  actor: Actor,
  input: EmployeeCreateInput,
): Promise<EmployeeView> {
  const id = await createInvitedAccount(deps, actor, {
    ...input,
    role: "employee",
    companyId: input.company_id,
  });
  return getEmployee(deps, id);
}

/** What an update of an employee may change, as the API names it: the audit log compares these. */
const auditedColumns = {
  email: users.email,
  first_name: users.firstName,
  last_name: users.lastName,
  company_id: users.companyId,
  is_active: users.isActive,
  language: users.language,
};
const AUDITED_FIELDS = Object.keys(auditedColumns) as (keyof typeof auditedColumns)[];

/** Deactivating also revokes every refresh token; access tokens die at once through the per-request check. */
export async function updateEmployee(
  { db }: Pick<Services, "db">,
  actor: Actor,
  id: number,
  input: EmployeeUpdateInput,
): Promise<EmployeeView> {
  const changes = {
    ...(input.email !== undefined && { email: input.email }),
    ...(input.first_name !== undefined && { firstName: input.first_name }),
    ...(input.last_name !== undefined && { lastName: input.last_name }),
    ...(input.company_id !== undefined && { companyId: input.company_id }),
    ...(input.is_active !== undefined && { isActive: input.is_active }),
    ...(input.language !== undefined && { language: input.language }),
  };
  if (Object.keys(changes).length > 0) {
    await db.transaction(async (tx) => {
      const [before] = await tx.select(auditedColumns).from(users).where(employeeWithId(id)).for("update");
      if (!before) throw notFound(NO_SUCH_EMPLOYEE);
      const [after] = await tx.update(users).set(changes).where(employeeWithId(id)).returning(auditedColumns);
      if (!after) throw notFound(NO_SUCH_EMPLOYEE);
      if (input.is_active === false) await revokeUserRefreshTokens(tx, id);
      await recordChanges(
        tx,
        originOf(actor),
        { objectType: "employee", objectId: id },
        changedFields(before, after, AUDITED_FIELDS),
      );
    });
  }
  return getEmployee({ db }, id);
}

export function deleteEmployee({ db }: Pick<Services, "db">, actor: Actor, id: number): Promise<void> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(users)
      .where(employeeWithId(id))
      .returning({ email: users.email, company_id: users.companyId });
    if (!deleted) throw notFound(NO_SUCH_EMPLOYEE);
    await recordAudit(tx, originOf(actor), {
      action: "delete",
      objectType: "employee",
      objectId: id,
      details: deleted,
    });
  });
}

/** A new link for an employee who has not registered yet; the old links stop working. */
export const resendInvitation = (
  deps: Pick<Services, "db" | "jobs" | "publicUrl">,
  actor: Actor,
  id: number,
) =>
  reinvite(deps, actor, employeeWithId(id), {
    missing: NO_SUCH_EMPLOYEE,
    registered: msg("employee.already_registered"),
    inactive: msg("employee.inactive"),
  });
