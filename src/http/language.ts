import type { IncomingHttpHeaders } from "node:http";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Language } from "../config.js";
import { negotiateLanguage } from "../i18n/translate.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The language the answer speaks: Accept-Language's choice among ours, else DEFAULT_LANGUAGE. */
    readonly language: Language;
  }
}

const chosen = Symbol("language");

/** The language that a request's headers ask for, among ours; `fallback` when they name none. */
export const languageOf = (headers: IncomingHttpHeaders, fallback: Language) =>
  negotiateLanguage(headers["accept-language"], fallback);

/**
 * The language of each answer, as Django's LocaleMiddleware chooses it. Read on first use, so that an answer
 * made before any hook ran (a 404, a refusal while closing) speaks it too. Every answer names it in
 * Content-Language, and says that it varies with Accept-Language, so that no cache hands one user's language
 * to another.
 */
export const languagePlugin = fp(
  async (app: FastifyInstance) => {
    const fallback = app.config.defaultLanguage;
    app.decorateRequest("language", {
      getter(this: { headers: IncomingHttpHeaders; [chosen]?: Language }) {
        this[chosen] ??= languageOf(this.headers, fallback);
        return this[chosen];
      },
    });
    app.addHook("onSend", async (request, reply) => {
      if (!reply.hasHeader("content-language")) reply.header("content-language", request.language);
      const vary = reply.getHeader("vary");
      if (
        !String(vary ?? "")
          .toLowerCase()
          .includes("accept-language")
      ) {
        reply.header("vary", vary ? `${String(vary)}, Accept-Language` : "Accept-Language");
      }
    });
  },
  { name: "supplynet-language", decorators: { fastify: ["config"] } },
);
