import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChain, createUser, type TestUser } from "../helpers/app.js";
import { documentedResponses } from "../helpers/documented-responses.js";
import { testApp } from "../helpers/fixture.js";

/** The OpenAPI document as a DRF user reads it: drf-spectacular's operationIds and components, and a clean lint. */

interface Operation {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, { description: string; content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface Document {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { items?: { $ref?: string } }> }> };
}

const t = testApp({ truncate: false });
let document: Document;
let staff: TestUser;
let companyId: number;
const scratch = mkdtempSync(join(tmpdir(), "supplynet-openapi-"));

beforeAll(async () => {
  document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
  companyId = (await createChain(t.testDb, "Alpha"))[2]?.id as number;
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );
const operation = (method: string, path: string) => document.paths[path]?.[method] as Operation;
const successSchema = (method: string, path: string, status = "200") =>
  operation(method, path).responses[status]?.content?.["application/json"]?.schema;

describe("the OpenAPI document", () => {
  it("passes `redocly lint` with no error", async () => {
    const file = join(scratch, "openapi.json");
    writeFileSync(file, JSON.stringify(document));
    // redocly exits 1 when it finds errors; its JSON report on stdout says which.
    const { stdout } = await promisify(execFile)(
      "node_modules/.bin/redocly",
      ["lint", "--format=json", "--config=redocly.yaml", file],
      { env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
    const report = JSON.parse(stdout.slice(stdout.indexOf("{")));
    const errors = report.problems
      .filter((problem: { severity: string }) => problem.severity === "error")
      .map((problem: { ruleId: string; message: string; location: { pointer: string }[] }) =>
        [problem.ruleId, problem.message, problem.location[0]?.pointer].join(" "),
      );
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 60_000);

  it("names every operation as drf-spectacular does, each name once", () => {
    const ids = operations().map(({ key, operation }) => [key, operation.operationId]);
    expect(
      ids.filter(([, id]) => !/^[a-z][a-z0-9_]*$/.test(String(id))),
      "without a valid operationId",
    ).toEqual([]);
    const names = ids.map(([, id]) => id);
    expect(
      names.filter((id, index) => names.indexOf(id) !== index),
      "operationIds used twice",
    ).toEqual([]);
    const id = (method: string, path: string) => operation(method, path)?.operationId;
    expect({
      list: id("get", "/api/v1/companies"),
      create: id("post", "/api/v1/companies"),
      retrieve: id("get", "/api/v1/companies/{id}"),
      partialUpdate: id("patch", "/api/v1/companies/{id}"),
      destroy: id("delete", "/api/v1/companies/{id}"),
      action: id("post", "/api/v1/companies/clear_debt"),
      nestedList: id("get", "/api/v1/companies/{id}/products"),
      getQr: id("get", "/api/v1/companies/{id}/get_qr"),
      postQr: id("post", "/api/v1/companies/{id}/get_qr"),
      token: id("post", "/api/v1/auth/token"),
      me: id("patch", "/api/v1/auth/me"),
      root: id("get", "/api/v1"),
    }).toEqual({
      list: "companies_list",
      create: "companies_create",
      retrieve: "companies_retrieve",
      partialUpdate: "companies_partial_update",
      destroy: "companies_destroy",
      action: "companies_clear_debt_create",
      nestedList: "companies_products_list",
      getQr: "companies_get_qr_retrieve",
      postQr: "companies_get_qr_create",
      token: "auth_token_create",
      me: "auth_me_partial_update",
      root: "root_retrieve",
    });
    // A full update, where a resource has one, is DRF's `update`.
    for (const [path, item] of Object.entries(document.paths))
      if (item.put) expect(item.put.operationId, path).toMatch(/_update$/);
  });

  it("declares `security: []` on the public operations and the bearer token on the others", () => {
    const wrong: string[] = [];
    for (const route of t.app.apiRoutes.filter((route) => route.method !== "HEAD")) {
      const found = operation(route.method.toLowerCase(), route.url.replace(/:(\w+)/g, "{$1}"));
      const wanted = route.access === "public" ? [] : [{ bearerAuth: [] }];
      if (JSON.stringify(found?.security) !== JSON.stringify(wanted))
        wrong.push(`${route.method} ${route.url}: ${JSON.stringify(found?.security)}`);
    }
    expect(wrong).toEqual([]);
    expect(operation("get", "/health").security).toEqual([]);
  });

  it("points at PUBLIC_URL and leaves out the admin's pages", () => {
    expect(document.servers).toEqual([{ url: "http://supplynet.test" }]);
    expect(Object.keys(document.paths).filter((path) => path.startsWith("/admin"))).toEqual([]);
    expect(Object.keys(document.paths).filter((path) => path.length > 1 && path.endsWith("/"))).toEqual([]);
  });

  it("types every enum and describes every success", () => {
    const untyped: string[] = [];
    const literalUnions: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (typeof node !== "object" || node === null) return;
      const schema = node as { enum?: unknown; type?: unknown; anyOf?: { enum?: unknown[] }[] };
      if (Array.isArray(schema.enum) && typeof schema.type !== "string") untyped.push(where);
      if (schema.anyOf?.every((member) => member.enum?.length === 1)) literalUnions.push(where);
      for (const [key, child] of Object.entries(node)) walk(child, `${where}/${key}`);
    };
    walk(document, "#");
    expect(untyped).toEqual([]);
    expect(literalUnions).toEqual([]);
    // TypeBox's Union of Literals, as the job's state is, is one string enum.
    const job = document.components.schemas.Job as { properties: Record<string, unknown> };
    expect(job.properties.state).toEqual({
      type: "string",
      enum: ["queued", "active", "completed", "failed", "cancelled"],
    });
    const filler = operations().flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([, response]) => !response.description || response.description === "Default Response")
        .map(([status]) => `${key} ${status}`),
    );
    expect(filler).toEqual([]);
  });

  it("shares the error body, the resources' views and their pages as components", () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        "ErrorResponse",
        "Company",
        "Product",
        "Employee",
        "Job",
        "PaginatedCompanyList",
        "PaginatedProductList",
        "PaginatedEmployeeList",
      ]),
    );
    expect(successSchema("get", "/api/v1/companies")).toEqual(ref("PaginatedCompanyList"));
    expect(successSchema("get", "/api/v1/companies/{id}")).toEqual(ref("Company"));
    expect(successSchema("post", "/api/v1/companies", "201")).toEqual(ref("Company"));
    expect(successSchema("patch", "/api/v1/companies/{id}")).toEqual(ref("Company"));
    expect(successSchema("get", "/api/v1/companies/{id}/products")).toEqual(ref("PaginatedProductList"));
    expect(document.components.schemas.PaginatedCompanyList?.properties?.results?.items).toEqual(
      ref("Company"),
    );
    expect(
      operation("get", "/api/v1/companies").responses["401"]?.content?.["application/json"]?.schema,
    ).toEqual(ref("ErrorResponse"));
  });

  it("still describes the real answers exactly", async () => {
    const documented = documentedResponses(t.app);
    const problems: string[] = [];
    for (const url of [
      "/api/v1",
      "/api/v1/companies",
      `/api/v1/companies/${companyId}`,
      `/api/v1/companies/${companyId}/products`,
      "/api/v1/products",
      "/api/v1/employees",
      "/api/v1/companies?page=99",
    ]) {
      const response = await t.app.inject({ method: "GET", url, headers: staff.headers });
      const route = url.split("?")[0]?.replace(String(companyId), ":id") as string;
      problems.push(...documented.problems("GET", route, response));
    }
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/companies" });
    problems.push(...documented.problems("GET", "/api/v1/companies", anonymous));
    expect(problems).toEqual([]);
  });

  it("is read by Redoc without a CDN", async () => {
    for (const url of ["/redoc", "/redoc/redoc.standalone.js"]) {
      const { body } = await t.app.inject({ method: "GET", url });
      expect(body.match(/https?:\/\/cdn\.[\w./-]+/g), url).toBeNull();
    }
  });
});
