import { type Static, Type } from "typebox";
import { LanguageSchema } from "../auth/schemas.js";
import { CompanyRef } from "../companies/schemas.js";
import { Email, Id, Name, Ordering, PaginationQuery, QueryText, Timestamp } from "../http/schemas.js";

const InvitationStatusSchema = Type.Union([
  Type.Literal("pending"),
  Type.Literal("accepted"),
  Type.Literal("expired"),
]);
export type InvitationStatus = Static<typeof InvitationStatusSchema>;

const THEIR_LANGUAGE = "The language of their emails: ru (Russian) or en (English)";

export const Employee = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    first_name: Type.String(),
    last_name: Type.String(),
    company_id: Type.Integer(),
    company: CompanyRef,
    is_active: Type.Boolean(),
    language: LanguageSchema(THEIR_LANGUAGE),
    created_at: Timestamp,
    last_login_at: Type.Union([Timestamp, Type.Null()]),
    invitation: Type.Union(
      [
        Type.Object({
          status: InvitationStatusSchema,
          expires_at: Timestamp,
        }),
        Type.Null(),
      ],
      { description: "The latest invitation; null for accounts created without one" },
    ),
  },
  { description: "An employee: a user of role employee, with their company and latest invitation" },
);
export type EmployeeView = Static<typeof Employee>;

export const EMPLOYEE_ORDERINGS = [
  "id",
  "email",
  "first_name",
  "last_name",
  "created_at",
  "last_login_at",
] as const;
export type EmployeeOrdering = (typeof EMPLOYEE_ORDERINGS)[number];

const filters = {
  is_active: Type.Optional(Type.Boolean()),
  search: Type.Optional(QueryText(200, "Part of the email, first or last name (any case)")),
  ordering: Type.Optional(Ordering(EMPLOYEE_ORDERINGS)),
};
const listFilters = { ...PaginationQuery, ...filters };

export const CompanyEmployeesQuery = Type.Object(listFilters, { additionalProperties: false });
export const EmployeesQuery = Type.Object(
  { ...listFilters, company: Type.Optional(Id) },
  { additionalProperties: false },
);
export type EmployeesFilter = Static<typeof EmployeesQuery>;
/** The export takes the list's filters and ordering, and no page: it is the whole list. */
export const EmployeesExportQuery = Type.Object(
  { ...filters, company: Type.Optional(Id) },
  { additionalProperties: false },
);
export type EmployeesExportFilter = Static<typeof EmployeesExportQuery>;

export const EmployeeCreate = Type.Object(
  {
    email: Email,
    first_name: Type.Optional(Name("First name")),
    last_name: Type.Optional(Name("Last name")),
    company_id: Id,
    language: Type.Optional(
      LanguageSchema(
        "The language of their emails, ru or en; by default yours (the inviting staff member's)",
      ),
    ),
  },
  { additionalProperties: false },
);
export type EmployeeCreateInput = Static<typeof EmployeeCreate>;

export const EmployeeUpdate = Type.Partial(
  Type.Object({
    ...EmployeeCreate.properties,
    is_active: Type.Boolean({ description: "false signs the employee out everywhere" }),
    language: LanguageSchema(THEIR_LANGUAGE),
  }),
  { additionalProperties: false },
);
export type EmployeeUpdateInput = Static<typeof EmployeeUpdate>;

/** PUT's body: the email and the company, as when creating; the rest left out is kept. */
export const EmployeeReplace = Type.Object(
  {
    ...EmployeeCreate.properties,
    is_active: Type.Optional(EmployeeUpdate.properties.is_active),
    language: Type.Optional(LanguageSchema(THEIR_LANGUAGE)),
  },
  { additionalProperties: false },
);
