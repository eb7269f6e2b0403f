import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { adminBuildFolder } from "../paths.js";

/** Vite names every asset by its content hash, so a browser may keep one forever; index.html must be re-checked. */
const HASHED_ASSET_CACHE = "public, max-age=31536000, immutable";
const PAGE_CACHE = "no-cache";

const notBuiltPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>supplynet admin: not built</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>The admin panel has not been built</h1>
<p>This server found no <code>dist/admin/index.html</code>. Build it, then reload this page:</p>
<pre style="background:#f3f3f3;padding:1rem">npm run build</pre>
<p>(<code>npm install</code> runs the build too.) The REST API works without it: see <a href="/swagger">/swagger</a>.</p>
</body></html>`;

const DEFAULT_LANGUAGE_META = /(<meta name="supplynet-default-language" content=")[^"]*(")/;

/**
 * The SPA is a static build under a CSP without inline scripts, so the server's DEFAULT_LANGUAGE reaches it as
 * the content of a meta tag in index.html, written once at start-up.
 */
function withDefaultLanguage(html: string, language: string | undefined): string {
  return language ? html.replace(DEFAULT_LANGUAGE_META, `$1${language}$2`) : html;
}

/**
 * Serves the react-admin SPA built by Vite at /admin. Any /admin path that is not a file gets index.html,
 * so a reload on a client-side route still works; a missing hashed asset stays a 404.
 */
async function adminSpa(app: FastifyInstance, options: { folder?: string; defaultLanguage?: string }) {
  const folder = options.folder ?? adminBuildFolder;
  const indexFile = path.join(folder, "index.html");

  if (!existsSync(indexFile)) {
    app.log.warn(`The admin panel is not built (${indexFile} is missing): run npm run build`);
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      reply.status(503).type("text/html").header("cache-control", PAGE_CACHE).send(notBuiltPage);
    app.get("/admin", notBuilt);
    app.get("/admin/*", notBuilt);
    return;
  }

  const indexHtml = withDefaultLanguage(readFileSync(indexFile, "utf8"), options.defaultLanguage);
  await app.register(fastifyStatic, {
    root: folder,
    prefix: "/admin/",
    // Routes for the files present at start-up; everything else falls through to the SPA route below.
    wildcard: false,
    index: false,
    decorateReply: false,
    cacheControl: false,
    // The build writes a .gz beside each asset; browsers that accept gzip get it without compressing per request.
    preCompressed: true,
    setHeaders(reply, filePath) {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header("cache-control", hashed ? HASHED_ASSET_CACHE : PAGE_CACHE);
    },
  });

  const sendIndex = async (_request: unknown, reply: FastifyReply) =>
    reply.type("text/html").header("cache-control", PAGE_CACHE).send(indexHtml);
  // The site's root is the admin, as a visitor who types only the host expects.
  app.get("/", { schema: { hide: true } }, (_request, reply) => reply.redirect("/admin/"));
  app.get("/admin", (_request, reply) => reply.redirect("/admin/"));
  app.get("/admin/", sendIndex);
  app.get("/admin/*", async (request, reply) => {
    if (request.url.startsWith("/admin/assets/")) {
      return reply.callNotFound();
    }
    return sendIndex(request, reply);
  });
}

/** It needs nothing of the app's: its test serves it from a bare Fastify. */
export const adminPlugin = fp(adminSpa, { name: "supplynet-admin-spa" });
