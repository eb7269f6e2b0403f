import { beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "../../src/accounts/invitations.js";
import { createChain, createUser, GENEROUS_LIMITS, type TestUser } from "../helpers/app.js";
import { logIn } from "../helpers/auth.js";
import { type TestAppFixture, testApp } from "../helpers/fixture.js";

/**
 * Every /api route × every kind of caller, against an expectation table. The routes come from the app's own
 * route table (`app.apiRoutes`, filled as routes register), so a route added without an entry here fails the
 * test, and so does an entry whose route is gone. HEAD answers as its GET and is not listed.
 */

const CALLERS = ["anonymous", "employeeA", "employeeB", "inactiveA", "staff"] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

/** Who may call, as the table reads it: [anonymous, employee of A, employee of B, inactive employee of A, staff]. */
const expected = (...statuses: [number, number, number, number, number]): Expected =>
  Object.fromEntries(CALLERS.map((caller, index) => [caller, statuses[index]])) as Expected;
/** Anyone, token or not: the body carries the credential. */
const open = (status: number) => expected(status, status, status, status, status);
/** Any active user. */
const signedIn = (status: number) => expected(401, status, status, 401, status);
/** Staff; an employee's role may not, whichever company. */
const staffOnly = (status: number) => expected(401, 403, 403, 401, status);
/** Something of company A: its employee and staff reach it, B's employee does not even learn it exists. */
const companyA = (status: number) => expected(401, status, 404, 401, status);

interface Fixture extends TestAppFixture {
  companyA: number;
  productA: number;
  colleagueA: number;
}

interface Call {
  url: string;
  payload?: object;
  /** The admin's session routes carry their credential in a cookie. */
  cookies?: Record<string, string>;
}
interface Entry {
  /** Built anew for every caller, so that a write by one caller (a delete, a used token) does not affect the next. */
  call: (fixture: Fixture) => Call | Promise<Call>;
  expect: Expected;
}

let counter = 0;
const unique = (label: string) => `${label}${++counter}`;

async function leafCompanyUnderA(fx: Fixture): Promise<number> {
  const [row] = await fx.sql<{ id: number }>(
    `insert into companies (name, email, country, city, street, house_number, level, supplier_id)
     values ($1, 'leaf@example.com', 'Russia', 'Moscow', 'Arbat', '1', 3, $2) returning id`,
    [unique("Leaf "), fx.companyA],
  );
  return row?.id as number;
}

async function productOfA(fx: Fixture): Promise<number> {
  const [row] = await fx.sql<{ id: number }>(
    "insert into products (name, model) values ($1, 'M') returning id",
    [unique("Product ")],
  );
  await fx.sql("insert into company_products (company_id, product_id) values ($1, $2)", [
    fx.companyA,
    row?.id,
  ]);
  return row?.id as number;
}

/** A staff user who has not registered yet, so that inviting them again is allowed. */
async function invitedStaff(fx: Fixture): Promise<number> {
  const [row] = await fx.sql<{ id: number }>(
    "insert into users (email, role) values ($1, 'staff') returning id",
    [`${unique("staff")}@example.com`],
  );
  return row?.id as number;
}

/** A fresh admin session of the staff user: the cookie the session routes take. */
async function sessionCookie(fx: Fixture): Promise<Record<string, string>> {
  const response = await fx.app.inject({
    method: "POST",
    url: "/api/v1/auth/session",
    payload: { email: "staff@example.com", password: "1" },
  });
  const cookie = response.cookies[0];
  if (!cookie) throw new Error(`no session cookie: ${response.statusCode} ${response.body}`);
  return { [cookie.name]: cookie.value };
}

async function invitedEmployeeOfA(fx: Fixture): Promise<number> {
  const [row] = await fx.sql<{ id: number }>(
    "insert into users (email, role, company_id) values ($1, 'employee', $2) returning id",
    [`${unique("invited")}@example.com`, fx.companyA],
  );
  return row?.id as number;
}

const TABLE: Record<string, Entry> = {
  // the API root: links only, to anyone
  "GET /api/v1": { call: () => ({ url: "/api/v1/" }), expect: open(200) },

  // auth
  "POST /api/v1/auth/token": {
    call: () => ({ url: "/api/v1/auth/token", payload: { email: "a@example.com", password: "1" } }),
    expect: open(200),
  },
  "POST /api/v1/auth/token/refresh": {
    call: async (fx) => ({
      url: "/api/v1/auth/token/refresh",
      payload: { refresh: (await logIn(fx.app, "a@example.com")).json().refresh },
    }),
    expect: open(200),
  },
  "POST /api/v1/auth/logout": {
    call: async (fx) => ({
      url: "/api/v1/auth/logout",
      payload: { refresh: (await logIn(fx.app, "a@example.com")).json().refresh },
    }),
    expect: open(204),
  },
  "GET /api/v1/auth/me": { call: () => ({ url: "/api/v1/auth/me" }), expect: signedIn(200) },
  "PATCH /api/v1/auth/me": {
    call: () => ({ url: "/api/v1/auth/me", payload: { language: "en" } }),
    expect: signedIn(200),
  },
  // A wrong current password: past the access check, refused by the handler, and nothing changes.
  "POST /api/v1/auth/password/change": {
    call: () => ({
      url: "/api/v1/auth/password/change",
      payload: { current_password: "wrong", new_password: "violet-harbour-42" },
    }),
    expect: signedIn(400),
  },
  "POST /api/v1/auth/session/password": {
    call: () => ({
      url: "/api/v1/auth/session/password",
      payload: { current_password: "wrong", new_password: "violet-harbour-42" },
    }),
    expect: signedIn(400),
  },
  // The admin's own session: staff only by the credential in the body or the cookie, whatever bearer comes along.
  "POST /api/v1/auth/session": {
    call: () => ({ url: "/api/v1/auth/session", payload: { email: "staff@example.com", password: "1" } }),
    expect: open(200),
  },
  "POST /api/v1/auth/session/refresh": {
    call: async (fx) => ({
      url: "/api/v1/auth/session/refresh",
      payload: {},
      cookies: await sessionCookie(fx),
    }),
    expect: open(200),
  },
  "POST /api/v1/auth/session/logout": {
    call: async (fx) => ({
      url: "/api/v1/auth/session/logout",
      payload: {},
      cookies: await sessionCookie(fx),
    }),
    expect: open(204),
  },
  "POST /api/v1/auth/register": {
    call: async (fx) => ({
      url: "/api/v1/auth/register",
      payload: {
        token: await createInvitation(fx.app.db, await invitedEmployeeOfA(fx)),
        password: "long enough",
      },
    }),
    expect: open(201),
  },

  // employees
  "GET /api/v1/employees": { call: () => ({ url: "/api/v1/employees" }), expect: staffOnly(200) },
  "GET /api/v1/employees/export.csv": {
    call: () => ({ url: "/api/v1/employees/export.csv" }),
    expect: staffOnly(200),
  },
  "POST /api/v1/employees": {
    call: (fx) => ({
      url: "/api/v1/employees",
      payload: { email: `${unique("new")}@example.com`, company_id: fx.companyA },
    }),
    expect: staffOnly(201),
  },
  "GET /api/v1/employees/:id": {
    call: (fx) => ({ url: `/api/v1/employees/${fx.colleagueA}` }),
    expect: staffOnly(200),
  },
  "PATCH /api/v1/employees/:id": {
    call: (fx) => ({ url: `/api/v1/employees/${fx.colleagueA}`, payload: { first_name: "Renamed" } }),
    expect: staffOnly(200),
  },
  "PUT /api/v1/employees/:id": {
    call: async (fx) => ({
      url: `/api/v1/employees/${await invitedEmployeeOfA(fx)}`,
      payload: { email: `${unique("put")}@example.com`, company_id: fx.companyA },
    }),
    expect: staffOnly(200),
  },
  "DELETE /api/v1/employees/:id": {
    call: async (fx) => ({ url: `/api/v1/employees/${await invitedEmployeeOfA(fx)}` }),
    expect: staffOnly(204),
  },
  "POST /api/v1/employees/:id/resend_invite": {
    call: async (fx) => ({ url: `/api/v1/employees/${await invitedEmployeeOfA(fx)}/resend_invite` }),
    expect: staffOnly(202),
  },
  // Public account flows: a made-up token is refused alike for everyone, whatever bearer comes along.
  "POST /api/v1/auth/invitation": {
    call: () => ({ url: "/api/v1/auth/invitation", payload: { token: "made-up" } }),
    expect: open(400),
  },
  "POST /api/v1/auth/password/reset": {
    call: () => ({
      url: "/api/v1/auth/password/reset",
      payload: { email: `${unique("reset")}@example.com` },
    }),
    expect: open(202),
  },
  "POST /api/v1/auth/password/reset/account": {
    call: () => ({ url: "/api/v1/auth/password/reset/account", payload: { token: "made-up" } }),
    expect: open(400),
  },
  "POST /api/v1/auth/password/reset/confirm": {
    call: () => ({
      url: "/api/v1/auth/password/reset/confirm",
      payload: { token: "made-up", password: "violet-harbour-42" },
    }),
    expect: open(400),
  },
  "GET /api/v1/staff": { call: () => ({ url: "/api/v1/staff" }), expect: staffOnly(200) },
  "POST /api/v1/staff": {
    call: () => ({ url: "/api/v1/staff", payload: { email: `${unique("staff")}@example.com` } }),
    expect: staffOnly(201),
  },
  "GET /api/v1/staff/:id": {
    call: async (fx) => ({ url: `/api/v1/staff/${await invitedStaff(fx)}` }),
    expect: staffOnly(200),
  },
  "PATCH /api/v1/staff/:id": {
    call: async (fx) => ({
      url: `/api/v1/staff/${await invitedStaff(fx)}`,
      payload: { first_name: "Renamed" },
    }),
    expect: staffOnly(200),
  },
  "PUT /api/v1/staff/:id": {
    call: async (fx) => ({
      url: `/api/v1/staff/${await invitedStaff(fx)}`,
      payload: { first_name: "Re", last_name: "Placed" },
    }),
    expect: staffOnly(200),
  },
  "POST /api/v1/staff/:id/resend_invite": {
    call: async (fx) => ({ url: `/api/v1/staff/${await invitedStaff(fx)}/resend_invite` }),
    expect: staffOnly(202),
  },
  "GET /api/v1/companies/:id/employees": {
    call: (fx) => ({ url: `/api/v1/companies/${fx.companyA}/employees` }),
    expect: companyA(200),
  },

  // companies
  "GET /api/v1/companies": { call: () => ({ url: "/api/v1/companies" }), expect: signedIn(200) },
  // Each employee gets a file of their own company (test/api/export.test.ts checks which rows).
  "GET /api/v1/companies/export.csv": {
    call: () => ({ url: "/api/v1/companies/export.csv" }),
    expect: signedIn(200),
  },
  "POST /api/v1/companies": {
    call: (fx) => ({
      url: "/api/v1/companies",
      payload: {
        name: unique("New "),
        email: "new@example.com",
        country: "Russia",
        city: "Kazan",
        street: "Baumana",
        house_number: "5",
        level: "retail_chain",
        supplier_id: fx.companyA,
      },
    }),
    expect: staffOnly(201),
  },
  "GET /api/v1/companies/ids": {
    call: () => ({ url: "/api/v1/companies/ids?level=factory" }),
    expect: staffOnly(200),
  },
  "GET /api/v1/companies/debt_above_average": {
    call: () => ({ url: "/api/v1/companies/debt_above_average" }),
    expect: staffOnly(200),
  },
  "GET /api/v1/companies/:id": {
    call: (fx) => ({ url: `/api/v1/companies/${fx.companyA}` }),
    expect: companyA(200),
  },
  "PATCH /api/v1/companies/:id": {
    call: (fx) => ({ url: `/api/v1/companies/${fx.companyA}`, payload: { city: "Tver" } }),
    expect: staffOnly(200),
  },
  "PUT /api/v1/companies/:id": {
    call: async (fx) => ({
      url: `/api/v1/companies/${await leafCompanyUnderA(fx)}`,
      payload: {
        name: unique("Replaced "),
        email: "replaced@example.com",
        country: "Russia",
        city: "Tver",
        street: "Sovetskaya",
        house_number: "2",
        level: "retail_chain",
        supplier_id: fx.companyA,
      },
    }),
    expect: staffOnly(200),
  },
  "DELETE /api/v1/companies/:id": {
    call: async (fx) => ({ url: `/api/v1/companies/${await leafCompanyUnderA(fx)}` }),
    expect: staffOnly(204),
  },
  "GET /api/v1/companies/:id/products": {
    call: (fx) => ({ url: `/api/v1/companies/${fx.companyA}/products` }),
    expect: companyA(200),
  },
  "GET /api/v1/companies/:id/debt_history": {
    call: (fx) => ({ url: `/api/v1/companies/${fx.companyA}/debt_history` }),
    expect: companyA(200),
  },
  "GET /api/v1/companies/:id/debt_chart": {
    call: (fx) => ({ url: `/api/v1/companies/${fx.companyA}/debt_chart` }),
    expect: companyA(200),
  },
  "GET /api/v1/companies/:id/tree": {
    call: (fx) => ({ url: `/api/v1/companies/${fx.companyA}/tree` }),
    expect: staffOnly(200),
  },
  "POST /api/v1/companies/clear_debt": {
    call: (fx) => ({ url: "/api/v1/companies/clear_debt", payload: { ids: [fx.companyA] } }),
    expect: staffOnly(200),
  },
  "POST /api/v1/companies/clear_debt/preview": {
    call: (fx) => ({ url: "/api/v1/companies/clear_debt/preview", payload: { ids: [fx.companyA] } }),
    expect: staffOnly(200),
  },
  "GET /api/v1/companies/:id/get_qr": {
    call: (fx) => ({ url: `/api/v1/companies/${fx.companyA}/get_qr` }),
    expect: companyA(202),
  },
  "POST /api/v1/companies/:id/get_qr": {
    call: (fx) => ({ url: `/api/v1/companies/${fx.companyA}/get_qr` }),
    expect: companyA(202),
  },

  // products
  "GET /api/v1/products": { call: () => ({ url: "/api/v1/products" }), expect: signedIn(200) },
  "GET /api/v1/products/export.csv": {
    call: () => ({ url: "/api/v1/products/export.csv" }),
    expect: signedIn(200),
  },
  "POST /api/v1/products": {
    call: () => ({ url: "/api/v1/products", payload: { name: unique("Phone "), model: "X1" } }),
    expect: staffOnly(201),
  },
  "GET /api/v1/products/:id": {
    call: (fx) => ({ url: `/api/v1/products/${fx.productA}` }),
    expect: companyA(200),
  },
  "PATCH /api/v1/products/:id": {
    call: (fx) => ({ url: `/api/v1/products/${fx.productA}`, payload: { release_date: "2024-01-31" } }),
    expect: staffOnly(200),
  },
  "PUT /api/v1/products/:id": {
    call: async (fx) => ({
      url: `/api/v1/products/${await productOfA(fx)}`,
      payload: { name: unique("P "), model: "M2" },
    }),
    expect: staffOnly(200),
  },
  "DELETE /api/v1/products/:id": {
    call: async (fx) => ({ url: `/api/v1/products/${await productOfA(fx)}` }),
    expect: staffOnly(204),
  },

  // stats and jobs
  "GET /api/v1/stats": { call: () => ({ url: "/api/v1/stats" }), expect: staffOnly(200) },
  "GET /api/v1/stats/debt_totals": {
    call: () => ({ url: "/api/v1/stats/debt_totals" }),
    expect: staffOnly(200),
  },
  "GET /api/v1/jobs/:id": {
    call: async (fx) => ({ url: `/api/v1/jobs/${await fx.queue.enqueue("clear-debt", { ids: [] })}` }),
    expect: staffOnly(200),
  },
  "GET /api/v1/jobs": { call: () => ({ url: "/api/v1/jobs" }), expect: staffOnly(200) },
  "GET /api/v1/jobs/queues": { call: () => ({ url: "/api/v1/jobs/queues" }), expect: staffOnly(200) },
  "GET /api/v1/schedules": { call: () => ({ url: "/api/v1/schedules" }), expect: staffOnly(200) },
  // Maintenance: a job no worker here takes, and harmless if one did.
  "POST /api/v1/schedules/:name/run": {
    call: () => ({ url: "/api/v1/schedules/maintenance/run", payload: {} }),
    expect: staffOnly(202),
  },
  // A cancelled job, which the API shows as cancelled: retrying it is allowed.
  "POST /api/v1/jobs/:id/retry": {
    call: async (fx) => {
      const id = await fx.queue.enqueue("clear-debt", { ids: [] });
      await fx.queue.cancelJob(id);
      return { url: `/api/v1/jobs/${id}/retry`, payload: {} };
    },
    expect: staffOnly(200),
  },
  "POST /api/v1/jobs/:id/cancel": {
    call: async (fx) => ({
      url: `/api/v1/jobs/${await fx.queue.enqueue("clear-debt", { ids: [] })}/cancel`,
      payload: {},
    }),
    expect: staffOnly(200),
  },
  "GET /api/v1/audit_log": { call: () => ({ url: "/api/v1/audit_log" }), expect: staffOnly(200) },
};

const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS }, truncate: false });
let fixture: Fixture;
let callers: Record<Exclude<Caller, "anonymous">, TestUser>;

beforeAll(async () => {
  const { app, testDb } = t;
  const a = (await createChain(testDb, "Alpha"))[2]?.id as number;
  const b = (await createChain(testDb, "Beta"))[2]?.id as number;
  callers = {
    employeeA: await createUser(app, testDb, { email: "a@example.com", role: "employee", companyId: a }),
    employeeB: await createUser(app, testDb, { email: "b@example.com", role: "employee", companyId: b }),
    inactiveA: await createUser(app, testDb, {
      email: "inactive@example.com",
      role: "employee",
      companyId: a,
      isActive: false,
    }),
    staff: await createUser(app, testDb, { email: "staff@example.com", role: "staff" }),
  };
  fixture = Object.assign(t, { companyA: a, productA: 0, colleagueA: 0 });
  fixture.productA = await productOfA(fixture);
  fixture.colleagueA = (
    await createUser(app, testDb, { email: "colleague@example.com", role: "employee", companyId: a })
  ).id;
});

describe("access matrix", () => {
  it("has exactly one entry per /api route", () => {
    const routes = fixture.app.apiRoutes
      .filter((route) => route.method !== "HEAD")
      .map((route) => `${route.method} ${route.url}`);
    expect(routes.length).toBeGreaterThan(0);
    expect(
      routes.filter((route) => !(route in TABLE)),
      "routes missing from the table",
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((key) => !routes.includes(key)),
      "table entries without a route",
    ).toEqual([]);
    // HEAD routes are left out of the table because each is its GET's twin, with the same access.
    const access = new Map(
      fixture.app.apiRoutes.map((route) => [`${route.method} ${route.url}`, route.access]),
    );
    for (const head of fixture.app.apiRoutes.filter((route) => route.method === "HEAD")) {
      expect(access.get(`GET ${head.url}`), `HEAD ${head.url}`).toBe(head.access);
    }
  });

  it("documents every /api route in /openapi.json: tags, bearer security unless public, error answers", async () => {
    const document = (await fixture.app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    const problems: string[] = [];
    for (const route of fixture.app.apiRoutes.filter((route) => route.method !== "HEAD")) {
      const key = `${route.method} ${route.url}`;
      const operation = document.paths[route.url.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase()];
      if (!operation) {
        problems.push(`${key}: not in the document`);
        continue;
      }
      const security = JSON.stringify(operation.security ?? null);
      const wanted = JSON.stringify(route.access === "public" ? [] : [{ bearerAuth: [] }]);
      if (security !== wanted) problems.push(`${key}: security ${security}, expected ${wanted}`);
      if (!operation.tags?.length) problems.push(`${key}: no tags`);
      const statuses = Object.keys(operation.responses ?? {});
      if (!statuses.some((status) => status.startsWith("2"))) problems.push(`${key}: no success response`);
      if (!statuses.some((status) => status.startsWith("4"))) problems.push(`${key}: no error responses`);
      if (route.access !== "public" && !statuses.includes("401")) problems.push(`${key}: 401 not documented`);
      if (route.access === "staff" && !statuses.includes("403")) problems.push(`${key}: 403 not documented`);
    }
    expect(problems).toEqual([]);
  });

  it("answers every route × caller as the table says", async () => {
    const mismatches: string[] = [];
    for (const route of fixture.app.apiRoutes.filter((route) => route.method !== "HEAD")) {
      const key = `${route.method} ${route.url}`;
      const entry = TABLE[key];
      if (!entry) continue; // reported by the test above
      for (const caller of CALLERS) {
        const { url, payload, cookies } = await entry.call(fixture);
        const response = await fixture.app.inject({
          method: route.method as "GET",
          url,
          ...(payload && { payload }),
          ...(cookies && { cookies }),
          ...(caller !== "anonymous" && { headers: callers[caller].headers }),
        });
        if (response.statusCode !== entry.expect[caller]) {
          mismatches.push(
            `${key} as ${caller}: expected ${entry.expect[caller]}, got ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
        } else if (response.statusCode >= 400) {
          expect(response.json(), `${key} as ${caller}`).toMatchObject({
            error: { code: expect.any(String) },
          });
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000); // ~170 requests, some hashing passwords with argon2: slow on a busy machine
});
