import { type TSchema, Type } from "typebox";

/** Every error answer has this shape: {"error": {"code", "message", "fields": {name: [messages]}}}. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ examples: ["invalid"] }),
      message: Type.String(),
      fields: Type.Record(Type.String(), Type.Array(Type.String())),
    }),
  },
  { $id: "ErrorResponse", description: "Every 4xx/5xx answer" },
);

const errorDescriptions: Record<number, string> = {
  400: "Invalid input; every bad field is named in error.fields",
  401: "No valid access token",
  403: "Your role may not do this",
  404: "Not found, or outside your company",
  409: "Conflicts with the current data",
  413: "Body too large",
  429: "Rate limited; see Retry-After",
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
export const Money = Type.String({ pattern: "^\\d{1,13}\\.\\d{2}$", examples: ["1234.56"] });
/** A sum over many companies (a total debt): never negative, but as long as it needs to be. */
export const MoneyTotal = Type.String({ pattern: "^\\d+\\.\\d{2}$", examples: ["98765432.10"] });
/** A change (a scheduled run's total): a repayment's is negative. */
export const SignedMoney = Type.String({ pattern: "^-?\\d+\\.\\d{2}$", examples: ["-1234.56"] });
/**
 * An opening debt as clients may send it: up to 11 digits and up to 2 decimals, no sign, no exponent. The
 * column holds 13 digits, so the largest opening debt leaves a hundred times its size of headroom for accruals.
 */
export const MoneyInput = Type.String({
  pattern: "^\\d{1,11}(\\.\\d{1,2})?$",
  examples: ["1234.56"],
  description: "At most 99999999999.99",
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

/** A required name or address line: at most maxLength characters, something visible, nothing invisible. */
export const Text = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: `^${VISIBLE_TEXT}$` });
/** A person's first or last name: empty, or text as `Text` takes it. */
export const Name = (description: string) =>
  Type.String({ maxLength: 150, pattern: `^(?:${VISIBLE_TEXT})?$`, description });
/** An email address as it is stored for a company or a user (a login takes any text, as QueryText). */
export const Email = Type.String({ format: "email", maxLength: 254 });
/** Free text to look for (search, exact filters, a login's email): anything but control characters. */
export const QueryText = (maxLength: number, description: string) =>
  Type.String({ maxLength, pattern: "^\\P{Cc}*$", description });

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

/** DRF's page shape: {count, next, previous, results}. */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    count: Type.Integer(),
    next: Type.Union([Type.String(), Type.Null()]),
    previous: Type.Union([Type.String(), Type.Null()]),
    results: Type.Array(item),
  });
