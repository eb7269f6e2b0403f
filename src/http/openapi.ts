import { STATUS_CODES } from "node:http";
import type { FastifySchema } from "fastify";
import { WWW_AUTHENTICATE } from "./errors.js";

/**
 * The OpenAPI document as DRF users know it from drf-spectacular: operationIds, components for the shared
 * answers, a `type` on every enum. @fastify/swagger builds the document from the route schemas; these are its
 * `transform` (per route) and `transformObject` (the whole document), so that no route repeats any of it.
 */

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string }[];
  responses?: Record<
    string,
    { description?: string; headers?: Json; content?: Record<string, { schema?: Json }> }
  >;
  security?: unknown[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

/**
 * Per route: the admin's pages are no part of the API, and a route without the bearer security the auth plugin
 * gives every non-public /api route is public, which OpenAPI says as `security: []`.
 */
export function documentRoute({ schema, url }: { schema?: FastifySchema; url: string }) {
  if (url === "/admin" || url.startsWith("/admin/")) return { schema: { ...schema, hide: true }, url };
  return { schema: { ...schema, security: schema?.security ?? [] }, url };
}

/** What drf-spectacular calls each method's action; a GET of a page is a `list`. */
const ACTIONS: Record<string, string> = {
  get: "retrieve",
  post: "create",
  put: "update",
  patch: "partial_update",
  delete: "destroy",
};

/** The path's literal segments below the version, as identifiers: /api/v1/companies/{id}/get_qr → companies, get_qr. */
function pathTokens(path: string): string[] {
  return path
    .replace(/^\/api\/v\d+(?=\/|$)/, "")
    .split("/")
    .filter((segment) => segment !== "" && !segment.startsWith("{"))
    .map((segment) => segment.replace(/\W+/g, "_"));
}

const jsonSchemaOf = (operation: Operation, status: string) =>
  operation.responses?.[status]?.content?.["application/json"]?.schema;

/** DRF's page: {count, next, previous, results: [...]}. */
function isPage(schema: Json | undefined): schema is Json & { properties: { results: { items: Json } } } {
  const results = (schema?.properties as Json | undefined)?.results;
  return isObject(results) && results.type === "array" && isObject(results.items);
}

function actionOf(method: string, operation: Operation): string {
  const answer = jsonSchemaOf(operation, "200");
  if (method === "get" && (isPage(answer) || answer?.type === "array")) return "list";
  return ACTIONS[method] ?? method;
}

/**
 * drf-spectacular's operationId: the path's literal segments, then the action (`companies_list`,
 * `companies_partial_update`, `companies_clear_debt_create`, `auth_token_create`). It changes only when the
 * URL or the method does, and two operations that would share one stop the document from being built.
 */
function addOperationIds(document: OpenApiDocument) {
  const owners = new Map<string, string>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const tokens = pathTokens(path);
      const id = [...(tokens.length > 0 ? tokens : ["root"]), actionOf(method, operation)].join("_");
      const owner = owners.get(id);
      if (owner) throw new Error(`operationId ${id} of ${method.toUpperCase()} ${path} is also ${owner}'s`);
      owners.set(id, `${method.toUpperCase()} ${path}`);
      operation.operationId = id;
    }
  }
}

/** What a success answer is, where its schema says nothing: "Default Response" is @fastify/swagger's filler. */
const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  list: "One page of the list, with the links to the next and previous pages",
  create: "Created",
  retrieve: "Found",
  update: "Updated",
  partial_update: "Updated",
  destroy: "Deleted",
};

function describeAnswers(document: OpenApiDocument) {
  for (const operations of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (
          status.startsWith("2") &&
          (!response.description || response.description === "Default Response")
        ) {
          const action = actionOf(method, operation);
          response.description =
            (status === "200" || status === "201" ? SUCCESS_DESCRIPTIONS[action] : undefined) ??
            STATUS_CODES[Number(status)] ??
            "Success";
        }
        // Every 401 tells how to authenticate (see unauthorized() in errors.ts).
        if (status === "401") {
          response.headers = {
            "WWW-Authenticate": {
              description: "How to authenticate",
              schema: { type: "string", example: WWW_AUTHENTICATE },
            },
          };
        }
      }
    }
  }
}

/** The JSON type all of an enum's values share, if they share one (null is not a type in OpenAPI 3.0). */
function enumType(values: unknown[]): string | undefined {
  const types = new Set(values.map((value) => (Number.isInteger(value) ? "integer" : typeof value)));
  if (types.size === 2 && types.has("integer") && types.has("number")) return "number";
  const [type] = types;
  return types.size === 1 && type && ["string", "integer", "number", "boolean"].includes(type)
    ? type
    : undefined;
}

/** `{type: "string", enum: ["a"]}` and nothing else: TypeBox's Literal as @fastify/swagger writes it. */
const isStringLiteral = (member: unknown): member is { enum: [unknown] } =>
  isObject(member) &&
  member.type === "string" &&
  Array.isArray(member.enum) &&
  member.enum.length === 1 &&
  Object.keys(member).length === 2;

/**
 * Every enum gets its `type`: TypeBox's Enum gives none, and its Union of Literals is an anyOf of one-value
 * enums, which code generators turn into a type per value; as one string enum it is what DRF's ChoiceField shows.
 */
function typeEnums(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) typeEnums(item);
    return;
  }
  if (!isObject(node)) return;
  if (Array.isArray(node.anyOf) && node.anyOf.length > 0 && node.anyOf.every(isStringLiteral)) {
    node.enum = node.anyOf.map((member) => (member as { enum: [unknown] }).enum[0]);
    node.type = "string";
    delete node.anyOf;
  }
  if (Array.isArray(node.enum) && node.type === undefined) {
    const type = enumType(node.enum);
    if (type) node.type = type;
  }
  for (const value of Object.values(node)) typeEnums(value);
}

const singular = (word: string) =>
  word.endsWith("ies") ? `${word.slice(0, -3)}y` : word.endsWith("s") ? word.slice(0, -1) : word;
const pascal = (words: string[]) =>
  words
    .flatMap((word) => word.split("_"))
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/** A schema's identity for sharing: its JSON with sorted keys, without its own top-level description. */
function shapeOf(schema: Json): string {
  const { description: _description, ...rest } = schema;
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : isObject(value)
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sorted(value[key])]),
          )
        : value;
  return JSON.stringify(sorted(rest));
}

/**
 * The answers many operations share become components, named as drf-spectacular names them: each resource's
 * view after its detail route (`Company` of /companies/{id}), and each page `Paginated<Item>List`. Every answer,
 * or part of one, of the same shape then refers to the component. Request bodies stay inline: each is its
 * operation's own.
 */
function shareAnswers(document: OpenApiDocument) {
  const names = new Map<string, string>();
  const name = (schema: Json, wanted: string): string | undefined => {
    const shape = shapeOf(schema);
    const known = names.get(shape);
    if (known) return known;
    if (wanted in document.components.schemas) return undefined;
    names.set(shape, wanted);
    document.components.schemas[wanted] = schema;
    return wanted;
  };
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
  for (const { path, method, operation } of operations) {
    const view = jsonSchemaOf(operation, "200");
    if (method === "get" && /\/\{\w+\}$/.test(path) && view?.type === "object")
      name(view, pascal(pathTokens(path).map(singular)));
  }
  for (const { path, method, operation } of operations) {
    const page = jsonSchemaOf(operation, "200");
    if (actionOf(method, operation) !== "list" || !isPage(page)) continue;
    const item = name(page.properties.results.items, pascal(pathTokens(path).map(singular)));
    if (item) name(page, `Paginated${item}List`);
  }
  const refer = (node: unknown, root: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => refer(item, false));
    if (!isObject(node)) return node;
    const shared = root ? undefined : names.get(shapeOf(node));
    if (shared) return { $ref: `#/components/schemas/${shared}` };
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, refer(value, false)]));
  };
  for (const component of new Set(names.values()))
    document.components.schemas[component] = refer(document.components.schemas[component], true) as Json;
  for (const { operation } of operations) {
    for (const response of Object.values(operation.responses ?? {})) {
      for (const media of Object.values(response.content ?? {}))
        if (media.schema) media.schema = refer(media.schema, false) as Json;
    }
  }
}

/** The whole document, once built: see the functions above. */
export function finishDocument(built: OpenApiDocument): OpenApiDocument {
  // A copy that shares no object: @fastify/swagger gives the methods of one route (get_qr's GET and POST) the
  // same operation object, and builds from the route schemas' own objects in places.
  const document: OpenApiDocument = JSON.parse(JSON.stringify(built));
  typeEnums(document);
  addOperationIds(document);
  describeAnswers(document);
  shareAnswers(document);
  return document;
}
