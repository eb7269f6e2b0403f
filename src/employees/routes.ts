import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { CsvResponse, sendCsv } from "../http/csv.js";
import { pageResponse } from "../http/listing.js";
import { Accepted, errorResponses, IdParams, PageOf } from "../http/schemas.js";
import { msg, translate } from "../i18n/translate.js";
import {
  CompanyEmployeesQuery,
  Employee,
  EmployeeCreate,
  EmployeeReplace,
  EmployeesExportQuery,
  EmployeesQuery,
  EmployeeUpdate,
} from "./schemas.js";
import {
  createEmployee,
  deleteEmployee,
  exportEmployees,
  getEmployee,
  listCompanyEmployees,
  listEmployees,
  resendInvitation,
  updateEmployee,
} from "./service.js";

const tags = ["employees"];
const staffOnly = { access: "staff" as const };

export const employeeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/employees",
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "List employees (staff)",
        querystring: EmployeesQuery,
        response: { 200: PageOf(Employee), ...errorResponses(400) },
      },
    },
    (request) => pageResponse(request, (page) => listEmployees(app.services, request.query, page)),
  );

  app.get(
    "/employees/export.csv",
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "The whole filtered list as a CSV download (staff)",
        querystring: EmployeesExportQuery,
        response: { 200: CsvResponse, ...errorResponses(400) },
      },
    },
    (request, reply) => sendCsv(reply, "employees", exportEmployees(app.services, request.query)),
  );

  app.post(
    "/employees",
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "Create an employee and send them an invitation (staff)",
        body: EmployeeCreate,
        response: { 201: Employee, ...errorResponses(400, 409, 413) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createEmployee(app.services, request.actor, request.body)),
  );

  app.get(
    "/employees/:id",
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "One employee (staff)",
        params: IdParams,
        response: { 200: Employee, ...errorResponses(400, 404) },
      },
    },
    async (request) => getEmployee(app.services, request.params.id),
  );

  app.patch(
    "/employees/:id",
    {
      config: staffOnly,
      schema: {
        tags,
        summary:
          "Change names, email, company, language or is_active (staff); deactivating signs them out everywhere",
        params: IdParams,
        body: EmployeeUpdate,
        response: { 200: Employee, ...errorResponses(400, 404, 409, 413) },
      },
    },
    async (request) => updateEmployee(app.services, request.actor, request.params.id, request.body),
  );

  app.put(
    "/employees/:id",
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "Replace an employee's email and company (names, language and is_active left out are kept)",
        params: IdParams,
        body: EmployeeReplace,
        response: { 200: Employee, ...errorResponses(400, 404, 409, 413) },
      },
    },
    async (request) => updateEmployee(app.services, request.actor, request.params.id, request.body),
  );

  app.delete(
    "/employees/:id",
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "Delete an employee (staff)",
        params: IdParams,
        response: { 204: Type.Null({ description: "Deleted" }), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await deleteEmployee(app.services, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/employees/:id/resend_invite",
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "Send a new invitation; earlier links stop working (staff)",
        params: IdParams,
        response: { 202: Accepted, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const email = await resendInvitation(app.services, request.actor, request.params.id);
      return reply
        .status(202)
        .send({ detail: translate(msg("employee.invitation_sent", { email }), request.language) });
    },
  );

  app.get(
    "/companies/:id/employees",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["companies", ...tags],
        summary: "The employees of a company you may see (an employee: only their own)",
        params: IdParams,
        querystring: CompanyEmployeesQuery,
        response: { 200: PageOf(Employee), ...errorResponses(400, 404) },
      },
    },
    (request) =>
      pageResponse(request, (page) =>
        listCompanyEmployees(app.services, request.actor, request.params.id, request.query, page),
      ),
  );
};
