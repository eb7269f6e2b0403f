import type { FastifyError, FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { databaseErrorOf, type PgError } from "../db/errors.js";

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

/** Names every bad field from Ajv's report: "/product_ids/2" → "product_ids.2", additional property → its name. */
function validationFields(issues: ValidationIssue[], context: string | undefined): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    let name = (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
    let message = issue.message ?? "is invalid";
    if (issue.keyword === "additionalProperties") {
      name = [name, String(issue.params?.additionalProperty)].filter(Boolean).join(".");
      message = "Unknown field.";
    } else if (issue.keyword === "required") {
      name = [name, String(issue.params?.missingProperty)].filter(Boolean).join(".");
      message = "This field is required.";
    }
    const key = name || (context === "body" ? "body" : context || "request");
    fields[key] = [...(fields[key] ?? []), message];
  }
  return fields;
}

/** Postgres errors a client can trigger map to 4xx; anything else stays a logged 500. */
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

function toHttpError(error: FastifyError & { validationContext?: string }): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error.validation) {
    return badRequest("The request is invalid.", validationFields(error.validation, error.validationContext));
  }
  const fromDb = fromDatabaseError(databaseErrorOf(error));
  if (fromDb) return fromDb;
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = status === 429 ? "throttled" : status === 413 ? "payload_too_large" : "invalid";
    return new HttpError(status, code, error.message);
  }
  return undefined;
}

export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toHttpError(error);
    if (!known) {
      request.log.error({ err: error }, "unhandled error");
      return reply.status(500).send(errorBody("server_error", "Something went wrong on our side."));
    }
    reply.headers(known.headers);
    return reply.status(known.statusCode).send(errorBody(known.code, known.message, known.fields));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody("not_found", `No route for ${request.method} ${request.url.split("?")[0]}.`)),
  );
});
