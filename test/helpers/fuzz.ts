/**
 * A schema-driven fuzzer over the app's own /openapi.json: for every operation it builds requests from the
 * operation's parameters and body schema (TypeBox's JSON Schema, `$ref`s resolved against the components),
 * valid ones and hostile ones, and checks each answer: no 5xx, every 4xx in the error shape, and no row
 * changed by a refused request. Used by test/api/fuzz.test.ts (small, fixed seed) and scripts/fuzz.ts (long).
 */
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { createInvitation } from "../../src/accounts/invitations.js";
import type { App } from "../../src/app.js";
import { SESSION_COOKIE } from "../../src/auth/admin-session.js";
import { QUEUE_SCHEMA } from "../../src/queue/queue.js";
import { createChain, createUser, type TestUser } from "./app.js";
import type { TestDatabase } from "./database.js";

export const PROTOTYPE_MEMBERS = [
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
  "__defineGetter__",
  "__proto__",
] as const;

export const ROLES = ["anonymous", "employee", "staff"] as const;
export type Role = (typeof ROLES)[number];

// ---------------------------------------------------------------------------------------------------------
// The document

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
}

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** "POST /api/v1/companies/{id}", as the document names it. */
  key: string;
  method: string;
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** The JSON body's schema, resolved; undefined when the operation takes no body. */
  body: JsonSchema | undefined;
}

const HTTP_METHODS = ["get", "put", "post", "patch", "delete"];

/** Follows `$ref`s ("#/components/schemas/X", or a bare $id as Fastify's swagger may leave it). */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  let current = schema ?? {};
  for (let hops = 0; current.$ref && hops < 20; hops++) {
    const name = current.$ref.replace(/^#\/components\/schemas\//, "");
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/**
 * The JSON operations: /api and the probes. The admin's pages are HTML for browsers (a 503 page while the
 * admin is not built) and are tested by test/e2e/static.test.ts.
 */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (path === "/admin" || path.startsWith("/admin/")) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const parameters = (operation.parameters ?? []).map((parameter) => ({
        in: parameter.in,
        name: parameter.name,
        required: parameter.required ?? parameter.in === "path",
        schema: resolveSchema(document, parameter.schema),
      }));
      const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((parameter) => parameter.in === "path"),
        query: parameters.filter((parameter) => parameter.in === "query"),
        body: bodySchema && resolveDeep(document, bodySchema),
      });
    }
  }
  return operations;
}

/** The schema with every nested `$ref` replaced by its target, so generators never meet one. */
function resolveDeep(document: OpenApiDocument, schema: JsonSchema, depth = 0): JsonSchema {
  if (depth > 20) return {};
  const own = resolveSchema(document, schema);
  const deep = (child: JsonSchema) => resolveDeep(document, child, depth + 1);
  return {
    ...own,
    ...(own.properties && {
      properties: Object.fromEntries(
        Object.entries(own.properties).map(([name, child]) => [name, deep(child)]),
      ),
    }),
    ...(own.items && { items: deep(own.items) }),
    ...(own.anyOf && { anyOf: own.anyOf.map(deep) }),
    ...(own.oneOf && { oneOf: own.oneOf.map(deep) }),
    ...(own.allOf && { allOf: own.allOf.map(deep) }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Values

/** JSON text placed verbatim in a body: number spellings JSON.stringify never writes (1e2, 1E400, -0). */
export class RawJson {
  constructor(readonly text: string) {}
  [fc.toStringMethod]() {
    return `RawJson(${this.text.length > 60 ? `${this.text.slice(0, 60)}…` : this.text})`;
  }
}

/** An object with exactly these own keys, `__proto__` included (plain assignment would set the prototype). */
export function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .map((key) => `${JSON.stringify(key)}:${toJson(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Values that only the fixture knows at send time (tokens, job ids), written as `@@name.index@@`. */
const placeholder = (name: string, index: number) => `@@${name}.${index}@@`;
const PLACEHOLDER = /(?:@@|%40%40)(\w+)\.(\d+)(?:@@|%40%40)/g;

/** Which real values a named field may take besides the generated ones, so requests reach past the lookups. */
export type Hints = (name: string, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

export const FIXTURE_EMAILS = ["a@example.com", "staff@example.com", "b@example.com", "inactive@example.com"];

export const fixtureHints: Hints = (name, schema) => {
  if (name === "refresh") return fc.constantFrom(placeholder("refresh", 0), placeholder("refresh", 1));
  if (name === "token") return fc.constant(placeholder("invitation", 0));
  if (name === "email") return fc.constantFrom(...FIXTURE_EMAILS, "A@EXAMPLE.COM", "invited@example.com");
  if (name === "password") return fc.constantFrom("1", "a long enough password");
  if (schema.pattern?.includes("[0-9a-fA-F]{8}-")) return fc.constant(placeholder("job", 0));
  return undefined;
};

function patternOf(schema: JsonSchema): RegExp | undefined {
  return schema.pattern === undefined ? undefined : new RegExp(schema.pattern, "u");
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, minLength + 40);
  const fits = (text: string) => text.length >= minLength && text.length <= (schema.maxLength ?? Infinity);
  switch (schema.format) {
    case "email":
      return fc.emailAddress().filter(fits);
    case "date":
      return fc
        .date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case "date-time":
      return fc
        .date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((date) => date.toISOString());
    case "uuid":
      return fc.uuid();
  }
  const pattern = patternOf(schema);
  const anyText = fc.string({ unit: "grapheme", minLength, maxLength });
  if (!pattern) return anyText;
  // fast-check cannot generate from lookaheads, and enumerates every code point of a \p{…} class on each
  // use (seconds per request): for those, filter plain text instead.
  if (/\\[pP]\{|\(\?[=!]/.test(pattern.source)) return anyText.filter((text) => pattern.test(text));
  const matching = fc.stringMatching(pattern, { maxLength: schema.maxLength ?? 200 });
  return minLength > 0 ? matching.filter(fits) : matching;
}

/** A value the schema accepts (or, for untyped schemas, anything small). */
export function validValue(schema: JsonSchema, hints: Hints, name = ""): fc.Arbitrary<unknown> {
  const own = validOwnValue(schema, hints, name);
  const hint = hints(name, schema);
  return hint ? fc.oneof({ arbitrary: hint, weight: 3 }, { arbitrary: own, weight: 1 }) : own;
}

function validOwnValue(schema: JsonSchema, hints: Hints, name: string): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives)
    return fc.oneof(...alternatives.map((alternative) => validValue(alternative, hints, name)));
  if (schema.allOf) return validValue(Object.assign({}, ...schema.allOf), hints, name);
  const types = [schema.type ?? []].flat();
  if (types.length === 0) return fc.constantFrom<unknown>("x", 1, true, null);
  const value = fc.oneof(...types.map((type) => typedValue(type, schema, hints, name)));
  return schema.nullable ? fc.option(value, { nil: null, freq: 5 }) : value;
}

function typedValue(type: string, schema: JsonSchema, hints: Hints, name: string): fc.Arbitrary<unknown> {
  switch (type) {
    case "integer": {
      const min = schema.minimum ?? -1_000_000;
      const max = schema.maximum ?? 1_000_000;
      // Fixture ids are small: most ids fall where rows exist, the rest anywhere in range.
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 15) }), fc.integer({ min, max }));
    }
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "string":
      return validString(schema);
    case "array": {
      const item = validValue(schema.items ?? {}, hints, name);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 5, minLength + 5);
      return schema.uniqueItems
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (value) => toJson(value) })
        : fc.array(item, { minLength, maxLength });
    }
    case "object":
      return validObject(schema, hints);
    default:
      return fc.constant(null);
  }
}

export function validObject(schema: JsonSchema, hints: Hints): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  return fc.record(
    Object.fromEntries(properties.map(([name, property]) => [name, validValue(property, hints, name)])),
    { requiredKeys: schema.required ?? [] },
  );
}

const CONTROL_CHARACTERS = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\b",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\u000b",
  "\u000c",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u2029",
];
const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e"];
const NUMBER_SPELLINGS = [
  "1e2",
  "0x2",
  "0o7",
  "0b1",
  "-1",
  "+1",
  " 1",
  "1 ",
  "1.0",
  "1.5",
  "01",
  "-0",
  "NaN",
  "Infinity",
  "9007199254740993",
  "2147483648",
  "99999999999999999999",
  "1_000",
  "\uff11",
  "\u0663",
];
const ODD_WORDS = [
  "",
  " ",
  "true",
  "false",
  "null",
  "undefined",
  "[]",
  "{}",
  "[object Object]",
  ...PROTOTYPE_MEMBERS,
  "../../package.json",
  "%00",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "\\",
  '"',
  "\u0130",
  "\ud83d\ude00",
  "\ud800",
];
const RAW_NUMBERS = [
  "1e2",
  "1E2",
  "-0",
  "1.0",
  "1e400",
  "-1e400",
  "1e-400",
  "100000000000000000000000",
  "0.1e1",
];

/** Strings no field should take as they are: control and zero-width characters, odd spellings, huge lengths. */
export function hostileString(schema: JsonSchema = {}): fc.Arbitrary<string> {
  const tooLong = [(schema.maxLength ?? 1000) + 1, 20_000];
  return fc.oneof(
    fc.constantFrom(...NUMBER_SPELLINGS, ...ODD_WORDS),
    fc
      .tuple(
        fc.string({ maxLength: 8 }),
        fc.constantFrom(...CONTROL_CHARACTERS, ...ZERO_WIDTH),
        fc.string({ maxLength: 8 }),
      )
      .map(([before, character, after]) => `${before || "a"}${character}${after}`),
    fc.array(fc.constantFrom(...ZERO_WIDTH), { minLength: 1, maxLength: 4 }).map((parts) => parts.join("")),
    fc.constantFrom(...tooLong).map((length) => "x".repeat(length)),
  );
}

function hostileNumber(schema: JsonSchema): fc.Arbitrary<unknown> {
  const bounds = [schema.minimum, schema.maximum]
    .filter((bound): bound is number => bound !== undefined)
    .flatMap((bound) => [bound - 1, bound + 1, bound + 0.5]);
  return fc.oneof(
    fc.constantFrom<unknown>(
      0,
      -1,
      1.5,
      0.1,
      1e308,
      -1e308,
      2 ** 31,
      2 ** 53 + 2,
      1e21,
      Number.MIN_VALUE,
      ...bounds,
    ),
    fc.constantFrom(...RAW_NUMBERS).map((text) => new RawJson(text)),
  );
}

/** Nesting deep enough to test the parser and the validator's recursion, not the body limit. */
const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 5000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? new RawJson(`${"[".repeat(depth)}${"]".repeat(depth)}`)
      : new RawJson(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
  );

function hugeArray(schema: JsonSchema): fc.Arbitrary<unknown[]> {
  const lengths = [...new Set([(schema.maxItems ?? 1000) + 1, 5000])].filter((length) => length <= 200_001);
  return fc
    .tuple(fc.constantFrom(...lengths), fc.constantFrom<unknown>(1, "x", null, -1))
    .map(([length, item]) => Array.from({ length }, (_, index) => (item === 1 ? index + 1 : item)));
}

/** Any value a malicious or careless client could put where this schema is expected. */
export function hostileValue(schema: JsonSchema = {}): fc.Arbitrary<unknown> {
  const specific: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) {
    specific.push(
      fc
        .tuple(fc.constantFrom(...schema.enum.map(String)), fc.constantFrom("upper", " pad", "nul"))
        .map(([value, how]) =>
          how === "upper" ? value.toUpperCase() : how === " pad" ? ` ${value}` : `${value}\u0000`,
        ),
    );
  }
  const types = [schema.type ?? []].flat();
  if (types.includes("array")) {
    specific.push(hugeArray(schema), fc.array(hostileValue(schema.items), { minLength: 1, maxLength: 4 }));
  }
  if (types.includes("string") && schema.pattern) {
    specific.push(validString(schema).map((text) => `${text}\n`));
  }
  return fc.oneof(
    { arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, "", [], {}, [1, "a"]), weight: 3 },
    { arbitrary: hostileNumber(schema), weight: 2 },
    { arbitrary: hostileString(schema), weight: 4 },
    { arbitrary: fc.constantFrom(...PROTOTYPE_MEMBERS).map((key) => objectOf([[key, 1]])), weight: 1 },
    { arbitrary: deepNesting, weight: 1 },
    ...specific.map((arbitrary) => ({ arbitrary, weight: 3 })),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Requests

export type Mutation =
  | { kind: "set"; field: string; value: unknown }
  | { kind: "drop"; field: string }
  | { kind: "add"; field: string; value: unknown }
  | { kind: "manyKeys"; count: number }
  | { kind: "body"; value: unknown }
  | { kind: "raw"; text: string }
  | { kind: "contentType"; value: string | null }
  | { kind: "query"; name: string; values: string[] }
  | { kind: "manyQueryKeys"; count: number }
  | { kind: "path"; name: string; segment: string; encoded: boolean }
  | { kind: "authorization"; value: string }
  | { kind: "cookie"; value: string };

export interface FuzzRequest {
  operation: string;
  method: string;
  /** Path and query string, percent-encoded; may hold placeholders. */
  url: string;
  headers: Record<string, string>;
  /** The body as sent (text); may hold placeholders. */
  payload?: string;
  /** What was done to a valid request, for the report. */
  mutations: string[];
}

const UNKNOWN_FIELDS = [
  "colour",
  "is_staff",
  "role",
  "id",
  "debt",
  "password_hash",
  "a.b",
  "",
  " ",
  "\u0000",
];
const CONTENT_TYPES = [
  null,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/octet-stream",
  "application/json; charset=latin1",
  "application/json; charset=utf-16",
  "APPLICATION/JSON",
  "application/json, text/plain",
  "application/jsonx",
  "",
];
const RAW_BODIES = [
  "",
  " ",
  "{",
  '{"a":',
  "{'a': 1}",
  "[1, 2",
  "nul",
  "\ufeff{}",
  '{"a":1,"a":2}',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '{"a": 0x2}',
  '{"a": NaN}',
  '{"a": undefined}',
  "{}garbage",
  '"\\ud800"',
  "\u0000",
];
const NON_OBJECT_BODIES: unknown[] = [null, true, 0, "text", [], [{}], [1, 2, 3]];
const PATH_SEGMENTS: [string, boolean][] = [
  ["1e2", false],
  ["0x2", false],
  ["-1", false],
  ["0", false],
  ["1.5", false],
  ["2147483648", false],
  ["99999999999999999999", false],
  [" 1", false],
  ["1 ", false],
  ["+1", false],
  ["01", false],
  ["\uff11", false],
  ["1\n", false],
  ["1\u0000", false],
  ["abc", false],
  ["", false],
  ["constructor", false],
  ["__proto__", false],
  ["toString", false],
  ["%zz", true],
  ["%", true],
  ["%00", true],
  ["%2e%2e", true],
  ["..", true],
  ["1;x=1", true],
  ["1%2F2", true],
  ["x".repeat(3000), false],
];
const COOKIES = [
  "",
  SESSION_COOKIE,
  `${SESSION_COOKIE}=`,
  `${SESSION_COOKIE}="x"`,
  `${SESSION_COOKIE}=a; ${SESSION_COOKIE}=b`,
  `${SESSION_COOKIE}=%zz`,
  "=;=;;",
  `constructor=1; __proto__=1; ${SESSION_COOKIE}=x`,
  `${SESSION_COOKIE}=${"x".repeat(8000)}`,
];
const AUTHORIZATIONS = [
  "",
  "Bearer",
  "Bearer ",
  "Bearer x",
  "Bearer a.b.c",
  "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZSI6InN0YWZmIn0.",
  "Basic c3RhZmY6MQ==",
  `Bearer ${"x".repeat(20_000)}`,
  "bearer x",
];

function mutationOf(operation: Operation, hints: Hints): fc.Arbitrary<Mutation> {
  const choices: fc.WeightedArbitrary<Mutation>[] = [];
  const body = operation.body;
  const bodyFields = Object.entries(body?.properties ?? {});
  const anyValue = fc.oneof(hostileValue(), validValue({}, hints));
  const anyKey = fc.constantFrom(...PROTOTYPE_MEMBERS, ...UNKNOWN_FIELDS);
  const weight = (arbitrary: fc.Arbitrary<Mutation>, weight: number) => choices.push({ arbitrary, weight });
  if (bodyFields.length > 0) {
    weight(
      fc.oneof(
        ...bodyFields.map(([field, schema]) =>
          hostileValue(schema).map((value): Mutation => ({ kind: "set", field, value })),
        ),
      ),
      8,
    );
  }
  if (body?.required?.length) {
    weight(
      fc.constantFrom(...body.required).map((field): Mutation => ({ kind: "drop", field })),
      1,
    );
  }
  // Every operation, bodiless ones too, gets bodies: a GET or DELETE must refuse or ignore them, never crash.
  const bodyWeight = body ? 3 : 1;
  weight(
    fc.tuple(anyKey, anyValue).map(([field, value]): Mutation => ({ kind: "add", field, value })),
    2 * bodyWeight,
  );
  weight(
    fc
      .tuple(fc.constantFrom(...PROTOTYPE_MEMBERS), anyValue)
      .map(([field, value]): Mutation => ({ kind: "add", field, value })),
    2 * bodyWeight,
  );
  weight(
    fc.constantFrom(10, 300, 3000).map((count): Mutation => ({ kind: "manyKeys", count })),
    bodyWeight,
  );
  weight(
    fc
      .oneof(fc.constantFrom(...NON_OBJECT_BODIES), deepNesting, hugeArray({}))
      .map((value): Mutation => ({ kind: "body", value })),
    bodyWeight,
  );
  weight(
    fc.constantFrom(...RAW_BODIES).map((text): Mutation => ({ kind: "raw", text })),
    bodyWeight,
  );
  weight(
    fc.constantFrom(...CONTENT_TYPES).map((value): Mutation => ({ kind: "contentType", value })),
    bodyWeight,
  );

  const queryValue = fc.oneof(hostileString(), validValue({ type: "string" }, hints).map(String));
  const declared = operation.query;
  if (declared.length > 0) {
    weight(
      fc.oneof(
        ...declared.map((parameter) =>
          fc
            .array(fc.oneof(hostileValue(parameter.schema).map(queryText), queryValue), {
              minLength: 1,
              maxLength: 3,
            })
            .map((values): Mutation => ({ kind: "query", name: parameter.name, values })),
        ),
      ),
      declared.length > 3 ? 6 : 4,
    );
  }
  weight(
    fc
      .tuple(
        fc.oneof(fc.constantFrom(...PROTOTYPE_MEMBERS), anyKey),
        fc.array(queryValue, { minLength: 1, maxLength: 2 }),
      )
      .map(([name, values]): Mutation => ({ kind: "query", name, values })),
    3,
  );
  weight(
    fc.constantFrom(50, 1000).map((count): Mutation => ({ kind: "manyQueryKeys", count })),
    1,
  );
  for (const parameter of operation.pathParams) {
    weight(
      fc
        .constantFrom(...PATH_SEGMENTS)
        .map(([segment, encoded]): Mutation => ({ kind: "path", name: parameter.name, segment, encoded })),
      6,
    );
  }
  weight(
    fc.constantFrom(...AUTHORIZATIONS).map((value): Mutation => ({ kind: "authorization", value })),
    1,
  );
  // The admin's session routes read their refresh token from a cookie.
  weight(
    fc
      .oneof(
        fc.constantFrom(...COOKIES),
        fc
          .oneof(fc.constant(placeholder("refresh", 0)), hostileString())
          .map((value) => `${SESSION_COOKIE}=${encodeComponent(value)}`),
      )
      .map((value): Mutation => ({ kind: "cookie", value })),
    operation.path.includes("/session") ? 4 : 1,
  );
  return fc.oneof(...choices);
}

/** How a value travels in a query string. */
function queryText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof RawJson) return value.text;
  return typeof value === "object" && value !== null ? toJson(value) : String(value);
}

/** encodeURIComponent, except that a lone surrogate goes out as the bytes it would be in CESU-8: invalid UTF-8. */
function encodeComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text]
      .map((character) => (/[\ud800-\udfff]/.test(character) ? "%ED%A0%80" : encodeURIComponent(character)))
      .join("");
  }
}

interface BaseRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
}

function describeMutation(mutation: Mutation): string {
  const short = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}… (${text.length} chars)` : text);
  switch (mutation.kind) {
    case "set":
    case "add":
      return `${mutation.kind} body.${JSON.stringify(mutation.field)} = ${short(toJson(mutation.value))}`;
    case "drop":
      return `drop body.${mutation.field}`;
    case "manyKeys":
      return `${mutation.count} unknown body keys`;
    case "body":
      return `body = ${short(toJson(mutation.value))}`;
    case "raw":
      return `raw body ${JSON.stringify(mutation.text)}`;
    case "contentType":
      return `content-type ${JSON.stringify(mutation.value)}`;
    case "query":
      return `query ${JSON.stringify(mutation.name)} = ${short(JSON.stringify(mutation.values))}`;
    case "manyQueryKeys":
      return `${mutation.count} unknown query keys`;
    case "path":
      return `path {${mutation.name}} = ${short(JSON.stringify(mutation.segment))}`;
    case "authorization":
      return `authorization ${short(JSON.stringify(mutation.value))}`;
    case "cookie":
      return `cookie ${short(JSON.stringify(mutation.value))}`;
  }
}

function buildRequest(operation: Operation, base: BaseRequest, mutations: Mutation[]): FuzzRequest {
  const segments = new Map(
    Object.entries(base.path).map(([name, value]) => [name, encodeComponent(String(value))]),
  );
  const query: [string, string][] = Object.entries(base.query).map(([name, value]) => [
    name,
    queryText(value),
  ]);
  let bodyEntries: [string, unknown][] | undefined = base.body && Object.entries(base.body);
  let payload: string | undefined;
  let contentType: string | null = "application/json";
  const headers: Record<string, string> = {};
  for (const mutation of mutations) {
    switch (mutation.kind) {
      case "set":
      case "add":
        bodyEntries = [
          ...(bodyEntries ?? []).filter(([key]) => key !== mutation.field),
          [mutation.field, mutation.value],
        ];
        payload = undefined;
        break;
      case "drop":
        bodyEntries = bodyEntries?.filter(([key]) => key !== mutation.field);
        break;
      case "manyKeys":
        bodyEntries = [
          ...(bodyEntries ?? []),
          ...Array.from({ length: mutation.count }, (_, index): [string, unknown] => [`k${index}`, index]),
        ];
        payload = undefined;
        break;
      case "body":
        bodyEntries = undefined;
        payload = toJson(mutation.value);
        break;
      case "raw":
        bodyEntries = undefined;
        payload = mutation.text;
        break;
      case "contentType":
        contentType = mutation.value;
        bodyEntries ??= payload === undefined ? [] : undefined;
        break;
      case "query":
        for (const value of mutation.values) query.push([mutation.name, value]);
        break;
      case "manyQueryKeys":
        for (let index = 0; index < mutation.count; index++) query.push([`q${index}`, String(index)]);
        break;
      case "path":
        segments.set(mutation.name, mutation.encoded ? mutation.segment : encodeComponent(mutation.segment));
        break;
      case "authorization":
        headers.authorization = mutation.value;
        break;
      case "cookie":
        headers.cookie = mutation.value;
        break;
    }
  }
  if (bodyEntries) payload = toJson(objectOf(bodyEntries));
  if (payload !== undefined && contentType !== null) headers["content-type"] = contentType;
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => segments.get(name) ?? "1");
  const search = query.map(([name, value]) => `${encodeComponent(name)}=${encodeComponent(value)}`).join("&");
  return {
    operation: operation.key,
    method: operation.method,
    url: search ? `${path}?${search}` : path,
    headers,
    ...(payload !== undefined && { payload }),
    mutations: mutations.map(describeMutation),
  };
}

/** Valid requests of the operation with none to three things done wrong, from its own schemas. */
export function requestsFor(operation: Operation, hints: Hints = fixtureHints): fc.Arbitrary<FuzzRequest> {
  const parameters = (list: Parameter[]) =>
    fc.record(
      Object.fromEntries(
        list.map((parameter) => [parameter.name, validValue(parameter.schema, hints, parameter.name)]),
      ),
      { requiredKeys: list.filter((parameter) => parameter.required).map((parameter) => parameter.name) },
    );
  const base = fc.record({
    path: parameters(operation.pathParams),
    query: parameters(operation.query),
    body: operation.body ? validValue(operation.body, hints) : fc.constant(undefined),
  }) as fc.Arbitrary<BaseRequest>;
  return fc
    .tuple(base, fc.array(mutationOf(operation, hints), { maxLength: 3 }))
    .map(([request, mutations]) => buildRequest(operation, request, mutations));
}

// ---------------------------------------------------------------------------------------------------------
// Sending and checking

/** The design's error shape, exactly: {"error": {"code": string, "message": string, "fields": {name: string[]}}}. */
export function errorShapeProblem(response: LightMyRequestResponse): string | undefined {
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return `not JSON (content-type ${response.headers["content-type"]})`;
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isObject(body) || Object.keys(body).join() !== "error") return "not {error: …}";
  const error = body.error;
  if (!isObject(error) || Object.keys(error).sort().join() !== "code,fields,message") {
    return "error is not exactly {code, message, fields}";
  }
  if (typeof error.code !== "string" || error.code === "") return "error.code is not a non-empty string";
  if (typeof error.message !== "string") return "error.message is not a string";
  if (!isObject(error.fields)) return "error.fields is not an object";
  for (const [name, messages] of Object.entries(error.fields)) {
    if (!Array.isArray(messages) || messages.some((message) => typeof message !== "string")) {
      return `error.fields[${JSON.stringify(name)}] is not a list of strings`;
    }
  }
  return undefined;
}

/** Latin words a Russian message may hold: names of protocol parts, of values to send, and of the CLI. */
const LATIN_IN_RUSSIAN = new Set([
  "JSON",
  "Content",
  "Type",
  "Length",
  "application/json",
  "HTTP",
  "HTTP/1.1",
  "Host",
  "Expect",
  "continue",
  "UUID",
  "id",
  "null",
  "true",
  "false",
  "clear_debt",
  "supplynet",
  "migrate",
  "QR",
  "API",
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
]);

/**
 * Whether an answer speaks the language it was asked for: Content-Language names it, and an error's words hold
 * no word of the other script. What the message echoes (a «name», a path, an email) is not its own words.
 */
export function languageProblem(response: LightMyRequestResponse, language: "ru" | "en"): string | undefined {
  if (response.headers["content-language"] !== language) {
    return `Content-Language is ${String(response.headers["content-language"])}, not ${language}`;
  }
  if (response.statusCode < 400) return undefined;
  let error: { message?: unknown; fields?: Record<string, unknown> };
  try {
    error = response.json().error ?? {};
  } catch {
    return undefined;
  }
  const texts = [error.message, ...Object.values(error.fields ?? {}).flat()].filter(
    (text): text is string => typeof text === "string",
  );
  for (const text of texts) {
    const own = text.replace(/«[^»]*»/g, "").replace(/`[^`]*`/g, "");
    const words = own
      .split(/[\s,;:()]+/)
      .filter((word) => word && !word.includes("/") && !word.includes("@"));
    const foreign =
      language === "ru"
        ? words
            .flatMap((word) => word.replace(/[.!?]+$/, "").split("-"))
            .filter((word) => /[A-Za-z]/.test(word) && !LATIN_IN_RUSSIAN.has(word))
        : words.filter((word) => /[\u0400-\u04FF]/.test(word));
    if (foreign.length > 0)
      return `the ${language} message ${JSON.stringify(text)} holds ${foreign.join(" ")}`;
  }
  return undefined;
}

/** The tables a refused request must leave alone: every table of the app, as the migrations made them. */
export async function appTables(database: TestDatabase["database"]): Promise<string[]> {
  const { rows } = await database.executeSql<{ tablename: string }>(
    "select tablename from pg_tables where schemaname = 'public' order by tablename",
  );
  return rows.map((row) => row.tablename);
}

export interface Outcome {
  request: FuzzRequest;
  role: Role;
  status: number;
  body: string;
  problems: string[];
}

export function describeOutcome(outcome: Outcome): string {
  const { request } = outcome;
  const payload = request.payload ?? "";
  const lines = [
    `${request.method} ${request.url.length > 300 ? `${request.url.slice(0, 300)}… (${request.url.length} chars)` : request.url} as ${outcome.role}`,
    ...Object.entries(request.headers).map(([name, value]) => `  ${name}: ${value.slice(0, 120)}`),
    ...(request.payload === undefined
      ? []
      : [
          `  body: ${payload.length > 400 ? `${payload.slice(0, 400)}… (${payload.length} chars)` : payload}`,
        ]),
    `  mutations: ${request.mutations.join("; ") || "none (a valid request)"}`,
    `  → ${outcome.status} ${outcome.body.length > 400 ? `${outcome.body.slice(0, 400)}… (${outcome.body.length} chars)` : outcome.body}`,
    ...outcome.problems.map((problem) => `  PROBLEM: ${problem}`),
  ];
  return lines.join("\n");
}

/**
 * The app and its fixture. Ids restart at 1 on every reset, so the generated ids mean the same rows each
 * time; tokens and job ids do not, and are filled in at send time.
 */
export class FuzzSession {
  private secrets: Record<string, string[]> = {};
  private checksum = "";
  /** Requests sent and resets made, for the long run's report. */
  sent = 0;
  resets = 0;
  headers: Record<Role, Record<string, string>> = { anonymous: {}, employee: {}, staff: {} };

  private constructor(
    readonly app: App,
    readonly testDb: TestDatabase,
    private readonly tables: string[],
  ) {}

  static async start(app: App, testDb: TestDatabase): Promise<FuzzSession> {
    const session = new FuzzSession(app, testDb, await appTables(testDb.database));
    await session.reset();
    return session;
  }

  /** Empties the tables and loads the fixture: two chains, a product each, users of each kind, tokens, a job. */
  async reset(): Promise<void> {
    const { app, testDb } = this;
    this.resets++;
    await testDb.truncate();
    const alpha = await createChain(testDb, "Alpha");
    const beta = await createChain(testDb, "Beta");
    const companyA = alpha[2]?.id as number;
    const companyB = beta[2]?.id as number;
    for (const [company, product] of [
      [companyA, "Phone"],
      [companyB, "Tablet"],
    ] as const) {
      await testDb.database.executeSql(
        `with product as (insert into products (name, model, release_date) values ($1, 'M1', '2024-01-31') returning id)
         insert into company_products (company_id, product_id) select $2, id from product`,
        [product, company],
      );
    }
    const user = (email: string, role: "staff" | "employee", companyId: number | null, isActive = true) =>
      createUser(app, testDb, { email, role, companyId, isActive });
    const employee: TestUser = await user("a@example.com", "employee", companyA);
    const staff: TestUser = await user("staff@example.com", "staff", null);
    await user("b@example.com", "employee", companyB);
    await user("inactive@example.com", "employee", companyA, false);
    const { rows } = await testDb.database.executeSql<{ id: number }>(
      "insert into users (email, role, company_id) values ('invited@example.com', 'employee', $1) returning id",
      [companyA],
    );
    this.headers = { anonymous: {}, employee: employee.headers, staff: staff.headers };
    const refresh = [];
    for (const subject of [employee, staff]) {
      const pair = await app.services.tokens.issue(app.db, {
        id: subject.id,
        role: subject.role,
        companyId: subject.companyId,
        tokenVersion: 0,
      });
      refresh.push(pair.refresh);
    }
    this.secrets = {
      refresh,
      invitation: [await createInvitation(app.db, rows[0]?.id as number)],
      job: [await app.jobs.enqueue("clear-debt", { ids: [] })],
    };
    this.checksum = await this.takeChecksum();
  }

  /** One md5 per table (and pg-boss's job count): equal before and after means no row changed. */
  async takeChecksum(): Promise<string> {
    const parts = this.tables.map(
      (table) =>
        `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${table} t) as ${table}`,
    );
    parts.push(`(select count(*)::text from ${QUEUE_SCHEMA}.job) as jobs`);
    const { rows } = await this.testDb.database.executeSql(`select ${parts.join(", ")}`);
    return JSON.stringify(rows[0]);
  }

  private fill(text: string): string {
    return text.replace(
      PLACEHOLDER,
      (whole, name: string, index: string) => this.secrets[name]?.[Number(index)] ?? whole,
    );
  }

  async send(request: FuzzRequest, role: Role): Promise<Outcome> {
    const before = this.checksum;
    this.sent++;
    // A fresh address per request: the per-IP limits are not what this test is about.
    const remoteAddress = `10.${(this.sent >> 16) & 255}.${(this.sent >> 8) & 255}.${this.sent & 255}`;
    // Every other request in Russian: each answer must speak the language it is asked for.
    const language = this.sent % 2 === 0 ? "en" : "ru";
    const response = await this.app.inject({
      method: request.method as "GET",
      url: this.fill(request.url),
      headers: { "accept-language": language, ...this.headers[role], ...request.headers },
      remoteAddress,
      ...(request.payload !== undefined && { payload: this.fill(request.payload) }),
    });
    const problems: string[] = [];
    const status = response.statusCode;
    if (status >= 500) problems.push(`answered ${status}`);
    if (status >= 400) {
      const shape = errorShapeProblem(response);
      if (shape) problems.push(`error answer not in the error shape: ${shape}`);
    }
    const spoken = languageProblem(response, language);
    if (spoken) problems.push(spoken);
    const after = await this.takeChecksum();
    if (after !== before) {
      if (status >= 400)
        problems.push(`refused with ${status} but changed rows: ${changedTables(before, after)}`);
      await this.reset();
    }
    return { request, role, status, body: response.body, problems };
  }
}

function changedTables(before: string, after: string): string {
  const old = JSON.parse(before) as Record<string, string>;
  const now = JSON.parse(after) as Record<string, string>;
  return Object.keys(now)
    .filter((table) => old[table] !== now[table])
    .join(", ");
}

/** A seed of its own for each operation and role, derived from the run's, so that their streams differ. */
export function seedFor(seed: number, operation: Operation, role: Role): number {
  let hash = seed | 0;
  for (const character of `${operation.key} ${role}`)
    hash = (Math.imul(hash, 31) + character.charCodeAt(0)) | 0;
  return hash;
}

/** Logins and registrations hash a password (~50 ms each): they get fewer runs. */
export function hashesPasswords(operation: Operation): boolean {
  return Boolean(operation.body?.properties?.password);
}
