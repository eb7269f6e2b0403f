import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import helmet from "helmet";

/**
 * One policy for every answer: the admin, Swagger UI, Redoc and the API. Scripts come only from this server, as
 * files (no inline script, no eval), which is what makes an injected `<script>` inert. Styles may be inline:
 * emotion (react-admin/MUI) and Redoc's styled-components insert `<style>` elements at run time. Redoc builds
 * its search worker from a blob: URL. Swagger UI's CSS draws its icons from data: images.
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    // Over plain http (development, the tests) an upgrade would send every asset to a port that has no TLS.
    ...(https && { "upgrade-insecure-requests": [] }),
  };
}

/**
 * The headers helmet sets, computed once: they are the same for every answer. @fastify/helmet builds helmet's
 * middleware anew on every request (its per-request hook calls `helmet(options)`), which cost about a tenth of
 * the API's throughput; here helmet runs once at start-up, and each answer gets the headers it produced.
 */
function helmetHeaders(https: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https) },
    // Browsers that predate frame-ancestors still honour this.
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // Only a server that is reached over TLS may promise browsers to come back over TLS only.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  })({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Security headers on every answer, and `Cache-Control: no-store` on every /api answer: each is either one
 * user's data or carries a token, and none may stay in a shared or browser cache. Registered before the auth
 * plugin, so that its onRequest hook runs first and a 401 carries the headers too.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance) => {
    const headers = helmetHeaders(new URL(app.config.publicUrl).protocol === "https:");
    app.addHook("onRequest", (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
    app.addHook("onSend", async (request, reply) => {
      if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    });
  },
  { name: "supplynet-security", decorators: { fastify: ["config"] } },
);
