import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Database } from "../db/client.js";
import {
  databaseErrorOf,
  isDatabaseTimeout,
  isDatabaseUnavailable,
  type PgError,
  QUERY_READ_TIMEOUT,
} from "../db/errors.js";
import { databaseOutageLog } from "./database-outage.js";
import { ErrorResponse } from "./schemas.js";
import { firstProblemOnly } from "./validation.js";

export type FieldErrors = Record<string, string[]>;

/** An error a client caused; the error handler turns it into the design's error shape with its status. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields: FieldErrors = {}) =>
  new HttpError(400, "invalid", message, fields);
export const notFound = (what = "Not found.") => new HttpError(404, "not_found", what);
export const conflict = (message: string, fields: FieldErrors = {}) =>
  new HttpError(409, "conflict", message, fields);
export const forbidden = (message = "You do not have permission to do this.") =>
  new HttpError(403, "forbidden", message);
export const unauthorized = (message = "Authentication credentials were not provided or are invalid.") =>
  new HttpError(401, "not_authenticated", message);

export function errorBody(code: string, message: string, fields: FieldErrors = {}) {
  return { error: { code, message, fields } };
}

interface ValidationIssue {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
  keyword?: string;
}

/** An error names at most this many fields; the message counts the rest. */
export const MAX_NAMED_FIELDS = 20;
/** Our own field names are short; an unknown key is echoed only this far, so that an answer stays small. */
export const MAX_FIELD_NAME = 100;

/** The name of the field one of Ajv's issues is about: "/product_ids/2" → "product_ids.2", an unknown key → its name. */
function fieldOf(issue: ValidationIssue, context: string | undefined): { name: string; message: string } {
  let name = (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
  let message = issue.message ?? "is invalid";
  if (issue.keyword === "additionalProperties") {
    name = [name, String(issue.params?.additionalProperty)].filter(Boolean).join(".");
    message = "Unknown field.";
  } else if (issue.keyword === "required") {
    name = [name, String(issue.params?.missingProperty)].filter(Boolean).join(".");
    message = "This field is required.";
  }
  if (name.length > MAX_FIELD_NAME) name = `${name.slice(0, MAX_FIELD_NAME)}…`;
  return { name: name || (context === "body" ? "body" : context || "request"), message };
}

/**
 * Names the bad fields of Ajv's report, at most MAX_NAMED_FIELDS of them. Field names are the client's own
 * keys ("constructor", "__proto__"), so they are collected in a Map and land in an object without a prototype.
 */
function validationError(issues: ValidationIssue[], context: string | undefined, firstOnly: boolean) {
  const named = new Map<string, string[]>();
  let unnamed = 0;
  // A form's own fields first: their problems matter more than the unknown keys sent beside them.
  const unknownKeysLast = [
    ...issues.filter((issue) => issue.keyword !== "additionalProperties"),
    ...issues.filter((issue) => issue.keyword === "additionalProperties"),
  ];
  for (const issue of unknownKeysLast) {
    const { name, message } = fieldOf(issue, context);
    const messages = named.get(name);
    // Shortened unknown keys may share a name; one "Unknown field." says it for all of them.
    if (messages) {
      if (!messages.includes(message)) messages.push(message);
    } else if (named.size < MAX_NAMED_FIELDS) named.set(name, [message]);
    else unnamed++;
  }
  const fields: FieldErrors = Object.create(null);
  for (const [name, messages] of named) fields[name] = messages;
  let message = "The request is invalid.";
  if (firstOnly) message = "The request is invalid. It is large, so only its first problem is named.";
  else if (unnamed > 0)
    message = `The request is invalid; ${named.size} fields are named, and ${unnamed} more problems.`;
  return badRequest(message, fields);
}

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
  message: string;
  /** The request fields to name, each with `fieldMessage` (or `message`). */
  fields?: string[];
  fieldMessage?: string;
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
    for (const field of entry.fields ?? []) fields[field] = [entry.fieldMessage ?? entry.message];
    return new HttpError(entry.status, entry.status === 409 ? "conflict" : "invalid", entry.message, fields);
  };
}

/** Postgres errors a client can trigger, and no catalogue entry names, map to 4xx; anything else stays a 500. */
function fromDatabaseError(error: PgError): HttpError | undefined {
  switch (error.code) {
    case "23505":
      return conflict("An object with these values already exists.", {
        [error.constraint ?? "unique"]: [error.detail ?? "Already exists."],
      });
    case "23503":
    case "23001":
      return conflict(error.detail ?? "This object is referenced by others.");
    case "23514":
      return badRequest("The values break a rule of the data model.", {
        [error.constraint ?? "check"]: [error.detail ?? "Violates a check constraint."],
      });
    case "22003":
      return badRequest("A number is out of range.");
    case "22P02":
      return badRequest("A value has the wrong format.");
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
    return new HttpError(
      503,
      "database_unavailable",
      "The database is unavailable; try again shortly.",
      {},
      RETRY_AFTER,
    );
  }
  if (isDatabaseTimeout(error)) {
    return new HttpError(504, "database_timeout", "The database did not answer in time; try again.");
  }
  return undefined;
}

/** A 404 names the path it did not find, but not all of a 16 KB one. */
const MAX_ECHOED_PATH = 200;

/** The honest code of each status Fastify or Node may give a client error, for answers no code of ours made. */
const CLIENT_ERROR_CODES = new Map<number, string>([
  [400, "invalid"],
  [401, "not_authenticated"],
  [403, "forbidden"],
  [404, "not_found"],
  [405, "method_not_allowed"],
  [406, "not_acceptable"],
  [408, "request_timeout"],
  [413, "payload_too_large"],
  [414, "uri_too_long"],
  [415, "unsupported_media_type"],
  [429, "throttled"],
  [431, "headers_too_large"],
]);

/** A body that is not JSON, as DRF says it: a parse error, not an invalid value. */
const PARSE_ERRORS = new Set(["FST_ERR_CTP_INVALID_JSON_BODY", "FST_ERR_CTP_EMPTY_JSON_BODY"]);

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
    // Fastify's JSON parser gives this one error for bad syntax and for "__proto__" or "constructor.prototype" keys.
    const code = PARSE_ERRORS.has(error.code) ? "parse_error" : CLIENT_ERROR_CODES.get(status);
    return new HttpError(status, code ?? "invalid", error.message);
  }
  return undefined;
}

/** Without it, Fastify would spell every one of Ajv's issues into one message that nobody reads. */
export function schemaErrorFormatter(_errors: unknown, part: string) {
  return new Error(`The ${part} is invalid.`);
}

/**
 * Fastify answers a malformed URL encoding and an over-long path segment before routing, so before the error
 * handler, and by default echoes the path back; these answers carry the error shape and never the path.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    return reply.status(414).send(errorBody("uri_too_long", "A part of the URL is too long."));
  }
  if (error.code === "FST_ERR_BAD_URL") {
    return reply.status(400).send(errorBody("invalid", "The URL is not validly percent-encoded."));
  }
  reply.log.error({ err: error }, "framework error");
  return reply.status(500).send(errorBody("server_error", "Something went wrong on our side."));
}

/** What Node's parser refuses before any request exists: a timeout, headers too large, anything unparsable. */
function clientErrorAnswer(error: NodeJS.ErrnoException): [number, string, string] {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return [408, "request_timeout", "The request took too long."];
  if (error.code === "HPE_HEADER_OVERFLOW")
    return [431, "headers_too_large", "The request line and headers are too large."];
  return [400, "bad_request", "The request could not be parsed as HTTP."];
}

/** Fastify's clientErrorHandler: the same answer Fastify would write on the raw socket, in the error shape. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  if (socket.writable) {
    const [status, code, message] = clientErrorAnswer(error);
    const body = JSON.stringify(errorBody(code, message));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

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
    reply.send(
      new HttpError(503, "timeout", "The request took too long to answer; try again.", {}, RETRY_AFTER),
    );
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
      return reply.status(500).send(errorBody("server_error", "Something went wrong on our side."));
    }
    logKnown(outage, known, error, request);
    reply.headers(known.headers);
    return reply.status(known.statusCode).send(errorBody(known.code, known.message, known.fields));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const shown = path.length > MAX_ECHOED_PATH ? `${path.slice(0, MAX_ECHOED_PATH)}…` : path;
    return reply.status(404).send(errorBody("not_found", `No route for ${request.method} ${shown}.`));
  });
  // Fastify's own 503 for requests that arrive while it closes is not in our shape (see return503OnClosing).
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (request) => {
    if (closing) {
      throw new HttpError(503, "unavailable", "This server is shutting down; try again.", {}, CLOSE);
    }
    // Node itself would answer this with an empty body (see requireHostHeader in src/app.ts).
    if (request.raw.httpVersion === "1.1" && request.headers.host === undefined) {
      throw badRequest("An HTTP/1.1 request needs a Host header.");
    }
  });
  app.server.on("checkExpectation", (_request: IncomingMessage, response: ServerResponse) => {
    const body = JSON.stringify(errorBody("expectation_failed", "Only Expect: 100-continue is supported."));
    response.writeHead(417, {
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
});
