import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { pageResponse } from "../http/listing.js";
import { errorResponses, PageOf } from "../http/schemas.js";
import { AuditLogEntry, AuditLogQuery } from "./schemas.js";
import { listAuditLog } from "./service.js";

/** The audit log, read-only: entries are written by the services whose changes they record. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/audit_log",
    {
      config: { access: "staff" },
      schema: {
        tags: ["audit"],
        summary: "Who changed what, when and from where (staff); newest first",
        querystring: AuditLogQuery,
        response: { 200: PageOf(AuditLogEntry), ...errorResponses(400) },
      },
    },
    (request) =>
      pageResponse(request, (page) =>
        listAuditLog(app.services, request.query, page, app.config.appTimezone),
      ),
  );
};
