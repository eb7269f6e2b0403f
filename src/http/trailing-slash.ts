import type { IncomingMessage } from "node:http";

/**
 * Fastify's rewriteUrl: `/api/v1/companies/` is `/api/v1/companies`, as DRF's routers take both, instead of a
 * detail route with an empty id. Only under /api: Fastify's global ignoreTrailingSlash would also merge
 * `/admin` (which redirects) with `/admin/` (the admin's page). One slash goes, and the query string stays.
 */
export function apiWithoutTrailingSlash(request: Pick<IncomingMessage, "url">): string {
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  if (!path.startsWith("/api/") || !path.endsWith("/")) return url;
  return path.slice(0, -1) + (query < 0 ? "" : url.slice(query));
}
