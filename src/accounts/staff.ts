import { and, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.js";
import { changedFields, originOf, recordChanges } from "../auth/audit.js";
import { revokeUserRefreshTokens } from "../auth/refresh-tokens.js";
import type { Services } from "../auth/services.js";
import type { DbOrTx } from "../db/client.js";
import { users } from "../db/schema.js";
import { conflict, notFound } from "../http/errors.js";
import { containsPattern, countListed, orderingOf, type Page, paginate } from "../http/listing.js";
import { msg } from "../i18n/translate.js";
import { createInvitedAccount, reinvite } from "./invitations.js";
import type {
  StaffCreateInput,
  StaffFilter,
  StaffOrdering,
  StaffUpdateInput,
  StaffUserView,
} from "./schemas.js";

const NO_SUCH_STAFF = msg("staff.not_found");
const isStaff = eq(users.role, "staff");
const staffWithId = (id: number) => and(eq(users.id, id), isStaff);

const staffColumns = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  isActive: users.isActive,
  language: users.language,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
  registered: sql<boolean>`${users.passwordHash} is not null`,
};

const selectStaff = (db: DbOrTx, where: SQL | undefined) =>
  db.select(staffColumns).from(users).where(and(isStaff, where));

function toView(row: Awaited<ReturnType<typeof selectStaff>>[number]): StaffUserView {
  return {
    id: row.id,
    email: row.email,
    first_name: row.firstName,
    last_name: row.lastName,
    is_active: row.isActive,
    language: row.language,
    created_at: row.createdAt.toISOString(),
    last_login_at: row.lastLoginAt?.toISOString() ?? null,
    registered: row.registered,
  };
}

const orderColumns = {
  id: users.id,
  email: sql`lower(${users.email})`,
  first_name: users.firstName,
  last_name: users.lastName,
  created_at: users.createdAt,
  last_login_at: users.lastLoginAt,
} satisfies Record<StaffOrdering, unknown>;

export function listStaff({ db }: Pick<Services, "db">, filter: StaffFilter, page: Page) {
  const pattern = filter.search ? containsPattern(filter.search) : undefined;
  const where = and(
    filter.is_active !== undefined ? eq(users.isActive, filter.is_active) : undefined,
    pattern
      ? or(ilike(users.email, pattern), ilike(users.firstName, pattern), ilike(users.lastName, pattern))
      : undefined,
  );
  return paginate(
    page,
    selectStaff(db, where).orderBy(...orderingOf(filter.ordering ?? "id", orderColumns, users.id)),
    countListed(db, users, isStaff, where),
    toView,
  );
}

export async function getStaff({ db }: Pick<Services, "db">, id: number): Promise<StaffUserView> {
  const [row] = await selectStaff(db, eq(users.id, id));
  if (!row) throw notFound(NO_SUCH_STAFF);
  return toView(row);
}

/** Creates the staff user without a password and invites them, in one transaction, as employees are invited. */
export async function createStaff(
  deps: Pick<Services, "db" | "jobs" | "publicUrl">,
  actor: Actor,
  input: StaffCreateInput,
): Promise<StaffUserView> {
  const id = await createInvitedAccount(deps, actor, { ...input, role: "staff", companyId: null });
  return getStaff(deps, id);
}

/** What an update of a staff user may change, as the API names it: the audit log compares these. */
const auditedColumns = {
  first_name: users.firstName,
  last_name: users.lastName,
  language: users.language,
  is_active: users.isActive,
};
const AUDITED_FIELDS = Object.keys(auditedColumns) as (keyof typeof auditedColumns)[];

/**
 * Deactivating is refused for oneself and for the last active staff user, with the reason. The active staff
 * rows are locked first, so that two staff deactivating each other at the same moment are judged one after the
 * other: the second sees the first's change and is refused, and the network always keeps someone to run it.
 */
export async function updateStaff(
  { db }: Pick<Services, "db">,
  actor: Actor,
  id: number,
  input: StaffUpdateInput,
): Promise<StaffUserView> {
  const changes = {
    ...(input.first_name !== undefined && { firstName: input.first_name }),
    ...(input.last_name !== undefined && { lastName: input.last_name }),
    ...(input.language !== undefined && { language: input.language }),
    ...(input.is_active !== undefined && { isActive: input.is_active }),
  };
  if (Object.keys(changes).length === 0) return getStaff({ db }, id);
  await db.transaction(async (tx) => {
    if (input.is_active === false) {
      const active = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(isStaff, eq(users.isActive, true)))
        .for("update");
      if (id === actor.userId) throw conflict(msg("staff.deactivate_self"));
      const othersActive = active.filter((user) => user.id !== id).length;
      if (active.some((user) => user.id === id) && othersActive === 0)
        throw conflict(msg("staff.last_active"));
    }
    const [before] = await tx.select(auditedColumns).from(users).where(staffWithId(id)).for("update");
    if (!before) throw notFound(NO_SUCH_STAFF);
    const [after] = await tx.update(users).set(changes).where(staffWithId(id)).returning(auditedColumns);
    if (!after) throw notFound(NO_SUCH_STAFF);
    if (input.is_active === false) await revokeUserRefreshTokens(tx, id);
    await recordChanges(
      tx,
      originOf(actor),
      { objectType: "staff", objectId: id },
      changedFields(before, after, AUDITED_FIELDS),
    );
  });
  return getStaff({ db }, id);
}

/** A new link for a staff user who has not registered yet; the old links stop working. */
export const resendStaffInvitation = (
  deps: Pick<Services, "db" | "jobs" | "publicUrl">,
  actor: Actor,
  id: number,
) =>
  reinvite(deps, actor, staffWithId(id), {
    missing: NO_SUCH_STAFF,
    registered: msg("staff.already_registered"),
    inactive: msg("staff.inactive"),
  });
