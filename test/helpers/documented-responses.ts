import { Ajv, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";
import type { App } from "../../src/app.js";

// ajv-formats is CommonJS: under NodeNext the plugin is the module's `default`.
const addFormats = ajvFormats.default;

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

/** The OpenAPI spelling of a Fastify route: `/companies/:id` is `/companies/{id}`. */
export const openApiPath = (url: string) => url.replace(/:(\w+)/g, "{$1}");

const COMPONENT_REF = "#/components/schemas/";

/** The schema with every `$ref` to a component replaced by the component (ours are not recursive). */
function inlineRefs(schema: unknown, components: Record<string, unknown>): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlineRefs(item, components));
  if (typeof schema !== "object" || schema === null) return schema;
  const { $ref, ...rest } = schema as { $ref?: string };
  if ($ref !== undefined) {
    const component = $ref.startsWith(COMPONENT_REF)
      ? components[$ref.slice(COMPONENT_REF.length)]
      : undefined;
    if (!component) throw new Error(`unresolvable $ref ${$ref}`);
    return inlineRefs({ ...(component as object), ...rest }, components);
  }
  return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, inlineRefs(value, components)]));
}

export interface DocumentedResponses {
  /** The statuses the document lists for a route. */
  statuses(method: string, url: string): number[];
  /** What is wrong with an answer (an undocumented status, a body off its schema); empty when nothing is. */
  problems(method: string, url: string, response: { statusCode: number; body: string }): string[];
}

/**
 * Checks answers against the response schemas the app publishes in /openapi.json, with a strict validator:
 * every format and pattern, additionalProperties as declared. Fastify's serializer checks far less (a pattern
 * inside a union is what let a negative total through it as a 500), so only this says a body keeps the contract.
 */
export function documentedResponses(app: App): DocumentedResponses {
  const document = app.swagger() as unknown as OpenApiDocument;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  // OpenAPI 3.0's own annotation; `nullable` Ajv knows already.
  ajv.addKeyword("example");
  const validators = new Map<string, ValidateFunction>();

  const operation = (method: string, url: string) => {
    const found = document.paths[openApiPath(url)]?.[method.toLowerCase()];
    if (!found) throw new Error(`${method} ${url} is not in the OpenAPI document`);
    return found;
  };

  return {
    statuses: (method, url) => Object.keys(operation(method, url).responses).map(Number),
    problems(method, url, response) {
      const responses = operation(method, url).responses;
      const status = String(response.statusCode);
      const content = responses[status]?.content;
      if (content?.["text/csv"]) {
        // A CSV's contract is its format: the BOM, then a header line.
        return response.body.startsWith("\uFEFF") && response.body.includes("\n")
          ? []
          : [`${method} ${url} ${status}: not a CSV with a BOM: ${response.body.slice(0, 200)}`];
      }
      const schema = content?.["application/json"]?.schema;
      if (!schema) return [`${method} ${url}: status ${status} is not documented (body ${response.body})`];
      const key = `${method} ${url} ${status}`;
      let validate = validators.get(key);
      if (!validate) {
        validate = ajv.compile(inlineRefs(schema, document.components?.schemas ?? {}) as object);
        validators.set(key, validate);
      }
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        return [`${key}: the body is not JSON: ${response.body.slice(0, 200)}`];
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        (error) =>
          `${key}: ${error.instancePath || "(body)"} ${error.message} (${JSON.stringify(error.params)})`,
      );
    },
  };
}
