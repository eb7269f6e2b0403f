import { userInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { issuePasswordReset } from "../../src/accounts/password-reset.js";
import { changedFields, pruneAuditLog, recordAudit } from "../../src/auth/audit.js";
import { OPERATIONS, type OperationContext } from "../../src/cli/operations.js";
import { createChain, createUser, GENEROUS_LIMITS, type TestUser, testConfig } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

// Moscow, so that the date filters must use the application's days and not UTC's.
const TIMEZONE = "Europe/Moscow";
const t = testApp({ config: { authRateLimit: GENEROUS_LIMITS, appTimezone: TIMEZONE } });

const IP = "203.0.113.7";
const NEW_PASSWORD = "violet-harbour-42";

const call = (user: TestUser, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: user.headers,
    remoteAddress: IP,
    ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
  });

interface Row {
  id: number;
  actor_id: number | null;
  actor_label: string;
  source: string;
  ip: string | null;
  object_type: string;
  object_id: string | null;
  action: string;
  changes: Record<string, [unknown, unknown]> | null;
  details: Record<string, unknown> | null;
}

/** Every entry, oldest first (each test starts with an empty log). */
const entries = () =>
  t.sql<Row>(
    "select id, actor_id, actor_label, source, ip, object_type, object_id, action, changes, details from audit_log order by id",
  );

/** Every entry as text, for looking for a secret in any column. */
const wholeLog = async () =>
  (await t.sql<{ row: string }>("select row_to_json(a)::text as row from audit_log a"))
    .map((r) => r.row)
    .join("\n");

const staffUser = () => createUser(t.app, t.testDb, { email: "olga@example.com", role: "staff" });
const byStaff = (staff: TestUser) => ({
  actor_id: staff.id,
  actor_label: staff.email,
  source: "api",
  ip: IP,
});

const FACTORY = {
  name: "Volga Works",
  email: "volga@example.com",
  country: "Russia",
  city: "Moscow",
  street: "Tverskaya",
  house_number: "1",
  level: "factory",
};

describe("the audit log records", () => {
  it("companies created, updated (the changed fields only) and deleted, and nothing for a refused change", async () => {
    const staff = await staffUser();
    const created = await call(staff, "POST", "/companies", FACTORY);
    expect(created.statusCode).toBe(201);
    const id = String(created.json().id);

    expect(
      (await call(staff, "PATCH", `/companies/${id}`, { city: "Tver", name: FACTORY.name })).statusCode,
    ).toBe(200);
    // Nothing changes, and a refused change rolls back with its entry.
    expect((await call(staff, "PATCH", `/companies/${id}`, { city: "Tver" })).statusCode).toBe(200);
    expect((await call(staff, "PATCH", `/companies/${id}`, { supplier_id: 999_999 })).statusCode).toBe(400);
    expect((await call(staff, "DELETE", `/companies/${id}`)).statusCode).toBe(204);

    expect(await entries()).toMatchObject([
      {
        ...byStaff(staff),
        object_type: "company",
        object_id: id,
        action: "create",
        changes: null,
        details: { name: FACTORY.name },
      },
      {
        ...byStaff(staff),
        object_type: "company",
        object_id: id,
        action: "update",
        changes: { city: ["Moscow", "Tver"] },
      },
      {
        ...byStaff(staff),
        object_type: "company",
        object_id: id,
        action: "delete",
        details: { name: FACTORY.name },
      },
    ]);
  });

  it("products created, updated and deleted", async () => {
    const staff = await staffUser();
    const created = await call(staff, "POST", "/products", { name: "Phone", model: "X1" });
    const id = String(created.json().id);
    await call(staff, "PATCH", `/products/${id}`, { model: "X2", release_date: "2024-01-31" });
    await call(staff, "DELETE", `/products/${id}`);
    expect(await entries()).toEqual([
      {
        ...byStaff(staff),
        id: expect.any(Number),
        object_type: "product",
        object_id: id,
        action: "create",
        changes: null,
        details: { name: "Phone", model: "X1" },
      },
      {
        ...byStaff(staff),
        id: expect.any(Number),
        object_type: "product",
        object_id: id,
        action: "update",
        changes: { model: ["X1", "X2"], release_date: [null, "2024-01-31"] },
        details: null,
      },
      {
        ...byStaff(staff),
        id: expect.any(Number),
        object_type: "product",
        object_id: id,
        action: "delete",
        changes: null,
        details: { name: "Phone", model: "X2" },
      },
    ]);
  });

  it("employees created and invited, invited again, deactivated apart from other changes, reactivated and deleted; never their link", async () => {
    const staff = await staffUser();
    const [factory] = await createChain(t.testDb, "Alpha");
    const created = await call(staff, "POST", "/employees", {
      email: "ivan@example.com",
      company_id: factory?.id,
    });
    expect(created.statusCode).toBe(201);
    const id = String(created.json().id);
    expect((await call(staff, "POST", `/employees/${id}/resend_invite`)).statusCode).toBe(202);
    await call(staff, "PATCH", `/employees/${id}`, { first_name: "Иван", is_active: false });
    await call(staff, "PATCH", `/employees/${id}`, { is_active: true });
    await call(staff, "DELETE", `/employees/${id}`);

    const employee = { ...byStaff(staff), object_type: "employee", object_id: id };
    expect(await entries()).toMatchObject([
      { ...employee, action: "create", details: { email: "ivan@example.com", company_id: factory?.id } },
      { ...employee, action: "invite", details: { email: "ivan@example.com", resent: false } },
      { ...employee, action: "invite", details: { email: "ivan@example.com", resent: true } },
      { ...employee, action: "deactivate", changes: { is_active: [true, false] } },
      { ...employee, action: "update", changes: { first_name: ["", "Иван"] } },
      { ...employee, action: "reactivate", changes: { is_active: [false, true] } },
      { ...employee, action: "delete", details: { email: "ivan@example.com" } },
    ]);
    const links = await t.sql<{ link: string }>(
      "select data->>'link' as link from pgboss.job where name = 'send-invitation'",
    );
    expect(links).toHaveLength(2);
    const log = await wholeLog();
    for (const { link } of links) {
      const token = decodeURIComponent(link.slice(link.indexOf("token=") + 6));
      expect(token.length).toBeGreaterThan(20);
      expect(log).not.toContain(token);
    }
  });

  it("staff users invited, updated, deactivated and reactivated, and nothing for a refused deactivation", async () => {
    const staff = await staffUser();
    const created = await call(staff, "POST", "/staff", { email: "vera@example.com" });
    const id = String(created.json().id);
    await call(staff, "PATCH", `/staff/${id}`, { last_name: "Petrova" });
    await call(staff, "PATCH", `/staff/${id}`, { is_active: false });
    await call(staff, "PATCH", `/staff/${id}`, { is_active: true });
    expect((await call(staff, "PATCH", `/staff/${staff.id}`, { is_active: false })).statusCode).toBe(409);

    const vera = { ...byStaff(staff), object_type: "staff", object_id: id };
    expect(await entries()).toMatchObject([
      { ...vera, action: "create", details: { email: "vera@example.com" } },
      { ...vera, action: "invite", details: { email: "vera@example.com", resent: false } },
      { ...vera, action: "update", changes: { last_name: ["", "Petrova"] } },
      { ...vera, action: "deactivate", changes: { is_active: [true, false] } },
      { ...vera, action: "reactivate", changes: { is_active: [false, true] } },
    ]);
  });

  it("clear-debt, done at once or handed to a job", async () => {
    const staff = await staffUser();
    const chain = await createChain(t.testDb, "Alpha");
    const owing = chain[2]?.id as number;
    const now = await call(staff, "POST", "/companies/clear_debt", { ids: [owing, owing] });
    expect(now.statusCode).toBe(200);
    // More than 20 distinct ids go to a job: the chain's five and 16 that name nothing.
    const ids = [...chain.map((company) => company.id), ...Array.from({ length: 16 }, (_, i) => 900_000 + i)];
    const queued = await call(staff, "POST", "/companies/clear_debt", { ids });
    expect(queued.statusCode).toBe(202);

    expect(await entries()).toMatchObject([
      {
        ...byStaff(staff),
        object_type: "company",
        object_id: String(owing),
        action: "clear_debt",
        details: {
          ids: 1,
          companies: 1,
          unknown_ids: 0,
          cleared: 1,
          written_off: "100.50",
          skipped_factories: 0,
        },
      },
      {
        ...byStaff(staff),
        object_type: "company",
        object_id: null,
        action: "clear_debt",
        details: { ids: 21, companies: 5, unknown_ids: 16, job_id: queued.json().job_id },
      },
    ]);
  });

  it("a password reset by the account's owner and a password change, without either password or the link", async () => {
    const [company] = await createChain(t.testDb, "Alpha");
    const employee = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId: company?.id as number,
    });
    const changed = await call(employee, "POST", "/auth/password/change", {
      current_password: "1",
      new_password: NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(200);
    const reset = await issuePasswordReset(t.app.db, employee.email);
    const confirmed = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password/reset/confirm",
      remoteAddress: IP,
      payload: { token: reset?.token, password: `${NEW_PASSWORD}-again` },
    });
    expect(confirmed.statusCode).toBe(200);

    const own = { actor_id: employee.id, actor_label: employee.email, source: "api", ip: IP };
    expect(await entries()).toMatchObject([
      {
        ...own,
        object_type: "employee",
        object_id: String(employee.id),
        action: "change_password",
        changes: null,
      },
      {
        ...own,
        object_type: "employee",
        object_id: String(employee.id),
        action: "password_reset",
        changes: null,
      },
    ]);
    const [{ hash } = { hash: "" }] = await t.sql<{ hash: string }>(
      "select password_hash as hash from users where id = $1",
      [employee.id],
    );
    const log = await wholeLog();
    for (const secret of [
      NEW_PASSWORD,
      reset?.token as string,
      hash,
      changed.json().refresh,
      changed.json().access,
    ])
      expect(log).not.toContain(secret);
  });

  it("createsuperuser, changepassword and run-task from the command line, as the operating-system user", async () => {
    const context: OperationContext = {
      database: t.testDb.database,
      config: testConfig(),
      progress: () => {},
    };
    const { id } = await OPERATIONS.createSuperuser(context, {
      email: "root@example.com",
      password: NEW_PASSWORD,
    });
    await OPERATIONS.changePassword(context, { email: "ROOT@example.com", password: `${NEW_PASSWORD}-2` });
    await createChain(t.testDb, "Alpha");
    await OPERATIONS.runTask(context, { name: "accrue-debt" });

    const cli = { actor_id: null, actor_label: userInfo().username, source: "cli", ip: null };
    expect(await entries()).toMatchObject([
      {
        ...cli,
        object_type: "staff",
        object_id: String(id),
        action: "createsuperuser",
        details: { email: "root@example.com" },
      },
      { ...cli, object_type: "staff", object_id: String(id), action: "change_password" },
      {
        ...cli,
        object_type: "task",
        object_id: "accrue-debt",
        action: "run_task",
        details: { companies_touched: 4, slot: expect.any(String), total_change: expect.any(String) },
      },
    ]);
    const log = await wholeLog();
    expect(log).not.toContain(NEW_PASSWORD);
    expect(log).not.toContain("$argon2id$");
  });
});

describe("the audit log itself", () => {
  it("drops credential-like keys at any depth, and changedFields lists only what changed", async () => {
    const staff = await staffUser();
    await recordAudit(
      t.app.db,
      { userId: staff.id, source: "api", ip: null },
      {
        action: "update",
        objectType: "staff",
        objectId: staff.id,
        changes: { password_hash: ["a", "b"], first_name: ["A", "B"] },
        details: { new_password: "x", nested: [{ refresh_token: "y", kept: 1 }], secret: "z" },
      },
    );
    expect(await entries()).toMatchObject([
      { changes: { first_name: ["A", "B"] }, details: { nested: [{ kept: 1 }] } },
    ]);
    expect(
      changedFields({ a: 1, b: [1, 2], c: null, d: "x" }, { a: 1, b: [1, 3], c: "now", d: "y" }, [
        "a",
        "b",
        "c",
      ]),
    ).toEqual({
      b: [
        [1, 2],
        [1, 3],
      ],
      c: [null, "now"],
    });
  });

  it("refuses UPDATE and DELETE, while pruneAuditLog removes the old entries, and only inside its transaction", async () => {
    const staff = await staffUser();
    await t.sql(
      `insert into audit_log (at, actor_id, actor_label, source, object_type, object_id, action)
       values (now() - interval '400 days', $1, 'old', 'api', 'company', '1', 'create'),
              (now() - interval '10 days', $1, 'recent', 'api', 'company', '1', 'update')`,
      [staff.id],
    );
    await expect(t.sql("update audit_log set action = 'delete'")).rejects.toThrow(/append-only: UPDATE/);
    await expect(t.sql("delete from audit_log")).rejects.toThrow(/append-only: DELETE/);
    await expect(
      t.sql(
        "select set_config('supplynet.audit_retention', 'on', true); update audit_log set action = 'delete'",
      ),
    ).rejects.toThrow(/append-only/);

    const pruned = await t.app.db.transaction((tx) =>
      pruneAuditLog(tx, new Date(Date.now() - 365 * 24 * 60 * 60 * 1000)),
    );
    expect(pruned).toBe(1);
    expect((await entries()).map((entry) => entry.actor_label)).toEqual(["recent"]);
    // The setting ended with the prune's transaction.
    await expect(t.sql("delete from audit_log")).rejects.toThrow(/append-only/);
  });
});

describe("GET /api/v1/audit_log", () => {
  async function seedEntries(staff: TestUser, other: TestUser) {
    // Moscow is UTC+3: 23:30 on 10 March there is 20:30 UTC, and 00:30 on 11 March is 21:30 UTC on the 10th.
    await t.sql(
      `insert into audit_log (at, actor_id, actor_label, source, ip, object_type, object_id, action, changes, details) values
        (('2026-03-10 09:00'::timestamp at time zone $3), $1, 'olga@example.com', 'api', '198.51.100.1', 'company', '7', 'update',
          '{"city": ["Moscow", "Tver"]}', null),
        (('2026-03-10 23:30'::timestamp at time zone $3), $2, 'pavel@example.com', 'api', '198.51.100.2', 'product', '3', 'delete',
          null, '{"name": "Phone"}'),
        (('2026-03-11 00:30'::timestamp at time zone $3), null, 'root', 'cli', null, 'task', 'accrue-debt', 'run_task',
          null, '{"companies_touched": 4}')`,
      [staff.id, other.id, TIMEZONE],
    );
  }

  it("pages the entries newest first, each whole, and filters them", async () => {
    const staff = await staffUser();
    const pavel = await createUser(t.app, t.testDb, { email: "pavel@example.com", role: "staff" });
    await seedEntries(staff, pavel);
    const list = async (query = "") => {
      const answer = await call(staff, "GET", `/audit_log${query}`);
      expect(answer.statusCode).toBe(200);
      return answer.json();
    };

    const all = await list();
    expect(all).toMatchObject({ count: 3, next: null, previous: null });
    expect(all.results.map((entry: Row) => entry.action)).toEqual(["run_task", "delete", "update"]);
    expect(all.results[2]).toEqual({
      id: expect.any(Number),
      at: "2026-03-10T06:00:00.000Z",
      actor_id: staff.id,
      actor_label: "olga@example.com",
      source: "api",
      ip: "198.51.100.1",
      object_type: "company",
      object_id: "7",
      action: "update",
      changes: { city: ["Moscow", "Tver"] },
      details: null,
    });
    expect((await list("?ordering=at")).results.map((entry: Row) => entry.action)).toEqual([
      "update",
      "delete",
      "run_task",
    ]);
    const actions = async (query: string) => (await list(query)).results.map((entry: Row) => entry.action);
    expect(await actions(`?actor_id=${pavel.id}`)).toEqual(["delete"]);
    expect(await actions("?object_type=task&object_id=accrue-debt")).toEqual(["run_task"]);
    expect(await actions("?object_type=company&object_id=3")).toEqual([]);
    expect(await actions("?action=update")).toEqual(["update"]);
    expect(await actions("?source=cli")).toEqual(["run_task"]);
    expect(await actions("?date_to=2026-03-10")).toEqual(["delete", "update"]);
    expect(await actions("?date_from=2026-03-11")).toEqual(["run_task"]);
    expect(await actions("?date_from=2026-03-10&date_to=2026-03-10&source=api")).toEqual([
      "delete",
      "update",
    ]);

    const second = await list("?page_size=2&page=2");
    expect(second).toMatchObject({ count: 3, next: null });
    expect(second.results).toHaveLength(1);
    expect((await call(staff, "GET", "/audit_log?action=drop_table")).statusCode).toBe(400);
    expect((await call(staff, "GET", "/audit_log?date_from=10.03.2026")).statusCode).toBe(400);
  });

  it("is staff's only: an employee is refused with 403", async () => {
    const [company] = await createChain(t.testDb, "Alpha");
    const employee = await createUser(t.app, t.testDb, {
      email: "anna@example.com",
      role: "employee",
      companyId: company?.id as number,
    });
    const answer = await call(employee, "GET", "/audit_log");
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error.code).toBe("forbidden");
  });
});
