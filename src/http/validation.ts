import { Ajv, type ErrorObject, type Options, type SchemaObject, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";

/**
 * Inputs with more entries than this (object keys plus array items, at every depth) are checked only up to
 * their first problem. Ajv with allErrors spends CPU and memory on every bad entry, so a 1 MB body of 90,000
 * unknown keys would cost a third of a second; stopping at the first costs what parsing did.
 */
export const WIDE_INPUT_ENTRIES = 1000;

/** The error lists of inputs that were checked only up to their first problem; the error handler says so. */
export const firstProblemOnly = new WeakSet<object>();

/** Counts entries depth-first and stops as soon as there are more than `limit`: O(limit), however big the input. */
export function hasMoreEntriesThan(value: unknown, limit: number): boolean {
  let left = limit;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== "object" || item === null) continue;
    if (Array.isArray(item)) {
      left -= item.length;
      if (left < 0) return true;
      for (const child of item) if (typeof child === "object" && child !== null) pending.push(child);
      continue;
    }
    for (const key in item) {
      if (--left < 0) return true;
      const child = (item as Record<string, unknown>)[key];
      if (typeof child === "object" && child !== null) pending.push(child);
    }
  }
  return false;
}

type Part = "body" | "url";

/**
 * JSON bodies are taken as typed: `"false"`, `0` and `["a"]` are not booleans or strings. Query strings and
 * path parameters are text by nature, so they are coerced, and a scalar may come as a one-item list.
 */
const partOptions: Record<Part, Options> = {
  body: { coerceTypes: false },
  url: { coerceTypes: "array" },
};

function makeAjv(part: Part, allErrors: boolean): Ajv {
  const ajv = new Ajv({
    ...partOptions[part],
    allErrors,
    removeAdditional: false,
    useDefaults: true,
    addUsedSchema: false,
  });
  // ajv-formats is CommonJS: its plugin is the module's `default` seen from TypeScript.
  ajvFormats.default(ajv);
  return ajv;
}

/** Ajv reads "1e2" as 100, "0x2" as 2 and " 7" as 7; an integer in a URL is written in decimal digits. */
const DECIMAL_INTEGER = /^-?\d+$/;

function isIntegerSchema(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && (schema as SchemaObject).type === "integer";
}

/** The top-level properties of a URL part's schema that hold integers (or lists of them). */
function integerProperties(schema: SchemaObject): string[] {
  const properties = (schema.properties ?? {}) as Record<string, SchemaObject>;
  return Object.keys(properties).filter((name) => {
    const property = properties[name];
    return isIntegerSchema(property) || (property?.type === "array" && isIntegerSchema(property.items));
  });
}

function notDecimal(data: unknown, names: string[]): ErrorObject[] {
  if (typeof data !== "object" || data === null) return [];
  const values = data as Record<string, unknown>;
  return names
    .filter((name) => [values[name]].flat().some((v) => typeof v === "string" && !DECIMAL_INTEGER.test(v)))
    .map((name) => ({
      instancePath: `/${name}`,
      schemaPath: `#/properties/${name}/type`,
      keyword: "type",
      params: { type: "integer" },
      message: "must be integer",
    }));
}

type Validate = ((data: unknown, context?: object) => boolean) & {
  errors?: ErrorObject[] | null;
  schemaEnv?: unknown;
};

/**
 * Fastify's validator compiler with one Ajv per kind of input (bodies strict, URL parts coerced), each in two
 * modes: every problem named for ordinary inputs, the first problem only for inputs wider than
 * WIDE_INPUT_ENTRIES. The stop-at-first validator is compiled the first time a wide input arrives.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<SchemaObject> {
  const instances = new Map<string, Ajv>();
  const ajvFor = (part: Part, allErrors: boolean) => {
    const key = `${part}:${allErrors}`;
    let ajv = instances.get(key);
    if (!ajv) {
      ajv = makeAjv(part, allErrors);
      instances.set(key, ajv);
    }
    return ajv;
  };

  return ({ schema, httpPart }) => {
    const part: Part = httpPart === "body" ? "body" : "url";
    const thorough = ajvFor(part, true).compile(schema);
    let quick: ValidateFunction | undefined;
    const quickValidator = () => {
      quick ??= ajvFor(part, false).compile(schema);
      return quick;
    };
    const integers = part === "url" ? integerProperties(schema) : [];

    const validate: Validate = (data, context) => {
      const malformed = notDecimal(data, integers);
      const validator = hasMoreEntriesThan(data, WIDE_INPUT_ENTRIES) ? quickValidator() : thorough;
      const valid = validator(data, context as never) && malformed.length === 0;
      const paths = new Set(malformed.map((issue) => issue.instancePath));
      const others = (validator.errors ?? []).filter((issue) => !paths.has(issue.instancePath));
      validate.errors = valid ? null : [...malformed, ...others];
      if (validator !== thorough && validate.errors) firstProblemOnly.add(validate.errors);
      return valid;
    };
    // Fastify passes the request as the parent only to a function that looks like Ajv's, and Ajv needs the
    // parent to coerce a whole part (a query string given where the schema wants an object, say).
    validate.schemaEnv = thorough.schemaEnv;
    return validate;
  };
}
