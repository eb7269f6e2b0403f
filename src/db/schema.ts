import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { LANGUAGES } from "../config.js";

/** The five levels of the supply chain, in order; the index is the `level` column. */
export const COMPANY_LEVELS = [
  "factory",
  "distributor",
  "dealership",
  "retail_chain",
  "entrepreneur",
] as const;
export type CompanyLevel = (typeof COMPANY_LEVELS)[number];

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * The hierarchy rules live in the table itself, so raw SQL cannot break them either:
 * - `supplier_level` is derived from `level`, and the composite key (supplier_id, supplier_level) must match a
 *   company's (id, level): the supplier is exactly one level up.
 * - That key is ON UPDATE/DELETE RESTRICT: a company that supplies others can neither change level nor vanish.
 * - CHECKs tie "factory" to "no supplier and no debt".
 */
export const companies = pgTable(
  "companies",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    country: text("country").notNull(),
    city: text("city").notNull(),
    street: text("street").notNull(),
    houseNumber: text("house_number").notNull(),
    level: smallint("level").notNull(),
    supplierId: integer("supplier_id"),
    supplierLevel: smallint("supplier_level").generatedAlwaysAs(sql`case when level > 0 then level - 1 end`),
    debt: numeric("debt", { precision: 15, scale: 2 }).notNull().default("0"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (t) => [
    check("companies_level_range", sql`${t.level} between 0 and 4`),
    check("companies_factory_has_no_supplier", sql`(${t.level} = 0) = (${t.supplierId} is null)`),
    check("companies_factory_has_no_debt", sql`${t.level} > 0 or ${t.debt} = 0`),
    check("companies_debt_not_negative", sql`${t.debt} >= 0`),
    check("companies_name_not_blank", sql`btrim(${t.name}) <> ''`),
    unique("companies_id_level_key").on(t.id, t.level),
    foreignKey({
      name: "companies_supplier_fk",
      columns: [t.supplierId, t.supplierLevel],
      foreignColumns: [t.id, t.level],
    })
      .onUpdate("restrict")
      .onDelete("restrict"),
    // A list orders by its column and then id (orderingOf), so a page of 1,000,000 companies in any order but
    // debt's is the first rows of one of these indexes, read forwards or backwards, never a sort of the table.
    // The level and created_at ones serve their filters too.
    index("companies_level_id_idx").on(t.level, t.id),
    index("companies_name_id_idx").on(t.name, t.id),
    index("companies_city_id_idx").on(t.city, t.id),
    index("companies_country_id_idx").on(t.country, t.id),
    index("companies_created_at_id_idx").on(t.createdAt, t.id),
    // city and country filter case-insensitively. The column itself is in the index too, so that a filtered
    // list's count is an index-only scan: PostgreSQL reads an expression index alone only when it also holds
    // every column the expression uses.
    index("companies_country_lower_idx").on(sql`lower(${t.country})`, t.country),
    index("companies_city_lower_idx").on(sql`lower(${t.city})`, t.city),
    index("companies_supplier_idx").on(t.supplierId),
    // `search=` is an unanchored ILIKE, which only a trigram index serves (pg_trgm, migration 0010); neither
    // column is ever rewritten by the debt jobs, so their updates stay HOT.
    index("companies_name_trgm").using("gin", t.name.op("gin_trgm_ops")),
    index("companies_email_trgm").using("gin", t.email.op("gin_trgm_ops")),
    // Deliberately no index holds `debt`: the scheduled jobs rewrite every debt at once, and with debt in no
    // index (and the free space of migration 0003's fillfactor) PostgreSQL updates each row in place (HOT),
    // touching no index, several times faster than with debt indexed. Sorting by debt is then a top-N sort of
    // the filtered rows (a city's few thousand companies), which stays within milliseconds.
  ],
);

export const products = pgTable(
  "products",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    model: text("model").notNull(),
    releaseDate: date("release_date", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("products_name_model_key").on(t.name, t.model),
    check("products_name_not_blank", sql`btrim(${t.name}) <> ''`),
    // For `search=`, an unanchored ILIKE (see companies).
    index("products_name_trgm").using("gin", t.name.op("gin_trgm_ops")),
    index("products_model_trgm").using("gin", t.model.op("gin_trgm_ops")),
  ],
);

export const companyProducts = pgTable(
  "company_products",
  {
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.productId] }),
    // With company_id, the `product=` filter's count joins two indexes without reading either table.
    index("company_products_product_idx").on(t.productId, t.companyId),
  ],
);

export const USER_ROLES = ["staff", "employee"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    role: text("role", { enum: USER_ROLES }).notNull(),
    companyId: integer("company_id").references(() => companies.id, { onDelete: "cascade" }),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** The language of the user's emails (and of the admin, for staff). */
    language: text("language", { enum: LANGUAGES }).notNull().default(LANGUAGES[0]),
    /**
     * Access and refresh tokens carry the version they were issued under, and one below the current version is refused.
     * A trigger (migration 0007) raises it whenever the password changes or the account is deactivated, whatever
     * path does it, so that both sign the user out everywhere at once.
     */
    tokenVersion: integer("token_version").notNull().default(0),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    index("users_company_idx").on(t.companyId),
    // The `is_active=` filter, counted from the index alone.
    index("users_is_active_id_idx").on(t.isActive, t.id),
    // The orderings of the employee and staff lists (see companies); email's is the unique key above.
    index("users_first_name_id_idx").on(t.firstName, t.id),
    index("users_last_name_id_idx").on(t.lastName, t.id),
    index("users_created_at_id_idx").on(t.createdAt, t.id),
    index("users_last_login_at_id_idx").on(t.lastLoginAt, t.id),
    // For `search=`, an unanchored ILIKE (see companies).
    index("users_email_trgm").using("gin", t.email.op("gin_trgm_ops")),
    index("users_first_name_trgm").using("gin", t.firstName.op("gin_trgm_ops")),
    index("users_last_name_trgm").using("gin", t.lastName.op("gin_trgm_ops")),
    check("users_role_valid", sql`${t.role} in ('staff', 'employee')`),
    check("users_employee_has_company", sql`(${t.role} = 'employee') = (${t.companyId} is not null)`),
    check("users_email_has_at", sql`position('@' in ${t.email}) > 1`),
    check(
      "users_language_valid",
      sql`${t.language} in (${sql.raw(LANGUAGES.map((language) => `'${language}'`).join(", "))})`,
    ),
  ],
);

/** One row per issued refresh token. Rotation chains tokens into a family; reuse of a rotated one revokes it. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull(),
    tokenHash: text("token_hash").notNull().unique("refresh_tokens_token_hash_key"),
    /** The user's token_version when it was issued: one below the current version is refused. */
    tokenVersion: integer("token_version").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("refresh_tokens_user_idx").on(t.userId), index("refresh_tokens_family_idx").on(t.familyId)],
);

/** The token itself is only ever in the email; the table keeps its SHA-256. */
export const invitations = pgTable(
  "invitations",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique("invitations_token_hash_key"),
    /** The staff member who sent it, named in the email; null once they are deleted. */
    invitedBy: integer("invited_by").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_user_idx").on(t.userId), index("invitations_invited_by_idx").on(t.invitedBy)],
);

/** A one-time link to set a new password; like an invitation, only its SHA-256 is stored. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique("password_resets_token_hash_key"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/**
 * One row per scheduled run; the unique (task, slot) makes a retried run resume it rather than apply it again.
 * A run is applied in chunks of companies, each its own transaction, which advances `done_through_id` and adds
 * to the totals: a crash loses at most the uncommitted chunk, and the retry goes on from there.
 */
export const taskRuns = pgTable(
  "task_runs",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    task: text("task").notNull(),
    slot: timestamp("slot", { withTimezone: true }).notNull(),
    companiesTouched: bigint("companies_touched", { mode: "number" }).notNull().default(0),
    totalChange: numeric("total_change", { precision: 20, scale: 2 }).notNull().default("0"),
    companiesAtCeiling: bigint("companies_at_ceiling", { mode: "number" }).notNull().default(0),
    /** The run covers the companies with ids up to this one: those that existed when it started. */
    lastCompanyId: integer("last_company_id").notNull().default(0),
    /** The largest id its committed chunks have passed; the next chunk starts after it. */
    doneThroughId: integer("done_through_id").notNull().default(0),
    /** When its last chunk committed: a run unfinished and quiet for long was interrupted. */
    progressAt: timestamp("progress_at", { withTimezone: true }).notNull().defaultNow(),
    /** The debt_causes row its ledger entries name. */
    causeId: integer("cause_id"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [unique("task_runs_task_slot_key").on(t.task, t.slot)],
);

/**
 * Jobs whose effect has committed. A job claims its id here in the same transaction as its effect, so a retry
 * after a crash (the effect committed, pg-boss never heard) finds it applied and changes nothing.
 */
export const appliedJobs = pgTable("applied_jobs", {
  jobId: uuid("job_id").primaryKey(),
  queue: text("queue").notNull(),
  result: jsonb("result"),
  appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Why a set of debt entries was written: one row per statement (or per scheduled run) that changed debts, so
 * that a million entries of one run share one cause. The ledger itself (`debt_ledger`, partitioned by month)
 * and the triggers that fill it are hand-written SQL (migration 0009): drizzle-kit expresses neither. The
 * user is kept by id and by the email at the time, without a foreign key, so that deleting a user keeps the
 * history readable.
 */
export const debtCauses = pgTable("debt_causes", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  /** What a person reads: "accrue-debt 2026-12-01T03:00:00.000Z", "clear-debt job …", "sql:postgres". */
  label: text("label").notNull(),
  userId: integer("user_id"),
  taskRunId: integer("task_run_id"),
  jobId: uuid("job_id"),
  createdAt: createdAt(),
});

/** The network's total debt at the end of each day (the last scheduled run's), for the dashboard's chart. */
export const debtDailyTotals = pgTable("debt_daily_totals", {
  day: date("day", { mode: "string" }).primaryKey(),
  totalDebt: numeric("total_debt", { precision: 24, scale: 2 }).notNull(),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every change made by staff (or from the CLI). Append-only: a trigger (migration 0009) refuses UPDATE and
 * DELETE, except the retention job's deletions. The actor is kept by id and by their email at the time, with no
 * foreign key, so that the record outlives the account.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id"),
    actorLabel: text("actor_label").notNull(),
    /** `api` for requests, `cli` for commands (the label is then the operating-system user). */
    source: text("source").notNull(),
    ip: text("ip"),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    action: text("action").notNull(),
    /** For updates: `{field: [before, after]}`; never a password or a token. */
    changes: jsonb("changes"),
    details: jsonb("details"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_object_idx").on(t.objectType, t.objectId, t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
  ],
);
