import { beforeEach, describe, expect, it } from "vitest";
import { createInvitation } from "../../src/accounts/invitations.js";
import { createChain, createUser, GENEROUS_LIMITS, type TestUser } from "../helpers/app.js";
import { bearer, logIn, refresh, register } from "../helpers/auth.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS } });
let staff: TestUser;
let companyA: number;
let companyB: number;

beforeEach(async () => {
  companyA = (await createChain(t.testDb, "Alpha"))[2]?.id as number;
  companyB = (await createChain(t.testDb, "Beta"))[2]?.id as number;
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
});

const asStaff = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: staff.headers, ...(payload && { payload }) });

describe("POST /employees", () => {
  it("creates an employee without a password and a pending invitation that expires in 7 days", async () => {
    const response = await asStaff("POST", "/employees", {
      email: "anna@example.com",
      first_name: "Anna",
      company_id: companyA,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      email: "anna@example.com",
      first_name: "Anna",
      last_name: "",
      company_id: companyA,
      company: { id: companyA, name: "Alpha L2", level: "dealership" },
      is_active: true,
      last_login_at: null,
      invitation: { status: "pending" },
    });
    const days = (Date.parse(body.invitation.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    const [user] = await t.sql<{ password_hash: string | null; role: string }>(
      "select password_hash, role from users where id = $1",
      [body.id],
    );
    expect(user).toEqual({ password_hash: null, role: "employee" });
    const [invitation] = await t.sql<{ token_hash: string }>("select token_hash from invitations");
    expect(invitation?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 409 naming email for a duplicate in any case, and writes nothing", async () => {
    await asStaff("POST", "/employees", { email: "anna@example.com", company_id: companyA });
    const response = await asStaff("POST", "/employees", { email: "ANNA@example.com", company_id: companyB });
    expect(response.statusCode).toBe(409);
    expect(Object.keys(response.json().error.fields)).toEqual(["email"]);
    const [row] = await t.sql<{ users: number; invitations: number }>(
      "select (select count(*) from users where role = 'employee') as users, (select count(*) from invitations) as invitations",
    );
    expect(row).toEqual({ users: 1, invitations: 1 });
  });

  it("answers 400 naming company_id for an unknown company, and every bad field at once", async () => {
    const unknown = await asStaff("POST", "/employees", { email: "anna@example.com", company_id: 999_999 });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(unknown.json().error.fields)).toEqual(["company_id"]);
    const bad = await asStaff("POST", "/employees", {
      email: "not-an-email",
      company_id: "x",
      role: "staff",
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(["company_id", "email", "role"]);
    const [row] = await t.sql<{ n: number }>("select count(*) as n from invitations");
    expect(row?.n).toBe(0);
  });
});

describe("GET /employees", () => {
  beforeEach(async () => {
    for (const [email, first, company, active] of [
      ["boris@example.com", "Boris", companyA, true],
      ["anna@example.com", "Anna", companyA, false],
      ["vera_50%@example.com", "Vera", companyB, true],
    ] as const) {
      await t.sql(
        "insert into users (email, first_name, role, company_id, is_active) values ($1, $2, 'employee', $3, $4)",
        [email, first, company, active],
      );
    }
  });
  const emails = async (query: string) => {
    const response = await asStaff("GET", `/employees${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().results.map((employee: { email: string }) => employee.email);
  };

  it("lists employees only (not staff), filtered by company, is_active and search, in any order", async () => {
    expect(await emails("")).toEqual(["boris@example.com", "anna@example.com", "vera_50%@example.com"]);
    expect(await emails(`?company=${companyA}&ordering=email`)).toEqual([
      "anna@example.com",
      "boris@example.com",
    ]);
    expect(await emails("?is_active=false")).toEqual(["anna@example.com"]);
    expect(await emails("?search=BOR")).toEqual(["boris@example.com"]);
    expect(await emails("?search=_50%25")).toEqual(["vera_50%@example.com"]);
    expect(await emails("?search=%25")).toEqual(["vera_50%@example.com"]);
    expect(await emails("?ordering=-first_name")).toEqual([
      "vera_50%@example.com",
      "boris@example.com",
      "anna@example.com",
    ]);
  });

  it("paginates as DRF does and refuses unknown orderings", async () => {
    const response = await asStaff("GET", "/employees?page_size=2&page=2");
    expect(response.json()).toMatchObject({
      count: 3,
      next: null,
      results: [{ email: "vera_50%@example.com" }],
    });
    expect(response.json().previous).toMatch(/\/api\/v1\/employees\?page_size=2$/);
    const bad = await asStaff("GET", "/employees?ordering=password_hash&page_size=500");
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(["ordering", "page_size"]);
  });
});

describe("GET/PATCH/DELETE /employees/:id", () => {
  it("reads, changes and deletes one employee; a staff user's id is not an employee", async () => {
    const anna = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId: companyA,
    });
    const got = await asStaff("GET", `/employees/${anna.id}`);
    expect(got.json()).toMatchObject({ id: anna.id, invitation: null, company: { id: companyA } });

    const patched = await asStaff("PATCH", `/employees/${anna.id}`, {
      last_name: "Petrova",
      company_id: companyB,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      last_name: "Petrova",
      company_id: companyB,
      company: { id: companyB },
    });

    expect((await asStaff("GET", `/employees/${staff.id}`)).statusCode).toBe(404);
    expect((await asStaff("PATCH", `/employees/${staff.id}`, { first_name: "X" })).statusCode).toBe(404);
    expect((await asStaff("DELETE", `/employees/${staff.id}`)).statusCode).toBe(404);

    expect((await asStaff("DELETE", `/employees/${anna.id}`)).statusCode).toBe(204);
    expect((await asStaff("GET", `/employees/${anna.id}`)).statusCode).toBe(404);
    expect((await asStaff("DELETE", `/employees/${anna.id}`)).statusCode).toBe(404);
  });

  it("PATCH names the bad field: unknown company 400, taken email 409", async () => {
    const anna = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId: companyA,
    });
    const unknown = await asStaff("PATCH", `/employees/${anna.id}`, { company_id: 999_999 });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(unknown.json().error.fields)).toEqual(["company_id"]);
    const taken = await asStaff("PATCH", `/employees/${anna.id}`, { email: "STAFF@example.com" });
    expect(taken.statusCode).toBe(409);
    expect(Object.keys(taken.json().error.fields)).toEqual(["email"]);
  });

  it("deactivating signs the employee out: refresh tokens are revoked and the access token stops working", async () => {
    const anna = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId: companyA,
    });
    const pair = (await logIn(t.app, "anna@example.com")).json();
    const response = await asStaff("PATCH", `/employees/${anna.id}`, { is_active: false });
    expect(response.json().is_active).toBe(false);
    const [row] = await t.sql<{ n: number }>(
      "select count(*) as n from refresh_tokens where revoked_at is null",
    );
    expect(row?.n).toBe(0);
    expect((await refresh(t.app, pair.refresh)).statusCode).toBe(401);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer(pair.access) });
    expect(me.statusCode).toBe(401);
    expect((await logIn(t.app, "anna@example.com")).statusCode).toBe(401);
  });
});

describe("POST /employees/:id/resend_invite", () => {
  it("expires the earlier link and makes a new one; 409 once the employee has registered", async () => {
    const { id } = (
      await asStaff("POST", "/employees", { email: "anna@example.com", company_id: companyA })
    ).json();
    const oldToken = await createInvitation(t.app.db, id); // stands in for the link of the first email
    const response = await asStaff("POST", `/employees/${id}/resend_invite`);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ detail: "A new invitation was sent to anna@example.com." });
    const rows = await t.sql<{ live: boolean }>(
      "select expires_at > now() as live from invitations order by id",
    );
    expect(rows.map((row) => row.live)).toEqual([false, false, true]);
    const stale = await register(t.app, { token: oldToken, password: "long enough" });
    expect(stale.statusCode).toBe(400);
    expect((await asStaff("GET", `/employees/${id}`)).json().invitation.status).toBe("pending");

    const fresh = await createInvitation(t.app.db, id);
    const registered = await register(t.app, { token: fresh, password: "long enough" });
    expect(registered.statusCode).toBe(201);
    expect((await asStaff("GET", `/employees/${id}`)).json().invitation.status).toBe("accepted");
    expect((await asStaff("POST", `/employees/${id}/resend_invite`)).statusCode).toBe(409);
    expect((await asStaff("POST", "/employees/999999/resend_invite")).statusCode).toBe(404);
  });
});

describe("GET /companies/:id/employees", () => {
  it("shows an employee their colleagues, and any other company as a 404; staff see every company", async () => {
    const anna = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId: companyA,
    });
    await createUser(t.app, t.testDb, { email: "boris@example.com", role: "employee", companyId: companyA });
    await createUser(t.app, t.testDb, { email: "vera@example.com", role: "employee", companyId: companyB });
    const get = (user: TestUser, id: number) =>
      t.app.inject({
        method: "GET",
        url: `/api/v1/companies/${id}/employees?ordering=email`,
        headers: user.headers,
      });

    const own = await get(anna, companyA);
    expect(own.statusCode).toBe(200);
    expect(own.json().results.map((e: { email: string }) => e.email)).toEqual([
      "anna@example.com",
      "boris@example.com",
    ]);
    const other = await get(anna, companyB);
    expect(other.statusCode).toBe(404);
    expect((await get(anna, 999_999)).json()).toEqual(other.json());
    expect((await get(staff, companyB)).json().count).toBe(1);
    expect((await get(staff, 999_999)).statusCode).toBe(404);
  });
});
