import { type Static, Type } from "typebox";
import { LanguageSchema, NewPassword } from "../auth/schemas.js";
import { USER_ROLES } from "../db/schema.js";
import { Email, Name, Ordering, PaginationQuery, QueryText, Timestamp } from "../http/schemas.js";

const OneTimeToken = (from: string) =>
  Type.String({ minLength: 1, maxLength: 200, description: `From the ${from}` });

export const TokenBody = (from: string) =>
  Type.Object({ token: OneTimeToken(from) }, { additionalProperties: false });

export const InvitationView = Type.Object(
  {
    email: Type.String(),
    role: Type.Enum(USER_ROLES),
    company_name: Type.Union([Type.String(), Type.Null()], { description: "null for a staff user" }),
    invited_by: Type.Union([Type.String(), Type.Null()], {
      description: "The inviting staff member's name, else their email; null once they are deleted",
    }),
    expires_at: Timestamp,
  },
  { description: "Whom the invitation is for, and from whom" },
);

export const PasswordResetRequest = Type.Object(
  { email: QueryText(254, "The account's email, any case") },
  { additionalProperties: false },
);

export const PasswordResetAccount = Type.Object(
  {
    email: Type.String(),
    role: Type.Enum(USER_ROLES),
    company_name: Type.Union([Type.String(), Type.Null()], { description: "null for a staff user" }),
    expires_at: Timestamp,
  },
  { description: "Whose password the link sets" },
);

export const PasswordResetConfirm = Type.Object(
  { token: OneTimeToken("password reset link"), password: NewPassword },
  { additionalProperties: false },
);

export const PasswordResetDone = Type.Object(
  { detail: Type.String(), email: Type.String(), role: Type.Enum(USER_ROLES) },
  { description: "The password is set and every session signed out" },
);

export const StaffUser = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    first_name: Type.String(),
    last_name: Type.String(),
    is_active: Type.Boolean(),
    language: LanguageSchema("The language of their emails and of the admin: ru (Russian) or en (English)"),
    created_at: Timestamp,
    last_login_at: Type.Union([Timestamp, Type.Null()]),
    registered: Type.Boolean({ description: "Whether they have set a password (accepted their invitation)" }),
  },
  { description: "A staff user: a user of role staff, who runs the network in the admin" },
);
export type StaffUserView = Static<typeof StaffUser>;

export const STAFF_ORDERINGS = [
  "id",
  "email",
  "first_name",
  "last_name",
  "created_at",
  "last_login_at",
] as const;
export type StaffOrdering = (typeof STAFF_ORDERINGS)[number];

export const StaffQuery = Type.Object(
  {
    ...PaginationQuery,
    is_active: Type.Optional(Type.Boolean()),
    search: Type.Optional(QueryText(200, "Part of the email, first or last name (any case)")),
    ordering: Type.Optional(Ordering(STAFF_ORDERINGS)),
  },
  { additionalProperties: false },
);
export type StaffFilter = Static<typeof StaffQuery>;

export const StaffCreate = Type.Object(
  {
    email: Email,
    first_name: Type.Optional(Name("First name")),
    last_name: Type.Optional(Name("Last name")),
    language: Type.Optional(
      LanguageSchema(
        "The language of their emails and admin, ru or en; by default yours (the inviting staff user's)",
      ),
    ),
  },
  { additionalProperties: false },
);
export type StaffCreateInput = Static<typeof StaffCreate>;

export const StaffUpdate = Type.Partial(
  Type.Object({
    first_name: Name("First name"),
    last_name: Name("Last name"),
    language: LanguageSchema("The language of their emails and admin: ru (Russian) or en (English)"),
    is_active: Type.Boolean({
      description:
        "false deactivates and signs them out everywhere; never yourself, nor the last active staff user",
    }),
  }),
  { additionalProperties: false },
);
export type StaffUpdateInput = Static<typeof StaffUpdate>;

/** PUT's body: the names; language and is_active left out are kept. */
export const StaffReplace = Type.Object(
  {
    first_name: StaffUpdate.properties.first_name,
    last_name: StaffUpdate.properties.last_name,
    language: Type.Optional(StaffUpdate.properties.language),
    is_active: Type.Optional(StaffUpdate.properties.is_active),
  },
  { additionalProperties: false },
);
