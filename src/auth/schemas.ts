import { type Static, Type } from "typebox";
import { LANGUAGES } from "../config.js";
import { USER_ROLES } from "../db/schema.js";
import { Name, QueryText } from "../http/schemas.js";

/** Registration asks for this much; login accepts any stored password, including older short ones. */
export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1024;

/** A password being set: the schema's length bounds, then the one policy (src/auth/password-policy.ts). */
export const NewPassword = Type.String({
  minLength: MIN_PASSWORD_LENGTH,
  maxLength: MAX_PASSWORD_LENGTH,
  description: `At least ${MIN_PASSWORD_LENGTH} characters; not a common password, nor your email`,
});

export const TokenRequest = Type.Object(
  {
    email: QueryText(254, "Any case"),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);
export type TokenRequestInput = Static<typeof TokenRequest>;

export const RefreshRequest = Type.Object(
  { refresh: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const TokenPairResponse = Type.Object(
  {
    access: Type.String({ description: "JWT for the Authorization: Bearer header; short-lived" }),
    refresh: Type.String({ description: "Opaque; trade it at /auth/token/refresh. Each use rotates it." }),
  },
  { description: "A fresh access token and refresh token" },
);

/** The language a user's emails are written in: ru (Russian) or en (English). */
export const LanguageSchema = (description = "The language of your emails: ru (Russian) or en (English)") =>
  Type.Enum(LANGUAGES, { description });

export const Me = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    first_name: Type.String(),
    last_name: Type.String(),
    role: Type.Enum(USER_ROLES),
    company_id: Type.Union([Type.Integer(), Type.Null()]),
    is_active: Type.Boolean(),
    language: LanguageSchema(),
  },
  { description: "The logged-in user" },
);
export type MeView = Static<typeof Me>;

export const MeUpdate = Type.Partial(Type.Object({ language: LanguageSchema() }), {
  additionalProperties: false,
});
export type MeUpdateInput = Static<typeof MeUpdate>;

export const RegisterRequest = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200, description: "From the invitation link" }),
    password: NewPassword,
    first_name: Type.Optional(Name("First name")),
    last_name: Type.Optional(Name("Last name")),
  },
  { additionalProperties: false },
);
export type RegisterInput = Static<typeof RegisterRequest>;

export const RegisterResponse = Type.Object(
  { ...TokenPairResponse.properties, user: Me },
  { description: "Registered and logged in" },
);

/** The admin's session answers carry the access token only: the refresh token travels in the cookie. */
export const SessionResponse = Type.Object(
  {
    access: Type.String({
      description: "JWT for the Authorization: Bearer header; short-lived. Keep it in memory only.",
    }),
  },
  { description: "A fresh access token; the refresh token is in the httpOnly session cookie" },
);
export const EmptyBody = Type.Object(
  {},
  { additionalProperties: false, description: "An empty JSON object: {}" },
);

export const PasswordChangeRequest = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    new_password: NewPassword,
  },
  { additionalProperties: false },
);
export type PasswordChangeInput = Static<typeof PasswordChangeRequest>;
