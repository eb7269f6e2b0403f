import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { errorResponses } from "./schemas.js";

const ApiRootResponse = Type.Record(Type.String(), Type.String({ format: "uri" }), {
  description: "Each resource's name and its list's address",
  examples: [{ companies: "https://supplynet.example/api/v1/companies" }],
});

/**
 * The resources under `root`: the GET routes one segment below it, in the order they were registered, as
 * DRF's DefaultRouter lists its viewsets. Read from the route table, so that a new resource appears by itself.
 */
export function resourceLinks(app: FastifyInstance, root: string): Record<string, string> {
  const links: Record<string, string> = {};
  for (const { method, url } of app.apiRoutes) {
    const name = url.startsWith(`${root}/`) ? url.slice(root.length + 1) : "";
    // Absolute, on PUBLIC_URL rather than the Host header the client chose, as the page links are.
    if (method === "GET" && /^\w+$/.test(name)) links[name] = `${app.config.publicUrl}${root}/${name}`;
  }
  return links;
}

/** GET /api/v1 (and /api/v1/, see trailing-slash.ts): the API root, as DRF's DefaultRouter serves it. */
export async function apiRootRoutes(app: FastifyInstance) {
  app.get(
    "/",
    {
      prefixTrailingSlash: "no-slash",
      config: { access: "public" },
      schema: {
        tags: ["root"],
        summary: "The API root: a link to each resource",
        // It takes nothing, and says so of a query it cannot read, as every other route does.
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: ApiRootResponse, ...errorResponses(400) },
      },
    },
    async (request) => resourceLinks(app, request.routeOptions.url ?? ""),
  );
}
