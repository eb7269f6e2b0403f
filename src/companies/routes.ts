import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { CsvResponse, sendCsv } from "../http/csv.js";
import { pageResponse } from "../http/listing.js";
import { errorResponses, IdParams, PageOf } from "../http/schemas.js";
import {
  Company,
  CompanyCreate,
  CompanyExportQuery,
  CompanyIds,
  CompanyIdsQuery,
  CompanyListQuery,
  CompanyReplace,
  CompanyTree,
  CompanyUpdate,
  DebtAboveAverageQuery,
} from "./schemas.js";
import {
  companyTree,
  createCompany,
  deleteCompany,
  exportCompanies,
  getCompany,
  listCompanies,
  listCompanyIds,
  listDebtAboveAverage,
  updateCompany,
} from "./service.js";

const tags = ["companies"];

export const companyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/companies",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "List companies (staff: all, filtered; an employee: their own company only)",
        querystring: CompanyListQuery,
        response: { 200: PageOf(Company), ...errorResponses(400) },
      },
    },
    (request) =>
      pageResponse(request, (page) => listCompanies(app.services, request.actor, request.query, page)),
  );

  app.get(
    "/companies/ids",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Every company id matching the list's filters (for selecting all across pages)",
        querystring: CompanyIdsQuery,
        response: { 200: CompanyIds, ...errorResponses(400) },
      },
    },
    (request) => listCompanyIds(app.services, request.actor, request.query),
  );

  // A static segment: Fastify's router prefers it to /companies/:id whatever the order of registration.
  app.get(
    "/companies/export.csv",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "The whole filtered list as a CSV download (staff: all; an employee: their own company)",
        querystring: CompanyExportQuery,
        response: { 200: CsvResponse, ...errorResponses(400) },
      },
    },
    (request, reply) =>
      sendCsv(reply, "companies", exportCompanies(app.services, request.actor, request.query)),
  );

  app.get(
    "/companies/debt_above_average",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Companies whose debt is above the network's average, largest debt first",
        querystring: DebtAboveAverageQuery,
        response: { 200: PageOf(Company), ...errorResponses(400) },
      },
    },
    (request) => pageResponse(request, (page) => listDebtAboveAverage(app.services, request.actor, page)),
  );

  app.get(
    "/companies/:id",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "One company with its supplier and counts",
        params: IdParams,
        response: { 200: Company, ...errorResponses(400, 404) },
      },
    },
    (request) => getCompany(app.services, request.actor, request.params.id),
  );

  app.post(
    "/companies",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Create a company (debt may be set only here)",
        body: CompanyCreate,
        response: { 201: Company, ...errorResponses(400, 409, 413) },
      },
    },
    async (request, reply) => {
      const company = await createCompany(app.services, request.actor, request.body);
      return reply.status(201).send(company);
    },
  );

  app.patch(
    "/companies/:id",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Change a company; product_ids replaces the set; debt is read-only",
        params: IdParams,
        body: CompanyUpdate,
        response: { 200: Company, ...errorResponses(400, 404, 409, 413) },
      },
    },
    (request) => updateCompany(app.services, request.actor, request.params.id, request.body),
  );

  app.put(
    "/companies/:id",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Replace a company's fields (every writable one; product_ids left out keeps the set)",
        params: IdParams,
        body: CompanyReplace,
        response: { 200: Company, ...errorResponses(400, 404, 409, 413) },
      },
    },
    (request) => updateCompany(app.services, request.actor, request.params.id, request.body),
  );

  app.delete(
    "/companies/:id",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Delete a company (refused with 409 while it supplies others)",
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteCompany(app.services, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/companies/:id/tree",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "The supply tree below a company, nested (cut at 2000 nodes, then truncated is true)",
        params: IdParams,
        response: { 200: CompanyTree, ...errorResponses(400, 404) },
      },
    },
    (request) => companyTree(app.services, request.actor, request.params.id),
  );
};
