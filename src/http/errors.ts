import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Language } from "../config.js";
import type { Database } from "../db/client.js";
import {
  databaseErrorOf,
  isDatabaseTimeout,
  isDatabaseUnavailable,
  type PgError,
  QUERY_READ_TIMEOUT,
} from "../db/errors.js";
import { type Message, type MessageKey, msg, translate } from "../i18n/translate.js";
import { databaseOutageLog } from "./database-outage.js";
import { languageOf } from "./language.js";
import { ErrorResponse, patternMessage } from "./schemas.js";
import { firstProblemOnly } from "./validation.js";

/** The messages of each field to blame, by the field's name as the client sent it. */
export type FieldErrors = Record<string, Message[]>;

/** An error a client caused; the error handler turns it into the design's error shape with its status. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    /** In no language yet: each answer says it in its request's language. */
    readonly text: Message,
    readonly fields: FieldErrors = {},
    readonly headers: Record<string, string> = {},
  ) {
    // English for the logs, which are the operators'.
    super(translate(text, "en"));
  }
}

export const badRequest = (message: Message, fields: FieldErrors = {}) =>
  new HttpError(400, "invalid", message, fields);
export const notFound = (what = msg("request.not_found")) => new HttpError(404, "not_found", what);
export const conflict = (message: Message, fields: FieldErrors = {}) =>
  new HttpError(409, "conflict", message, fields);
export const forbidden = (message = msg("auth.forbidden")) => new HttpError(403, "forbidden", message);
/** What RFC 7235 requires of every 401, and DRF's TokenAuthentication sends: how to authenticate. */
export const WWW_AUTHENTICATE = 'Bearer realm="api"';
export const unauthorized = (message = msg("auth.not_authenticated")) =>
  new HttpError(401, "not_authenticated", message, {}, { "www-authenticate": WWW_AUTHENTICATE });

/** The error shape, in words already: {"error": {"code", "message", "fields"}}. */
export function errorBody(code: string, message: string, fields: Record<string, string[]> = {}) {
  return { error: { code, message, fields } };
}

/** An HttpError as its answer's body says it, in `language`; `code` and the field names never change. */
export function errorBodyIn(error: HttpError, language: Language) {
  // Field names are the client's own keys ("constructor", "__proto__"): an object without a prototype holds them.
  const fields: Record<string, string[]> = Object.create(null);
  for (const [name, messages] of Object.entries(error.fields)) {
    fields[name] = messages.map((message) => translate(message, language));
  }
  return errorBody(error.code, translate(error.text, language), fields);
}

interface ValidationIssue {
  instancePath?: string;
  schemaPath?: string;
  params?: Record<string, unknown>;
  keyword?: string;
}

/** An error names at most this many fields; the message counts the rest. */
export const MAX_NAMED_FIELDS = 20;
/** Our own field names are short; an unknown key is echoed only this far, so that an answer stays small. */
export const MAX_FIELD_NAME = 100;

const TYPE_MESSAGES: Record<string, MessageKey> = {
  integer: "field.integer",
  number: "field.number",
  string: "field.string",
  boolean: "field.boolean",
  array: "field.array",
  object: "field.object",
  null: "field.null",
};

const FORMAT_MESSAGES: Record<string, MessageKey> = {
  email: "field.email",
  "date-time": "field.date_time",
  date: "field.date",
  uuid: "field.uuid",
};

/** Values to send, as code in every language: the API's ids are not translated. */
const valuesList = (values: unknown[]) => values.map((value) => `\`${String(value)}\``).join(", ");

/** One of Ajv's issues in plain words, from its keyword and parameters rather than Ajv's own English. */
function issueMessage({ keyword, params = {} }: ValidationIssue): Message {
  const limit = params.limit as number;
  switch (keyword) {
    case "required":
      return msg("field.required");
    case "additionalProperties":
      return msg("field.unknown");
    case "type":
      return msg(TYPE_MESSAGES[String(params.type)] ?? "field.invalid");
    case "minLength":
      return msg("field.min_length", { count: limit });
    case "maxLength":
      return msg("field.max_length", { count: limit });
    case "minItems":
      return msg("field.min_items", { count: limit });
    case "maxItems":
      return msg("field.max_items", { count: limit });
    case "minimum":
      return msg("field.minimum", { limit });
    case "maximum":
      return msg("field.maximum", { limit });
    case "exclusiveMinimum":
      return msg("field.exclusive_minimum", { limit });
    case "exclusiveMaximum":
      return msg("field.exclusive_maximum", { limit });
    case "uniqueItems":
      return msg("field.unique_items");
    case "enum":
      return msg("field.one_of", { values: valuesList(params.allowedValues as unknown[]) });
    case "const":
      return msg("field.one_of", { values: valuesList([params.allowedValue]) });
    case "format":
      return msg(FORMAT_MESSAGES[String(params.format)] ?? "field.wrong_format");
    case "pattern":
      return msg(patternMessage(String(params.pattern)) ?? "field.wrong_format");
    default:
      return msg("field.invalid");
  }
}

/**
 * A union (TypeBox's anyOf) fails with one issue per branch and one for the whole: the branches' issues say it
 * in one message, "Must be a whole number or null", or "one of: a, b" for a union of literals.
 */
function unionMessage(branches: ValidationIssue[]): Message {
  if (branches.length > 0 && branches.every((issue) => issue.keyword === "const")) {
    return msg("field.one_of", {
      values: valuesList(branches.map((issue) => issue.params?.allowedValue)),
    });
  }
  const isNullType = (issue: ValidationIssue) => issue.keyword === "type" && issue.params?.type === "null";
  if (branches.some(isNullType)) {
    const others = branches.filter((issue) => !isNullType(issue));
    if (others.length === 1 && others[0]?.keyword === "type" && others[0].params?.type === "integer")
      return msg("field.integer_or_null");
    if (others.length === 1 && others[0]) return issueMessage(others[0]);
    return msg("field.type_or_null");
  }
  return branches[0] ? issueMessage(branches[0]) : msg("field.invalid");
}

/** Ajv's issues with each union's branches folded into the union's own issue, which carries their message. */
function foldUnions(issues: ValidationIssue[]): { issue: ValidationIssue; message: Message }[] {
  const unions = issues.filter((issue) => issue.keyword === "anyOf");
  const isBranchOf = (issue: ValidationIssue, union: ValidationIssue) =>
    issue !== union &&
    issue.instancePath === union.instancePath &&
    (issue.schemaPath ?? "").startsWith(`${(union.schemaPath ?? "").replace(/\/anyOf$/, "")}/anyOf/`);
  return issues
    .filter((issue) => !unions.some((union) => isBranchOf(issue, union)))
    .map((issue) =>
      issue.keyword === "anyOf"
        ? { issue, message: unionMessage(issues.filter((branch) => isBranchOf(branch, issue))) }
        : { issue, message: issueMessage(issue) },
    );
}

/** The name of the field one of Ajv's issues is about: "/product_ids/2" → "product_ids.2", an unknown key → its name. */
function fieldNameOf(issue: ValidationIssue, context: string | undefined): string {
  let name = (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
  if (issue.keyword === "additionalProperties") {
    name = [name, String(issue.params?.additionalProperty)].filter(Boolean).join(".");
  } else if (issue.keyword === "required") {
    name = [name, String(issue.params?.missingProperty)].filter(Boolean).join(".");
  }
  if (name.length > MAX_FIELD_NAME) name = `${name.slice(0, MAX_FIELD_NAME)}…`;
  return name || (context === "body" ? "body" : context || "request");
}

/**
 * Names the bad fields of Ajv's report, at most MAX_NAMED_FIELDS of them. Field names are the client's own
 * keys ("constructor", "__proto__"), so they are collected in a Map and land in an object without a prototype.
 */
function validationError(issues: ValidationIssue[], context: string | undefined, firstOnly: boolean) {
  const named = new Map<string, Message[]>();
  let unnamed = 0;
  const folded = foldUnions(issues);
  // A form's own fields first: their problems matter more than the unknown keys sent beside them.
  const unknownKeysLast = [
    ...folded.filter(({ issue }) => issue.keyword !== "additionalProperties"),
    ...folded.filter(({ issue }) => issue.keyword === "additionalProperties"),
  ];
  for (const { issue, message } of unknownKeysLast) {
    const name = fieldNameOf(issue, context);
    const messages = named.get(name);
    // Shortened unknown keys may share a name; one "Unknown field." says it for all of them.
    if (messages) {
      if (!messages.some((known) => sameMessage(known, message))) messages.push(message);
    } else if (named.size < MAX_NAMED_FIELDS) named.set(name, [message]);
    else unnamed++;
  }
  const fields: FieldErrors = Object.create(null);
  for (const [name, messages] of named) fields[name] = messages;
  let message = msg("request.invalid");
  if (firstOnly) message = msg("request.invalid_first_only");
  else if (unnamed > 0) message = msg("request.invalid_more", { named: named.size, more: unnamed });
  return badRequest(message, fields);
}

const sameMessage = (a: Message, b: Message) => translate(a, "en") === translate(b, "en");

/**
 * How the API answers a request that broke one database constraint, naming the fields to blame. Each feature
 * lists its own constraints (its constraints.ts); the app hands them all to the error handler, so that a refusal
 * the service's own checks did not foresee (a concurrent change, a duplicate) gets the same answer everywhere.
 */
export interface ConstraintError {
  /** The constraint's name, as the migrations give it. */
  constraint: string;
  /**
   * For a foreign key: this entry answers a statement that deleted or changed the row the key points at,
   * rather than a row that points.
   */
  referenced?: true;
  status: 400 | 409;
  message: MessageKey;
  /** The request fields to name, each with `fieldMessage` (or `message`). */
  fields?: string[];
  fieldMessage?: MessageKey;
}

/** PostgreSQL's words for a foreign key broken from the referenced side. */
const REFERENCED_VIOLATION = /^update or delete/;

const constraintKey = (constraint: string, referenced: boolean) =>
  referenced ? `${constraint} (referenced)` : constraint;

/** The catalogue as the error handler looks it up: by constraint, and by side for a foreign key. */
function constraintCatalogue(entries: ConstraintError[]): (error: PgError) => HttpError | undefined {
  const answers = new Map<string, ConstraintError>();
  for (const entry of entries) {
    const key = constraintKey(entry.constraint, entry.referenced === true);
    if (answers.has(key)) throw new Error(`Constraint ${key} is listed twice`);
    answers.set(key, entry);
  }
  return (error) => {
    if (!error.constraint) return undefined;
    const entry = answers.get(
      constraintKey(error.constraint, REFERENCED_VIOLATION.test(error.message ?? "")),
    );
    if (!entry) return undefined;
    const fields: FieldErrors = {};
    for (const field of entry.fields ?? []) fields[field] = [msg(entry.fieldMessage ?? entry.message)];
    return new HttpError(
      entry.status,
      entry.status === 409 ? "conflict" : "invalid",
      msg(entry.message),
      fields,
    );
  };
}

/** Postgres errors a client can trigger, and no catalogue entry names, map to 4xx; anything else stays a 500. */
function fromDatabaseError(error: PgError): HttpError | undefined {
  switch (error.code) {
    case "23505":
      return conflict(msg("database.duplicate"), {
        [error.constraint ?? "unique"]: [msg("field.already_exists")],
      });
    case "23503":
    case "23001":
      return conflict(msg("database.referenced"));
    case "23514":
      return badRequest(msg("database.check_violation"), {
        [error.constraint ?? "check"]: [msg("field.breaks_rule")],
      });
    case "22003":
      return badRequest(msg("database.number_out_of_range"));
    case "22P02":
      return badRequest(msg("database.wrong_format"));
    default:
      return undefined;
  }
}

const CLOSE = { connection: "close" };
/** A database restart or failover takes seconds; a client that waits this long before retrying is not early. */
const RETRY_AFTER = { "retry-after": "5" };

/** The database could not be reached, or did not answer in time: the request may well succeed again later. */
function fromDatabaseOutage(error: unknown): HttpError | undefined {
  if (isDatabaseUnavailable(error)) {
    return new HttpError(503, "database_unavailable", msg("database.unavailable"), {}, RETRY_AFTER);
  }
  if (isDatabaseTimeout(error)) {
    return new HttpError(504, "database_timeout", msg("database.timeout"));
  }
  return undefined;
}

/** A 404 names the path it did not find, but not all of a 16 KB one. */
const MAX_ECHOED_PATH = 200;

/** The honest code and words of each status Fastify or Node may give a client error, for answers no code of ours made. */
const CLIENT_ERRORS = new Map<number, [string, MessageKey]>([
  [400, ["invalid", "request.malformed"]],
  [403, ["forbidden", "auth.forbidden"]],
  [404, ["not_found", "request.not_found"]],
  [405, ["method_not_allowed", "request.method_not_allowed"]],
  [406, ["not_acceptable", "request.not_acceptable"]],
  [408, ["request_timeout", "request.too_slow"]],
  [413, ["payload_too_large", "request.body_too_large"]],
  [414, ["uri_too_long", "request.uri_too_long"]],
  [415, ["unsupported_media_type", "request.unsupported_media_type"]],
  [429, ["throttled", "throttle.address"]],
  [431, ["headers_too_large", "request.headers_too_large"]],
]);

/**
 * Fastify's own client errors that say more than their status: a body that is not JSON is a parse error, as
 * DRF says it, not an invalid value. Fastify's JSON parser gives FST_ERR_CTP_INVALID_JSON_BODY for bad syntax
 * and for "__proto__" or "constructor.prototype" keys.
 */
const FASTIFY_CLIENT_ERRORS = new Map<string, [string, MessageKey]>([
  ["FST_ERR_CTP_INVALID_JSON_BODY", ["parse_error", "request.parse_error"]],
  ["FST_ERR_CTP_EMPTY_JSON_BODY", ["parse_error", "request.empty_json_body"]],
  ["FST_ERR_CTP_INVALID_CONTENT_LENGTH", ["invalid", "request.bad_content_length"]],
]);

function toHttpError(
  error: FastifyError & { validationContext?: string },
  fromConstraint: (error: PgError) => HttpError | undefined,
): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error.validation) {
    return validationError(error.validation, error.validationContext, firstProblemOnly.has(error.validation));
  }
  const pgError = databaseErrorOf(error);
  const fromDb = fromConstraint(pgError) ?? fromDatabaseError(pgError) ?? fromDatabaseOutage(error);
  if (fromDb) return fromDb;
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    if (status === 401) return unauthorized();
    const [code, message] = FASTIFY_CLIENT_ERRORS.get(error.code) ??
      CLIENT_ERRORS.get(status) ?? ["invalid", "request.malformed"];
    return new HttpError(status, code, msg(message));
  }
  return undefined;
}

/** Without it, Fastify would spell every one of Ajv's issues into one message that nobody reads. */
export function schemaErrorFormatter() {
  return new Error("The request is invalid.");
}

/**
 * Fastify answers a malformed URL encoding and an over-long path segment before routing, so before the error
 * handler, and by default echoes the path back; these answers carry the error shape and never the path.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // Before routing, the request is not yet decorated with its language.
  const language = languageOf(request.headers, request.server.config.defaultLanguage);
  const answer = (status: number, code: string, key: MessageKey) =>
    reply
      .status(status)
      .header("content-language", language)
      .send(errorBody(code, translate(msg(key), language)));
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") return answer(414, "uri_too_long", "request.uri_too_long");
  if (error.code === "FST_ERR_BAD_URL") return answer(400, "invalid", "request.bad_url_encoding");
  reply.log.error({ err: error }, "framework error");
  return answer(500, "server_error", "server.error");
}

/** What Node's parser refuses before any request exists: a timeout, headers too large, anything unparsable. */
function clientErrorAnswer(error: NodeJS.ErrnoException): [number, string, MessageKey] {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return [408, "request_timeout", "request.too_slow"];
  if (error.code === "HPE_HEADER_OVERFLOW") return [431, "headers_too_large", "request.headers_too_large"];
  return [400, "bad_request", "request.unparsable"];
}

/**
 * Fastify's clientErrorHandler: the same answer Fastify would write on the raw socket, in the error shape.
 * There are no headers to read a language from, so it is the default one.
 */
export const clientErrorHandler = (language: Language) => (error: NodeJS.ErrnoException, socket: Duplex) => {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  if (socket.writable) {
    const [status, code, key] = clientErrorAnswer(error);
    const body = JSON.stringify(errorBody(code, translate(msg(key), language)));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Language: ${language}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
};

/**
 * Answers 503 for a request still unanswered after `ms`, whatever stage it is in. Fastify's handlerTimeout
 * would do it, but it stops its timer when the request's body has been read (the request stream's "close"),
 * so a PATCH waiting on the database was never timed out.
 */
function answerAfter(ms: number, reply: FastifyReply) {
  const timer = setTimeout(() => {
    if (reply.sent || reply.raw.headersSent) return;
    // The handler may still be waiting. Fastify sends no second reply when it ends, but logs the attempt, or
    // its late error, with a stack: no news, since the client has its answer, and a line per request. The
    // 503's own "request completed" line is written before.
    reply.raw.once("finish", () => {
      reply.log = reply.log.child({}, { level: "silent" });
    });
    reply.send(new HttpError(503, "timeout", msg("server.answer_too_slow"), {}, RETRY_AFTER));
  }, ms);
  reply.raw.once("close", () => clearTimeout(timer));
}

/** What the log says of a known error: outages once (see databaseOutageLog), a database timeout one line. */
function logKnown(
  outage: ReturnType<typeof databaseOutageLog>,
  known: HttpError,
  error: FastifyError,
  request: FastifyRequest,
) {
  if (known.code === "database_unavailable") outage.lost(error);
  else if (known.code === "database_timeout") {
    const { code, message } = databaseErrorOf(error);
    // pg's own timeout means the server did not answer at all: an outage, not a slow statement.
    if (message === QUERY_READ_TIMEOUT) outage.lost(error);
    else request.log.warn({ code, reason: message }, "database timeout");
  }
}

export interface ErrorHandlerOptions {
  database: Database;
  /** Every feature's constraints, answered with the fields they name. */
  constraints: ConstraintError[];
}

/**
 * Every error answer of the app, in one shape: the error handler, the 404 handler, the deadline and the
 * answers while closing. Registered first, so that its deadline hook runs before any other.
 */
async function errorHandler(app: FastifyInstance, { database, constraints }: ErrorHandlerOptions) {
  // Here, beside the answers it describes, so that any route's schema may refer to it.
  app.addSchema(ErrorResponse);
  const fromConstraint = constraintCatalogue(constraints);
  const outage = databaseOutageLog(database, app.log);
  app.addHook("onClose", async () => outage.stop());
  // The first hook of all, so that the deadline covers the other hooks (authentication reads the database).
  const requestTimeout = app.config.requestTimeoutMs;
  if (requestTimeout > 0)
    app.addHook("onRequest", async (_request, reply) => answerAfter(requestTimeout, reply));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toHttpError(error, fromConstraint);
    if (!known) {
      request.log.error({ err: error }, "unhandled error");
      return reply
        .status(500)
        .send(errorBody("server_error", translate(msg("server.error"), request.language)));
    }
    logKnown(outage, known, error, request);
    reply.headers(known.headers);
    return reply.status(known.statusCode).send(errorBodyIn(known, request.language));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const shown = path.length > MAX_ECHOED_PATH ? `${path.slice(0, MAX_ECHOED_PATH)}…` : path;
    const message = msg("request.no_route", { method: request.method, path: shown });
    return reply.status(404).send(errorBody("not_found", translate(message, request.language)));
  });
  // Fastify's own 503 for requests that arrive while it closes is not in our shape (see return503OnClosing).
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (request) => {
    if (closing) {
      throw new HttpError(503, "unavailable", msg("server.shutting_down"), {}, CLOSE);
    }
    // Node itself would answer this with an empty body (see requireHostHeader in src/app.ts).
    if (request.raw.httpVersion === "1.1" && request.headers.host === undefined) {
      throw badRequest(msg("request.host_required"));
    }
  });
  app.server.on("checkExpectation", (request: IncomingMessage, response: ServerResponse) => {
    const language = languageOf(request.headers, app.config.defaultLanguage);
    const message = translate(msg("request.expectation_failed"), language);
    const body = JSON.stringify(errorBody("expectation_failed", message));
    response.writeHead(417, {
      "content-language": language,
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      connection: "close",
    });
    response.end(body);
  });
}

export const errorHandlerPlugin = fp(errorHandler, {
  name: "supplynet-error-handler",
  decorators: { fastify: ["config"] },
  dependencies: ["supplynet-language"],
});
