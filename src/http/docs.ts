import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { documentInvalidPage } from "./listing.js";
import { documentRoute, finishDocument, type OpenApiDocument } from "./openapi.js";

const require = createRequire(import.meta.url);

const redocPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>supplynet API (Redoc)</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
  <redoc spec-url="/openapi.json"></redoc>
  <script src="/redoc/redoc.standalone.js"></script>
</body>
</html>`;

/** Redoc's bundle shows the Redocly logo from its CDN, which fails offline and is outside the CSP's img-src. */
const REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const LOCAL_LOGO = "/redoc/logo.svg";
/** A plain page mark in Redoc's colours, in place of the CDN logo. */
const logoSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">
<path fill="#32329f" d="M3 1h7l3 3v11H3z"/><path fill="#fff" d="M5 7h6v1H5zm0 2h6v1H5zm0 2h4v1H5z"/></svg>`;

/**
 * The OpenAPI document is generated from the route schemas. Swagger UI and Redoc are served from npm packages,
 * never a CDN, so the docs work offline and under the CSP (src/http/security.ts): both pages load their
 * scripts as files. Registered before the routes, so that it sees all of them.
 */
async function docs(app: FastifyInstance) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "supplynet API",
        version: "1",
        description:
          "The electronics supply network. Staff manage everything; an employee sees only their own company. " +
          "Get a token from POST /api/v1/auth/token, then press Authorize and paste the `access` value.",
      },
      // The address the service is published at, as the page links use it, rather than the one it listens on.
      servers: [{ url: app.config.publicUrl }],
      components: {
        securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      },
    },
    // The paths are the routes' own, whatever path PUBLIC_URL has.
    stripBasePath: false,
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transform: documentRoute,
    // The document is built with openapi (not swagger) settings, so it is an openapiObject.
    transformObject: (built) =>
      finishDocument((built as { openapiObject: unknown }).openapiObject as OpenApiDocument) as never,
  });
  app.addHook("onRoute", documentInvalidPage);
  await app.register(fastifySwaggerUi, { routePrefix: "/swagger", uiConfig: { persistAuthorization: true } });

  const routeConfig = { config: { access: "public" as const }, schema: { hide: true } };
  app.get("/openapi.json", routeConfig, async () => app.swagger());
  const redocBundle = readFileSync(require.resolve("redoc/bundles/redoc.standalone.js"), "utf8").replace(
    REDOC_CDN_LOGO,
    LOCAL_LOGO,
  );
  app.get("/redoc", routeConfig, async (_request, reply) => reply.type("text/html").send(redocPage));
  app.get("/redoc/redoc.standalone.js", routeConfig, async (_request, reply) =>
    reply.type("application/javascript").header("cache-control", "public, max-age=86400").send(redocBundle),
  );
  app.get(LOCAL_LOGO, routeConfig, async (_request, reply) =>
    reply.type("image/svg+xml").header("cache-control", "public, max-age=86400").send(logoSvg),
  );
}

/** The routes' error answers refer to ErrorResponse, which the error handler registers. */
export const docsPlugin = fp(docs, { name: "supplynet-docs", dependencies: ["supplynet-error-handler"] });
