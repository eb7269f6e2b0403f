import { type TSchema, Type } from "typebox";
import type { MessageKey } from "../i18n/translate.js";

/** Every error answer has this shape: {"error": {"code", "message", "fields": {name: [messages]}}}. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ examples: ["invalid"], description: "Stable in every language" }),
      message: Type.String({
        description: "In the language Accept-Language asks for, else DEFAULT_LANGUAGE",
      }),
      fields: Type.Record(Type.String(), Type.Array(Type.String())),
    }),
  },
  { $id: "ErrorResponse", description: "Every 4xx/5xx answer" },
);

/**
 * What each error status means and the codes it carries. The codes are stable in every language; the message
 * follows Accept-Language, so a client may show it, or translate the code itself.
 */
const errorDescriptions: Record<number, string> = {
  400: "Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error`",
  401: "No valid access token. Code: `not_authenticated`",
  403: "Your role may not do this. Code: `forbidden`",
  404: "Not found, or outside your company. Code: `not_found`",
  409: "Conflicts with the current data. Code: `conflict`",
  413: "Body too large. Code: `payload_too_large`",
  415: "Not JSON. Code: `unsupported_media_type`",
  429: "Rate limited; see Retry-After. Code: `throttled`",
  503: "Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable`",
  504: "The database did not answer in time. Code: `database_timeout`",
};

/** The error answers a route can give, for its OpenAPI description; pass the statuses it really returns. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(
    statuses.map((status) => [status, Type.Ref("ErrorResponse", { description: errorDescriptions[status] })]),
  );
}

/**
 * Money travels as a string with two decimals, as DRF's DecimalField does; never as a JS number.
 * `Money` is one company's debt: never negative, and within the column's numeric(15,2).
 */
const MONEY_PATTERN = "^\\d{1,13}\\.\\d{2}$";
const MONEY_TOTAL_PATTERN = "^\\d+\\.\\d{2}$";
const SIGNED_MONEY_PATTERN = "^-?\\d+\\.\\d{2}$";
const MONEY_INPUT_PATTERN = "^\\d{1,11}(\\.\\d{1,2})?$";
const MONEY_BOUND_PATTERN = "^\\d{1,13}(\\.\\d{1,2})?$";
export const Money = Type.String({ pattern: MONEY_PATTERN, examples: ["1234.56"] });
/** A sum over many companies (a total debt): never negative, but as long as it needs to be. */
export const MoneyTotal = Type.String({ pattern: MONEY_TOTAL_PATTERN, examples: ["98765432.10"] });
/** A change (a scheduled run's total): a repayment's is negative. */
export const SignedMoney = Type.String({ pattern: SIGNED_MONEY_PATTERN, examples: ["-1234.56"] });
/**
 * An opening debt as clients may send it: up to 11 digits and up to 2 decimals, no sign, no exponent. The
 * column holds 13 digits, so the largest opening debt leaves a hundred times its size of headroom for accruals.
 */
export const MoneyInput = Type.String({
  pattern: MONEY_INPUT_PATTERN,
  examples: ["1234.56"],
  description: "At most 99999999999.99",
});

/** A bound of a debt range filter: any debt the column can hold, written as a client may write it. */
export const MoneyBound = Type.String({
  pattern: MONEY_BOUND_PATTERN,
  examples: ["1234.56"],
  description: "At most 9999999999999.99",
});

/**
 * A character a name or an address may hold: none of the control characters (CR, LF, tab, NUL…, Unicode Cc),
 * line and paragraph separators, or format characters (Cf: zero-width spaces, bidi overrides, U+FEFF), which
 * make a value look like another or like nothing, nor a lone surrogate (Cs), which would be stored as U+FFFD.
 * The joiners U+200C and U+200D stay: emoji and several scripts need them inside a name.
 */
const SAFE_CHAR = "(?:[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]|[\\u200C\\u200D])";
/** At least one character that shows: a letter, digit, punctuation or symbol, not only spaces and joiners. */
const VISIBLE_TEXT = `(?=${SAFE_CHAR}*?[\\p{L}\\p{N}\\p{P}\\p{S}])${SAFE_CHAR}*`;

const TEXT_PATTERN = `^${VISIBLE_TEXT}$`;
const NAME_PATTERN = `^(?:${VISIBLE_TEXT})?$`;
const NO_CONTROL_PATTERN = "^\\P{Cc}*$";
const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/** A required name or address line: at most maxLength characters, something visible, nothing invisible. */
export const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: TEXT_PATTERN });
/** A person's first or last name: empty, or text as `Text` takes it. */
export const Name = (description: string) =>
  Type.String({ maxLength: 150, pattern: NAME_PATTERN, description });
/** An email address as it is stored for a company or a user (a login takes any text, as QueryText). */
export const Email = Type.String({ format: "email", maxLength: 254 });
/** Free text to look for (search, exact filters, a login's email): anything but control characters. */
export const QueryText = (maxLength: number, description: string) =>
  Type.String({ maxLength, pattern: NO_CONTROL_PATTERN, description });
/** A job's id, as pg-boss makes them. */
export const Uuid = Type.String({ pattern: UUID_PATTERN });

/** What a value that misses one of these patterns should look like, in words (the error handler says it). */
const PATTERN_MESSAGES = new Map<string, MessageKey>([
  [MONEY_PATTERN, "field.money"],
  [MONEY_TOTAL_PATTERN, "field.money"],
  [SIGNED_MONEY_PATTERN, "field.money"],
  [MONEY_INPUT_PATTERN, "field.money"],
  [MONEY_BOUND_PATTERN, "field.money"],
  [TEXT_PATTERN, "field.visible_text"],
  [NAME_PATTERN, "field.visible_text"],
  [NO_CONTROL_PATTERN, "field.no_control_characters"],
  [UUID_PATTERN, "field.uuid"],
]);

export const patternMessage = (pattern: string): MessageKey | undefined => PATTERN_MESSAGES.get(pattern);

/** `field` or `-field` for each sortable field, as DRF's OrderingFilter takes them. */
export const Ordering = <const Field extends string>(fields: readonly Field[]) =>
  Type.Enum(
    fields.flatMap((field) => [field, `-${field}`]),
    { description: "Sort field; prefix with - for descending" },
  );

/** 202 for work handed to a job: what will happen, in words. */
export const Accepted = Type.Object(
  { detail: Type.String() },
  { description: "Accepted; the work continues in the background" },
);

export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const IdParams = Type.Object({ id: Id });
export const Timestamp = Type.String({ format: "date-time" });

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const PaginationQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })),
};

/** DRF's page shape: {count, next, previous, results}, and whether the count is an estimate. */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    count: Type.Integer({ description: "How many rows the list holds; an estimate when count_is_estimate" }),
    count_is_estimate: Type.Boolean({
      description:
        "true when the list has no filter or search and holds more than 100,000 rows: count is then the " +
        "database's estimate, not an exact count. A filtered or searched list, and any smaller one, is counted " +
        "exactly. Either way `next` is null exactly on the last page.",
    }),
    next: Type.Union([Type.String(), Type.Null()]),
    previous: Type.Union([Type.String(), Type.Null()]),
    results: Type.Array(item),
  });
