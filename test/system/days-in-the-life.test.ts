import { beforeAll, describe, expect, it } from "vitest";
import { DEBT_CEILING } from "../../src/debts/debt.js";
import { SCHEDULES } from "../../src/debts/schedules.js";
import type { Mailer } from "../../src/mail/transport.js";
import { createChain, createUser, type TestCompany, type TestUser } from "../helpers/app.js";
import { type DocumentedResponses, documentedResponses } from "../helpers/documented-responses.js";
import { testApp } from "../helpers/fixture.js";
import { ledgerMismatches } from "../helpers/ledger.js";
import { waitForJob } from "../helpers/worker.js";

/**
 * Two days of the network as production lives them, in simulated time: every cron slot of two days (16
 * accruals, 2 repayments) goes through the real queue and worker, with staff editing and clearing debts in
 * between. After each run every GET route of the route table is called as staff and as an employee, and each
 * answer must have the status that caller should get and a body that keeps the route's documented schema.
 */

let documented: DocumentedResponses;
let staff: TestUser;
let employee: TestUser;
let chains: TestCompany[][];

/** QR emails and invitations are sent by the worker; where they go is test/mail's subject, not this one's. */
const discardingMailer: Mailer = { send: async () => "discarded", close() {} };

const t = testApp({ worker: { mailer: discardingMailer }, truncate: false });

/** The first simulated day starts here, in the schedules' time zone (UTC in the tests). */
const DAY_ONE = Date.parse("2026-03-02T00:00:00Z");
const HOUR = 3_600_000;

type Task = keyof typeof SCHEDULES;
interface Slot {
  task: Task;
  at: Date;
}

/** Every slot of the two days, in order: accruals every 3 hours from 00:00, a repayment at 06:30. */
function twoDaysOfSlots(): Slot[] {
  const slots: Slot[] = [];
  for (let day = 0; day < 2; day++) {
    const midnight = DAY_ONE + day * 24 * HOUR;
    for (let hour = 0; hour < 24; hour += 3) {
      slots.push({ task: "accrue-debt", at: new Date(midnight + hour * HOUR) });
    }
    slots.push({ task: "repay-debt", at: new Date(midnight + 6.5 * HOUR) });
  }
  return slots.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** An answer with no 5xx, whose body keeps the documented schema for its status. */
async function call(
  method: "GET" | "POST" | "PATCH",
  url: string,
  route: string,
  user: TestUser,
  payload?: object,
) {
  const response = await t.app.inject({
    method,
    url,
    headers: user.headers,
    ...(payload ? { payload } : {}),
  });
  expect(documented.problems(method, route, response)).toEqual([]);
  return response;
}

// ——— the scheduled runs ———

const supplierDebtTotal = async () =>
  (
    await t.sql<{ total: string }>(
      "select coalesce(sum(debt), 0)::text as total from companies where supplier_id is not null",
    )
  )[0]?.total as string;

/** Exact difference of two money strings, in SQL. */
const difference = async (after: string, before: string) =>
  (await t.sql<{ change: string }>("select ($1::numeric - $2::numeric)::text as change", [after, before]))[0]
    ?.change;

let lastJobId = "";

/** Enqueues the slot's job as the cron would, and lets the worker run it. */
async function runSlot({ task, at }: Slot) {
  const before = await supplierDebtTotal();
  const [{ touched } = { touched: 0 }] = await t.sql<{ touched: number }>(
    "select count(*)::int as touched from companies where supplier_id is not null",
  );
  lastJobId = await t.worker.queue.enqueue(task, { slot: at.toISOString() });
  const job = await waitForJob(t.worker.queue, lastJobId);
  expect(job.state, `${task} at ${at.toISOString()}: ${job.error}`).toBe("completed");
  const change = await difference(await supplierDebtTotal(), before);
  const [{ atCeiling } = { atCeiling: -1 }] = await t.sql<{ atCeiling: number }>(
    `select count(*)::int as "atCeiling" from companies where debt = ${DEBT_CEILING}`,
  );
  expect(job.result).toEqual({
    slot: at.toISOString(),
    companies_touched: touched,
    total_change: change,
    companies_at_ceiling: atCeiling,
  });
  expect(await ledgerMismatches(t), `${task} at ${at.toISOString()}: the ledger explains every debt`).toEqual(
    [],
  );
  if (task === "repay-debt") expect(Number(change)).toBeLessThan(0);
  // Everyone accrued at least 5.00, but for a company at the ceiling.
  else expect(Number(change)).toBeGreaterThanOrEqual(5 * (touched - atCeiling));
}

// ——— staff's edits between runs ———

let edits = 0;
const editors = [
  async function renameEmployeesCompany() {
    const id = employee.companyId as number;
    const response = await call("PATCH", `/api/v1/companies/${id}`, "/api/v1/companies/:id", staff, {
      name: `Alpha Dealer, renamed ${edits}`,
    });
    expect(response.statusCode).toBe(200);
  },
  async function createCompany() {
    const retailChain = chains[1]?.[3] as TestCompany;
    const response = await call("POST", "/api/v1/companies", "/api/v1/companies", staff, {
      name: `Newcomer ${edits}`,
      email: `newcomer${edits}@example.com`,
      country: "Russia",
      city: "Kazan",
      street: "Baumana",
      house_number: String(edits),
      level: "entrepreneur",
      supplier_id: retailChain.id,
    });
    expect(response.statusCode).toBe(201);
  },
  async function createProductForTheEmployeesCompany() {
    const created = await call("POST", "/api/v1/products", "/api/v1/products", staff, {
      name: `Phone ${edits}`,
      model: `X${edits}`,
      release_date: "2026-01-31",
    });
    expect(created.statusCode).toBe(201);
    const ids = (await t.sql<{ id: number }>("select id from products order by id")).map((row) => row.id);
    const id = employee.companyId as number;
    // The employee's company sells every product but the first, which another company sells.
    const linked = await call("PATCH", `/api/v1/companies/${id}`, "/api/v1/companies/:id", staff, {
      product_ids: ids.slice(1),
    });
    expect(linked.statusCode).toBe(200);
  },
  async function clearDebtByJob() {
    // Every company outside the employee's chain, and one id that names none: more than 20, so a job.
    const ids = (
      await t.sql<{ id: number }>("select id from companies where not id = any($1::int[]) order by id", [
        chains[0]?.map((company) => company.id),
      ])
    ).map((row) => row.id);
    const response = await call(
      "POST",
      "/api/v1/companies/clear_debt",
      "/api/v1/companies/clear_debt",
      staff,
      {
        ids: [...ids, 2_000_000_000],
      },
    );
    expect(response.statusCode).toBe(202);
    expect(response.json().unknown_ids).toEqual([2_000_000_000]);
    lastJobId = response.json().job_id;
    const job = await waitForJob(t.worker.queue, lastJobId);
    expect(job.state, job.error ?? "").toBe("completed");
    expect(
      await t.sql("select count(*)::int as n from companies where id = any($1::int[]) and debt <> 0", [ids]),
    ).toEqual([{ n: 0 }]);
    await sweep("after a clear-debt job");
  },
  async function clearDebtAtOnce() {
    const ids = (chains[2] ?? []).map((company) => company.id);
    const response = await call(
      "POST",
      "/api/v1/companies/clear_debt",
      "/api/v1/companies/clear_debt",
      staff,
      {
        ids,
      },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ cleared: 4, skipped_factories: 1, unknown_ids: [] });
  },
];

async function editBetweenRuns() {
  await (editors[edits % editors.length] as () => Promise<void>)();
  edits++;
}

// ——— every GET route, as staff and as an employee ———

interface Expected {
  path: string;
  status: number;
}

interface World {
  own: number;
  other: number;
  factory: number;
  ownProduct: number;
  otherProduct: number;
  employeeUserId: number;
  jobId: string;
}

async function world(): Promise<World> {
  const [products] = await t.sql<{ own: number; other: number }>(
    `select min(product_id) filter (where company_id = $1)::int as own,
            min(p.id) filter (where not exists (
              select 1 from company_products o where o.product_id = p.id and o.company_id = $1))::int as other
     from products p left join company_products cp on cp.product_id = p.id`,
    [employee.companyId],
  );
  return {
    own: employee.companyId as number,
    other: chains[3]?.[2]?.id as number,
    factory: chains[0]?.[0]?.id as number,
    ownProduct: products?.own as number,
    otherProduct: products?.other as number,
    employeeUserId: employee.id,
    jobId: lastJobId,
  };
}

const MISSING_ID = 2_147_483_647;
const staffOnly = (path: string, isStaff: boolean): Expected[] => [{ path, status: isStaff ? 200 : 403 }];
/** A company's own page: staff see any, an employee only theirs; another is a 404, as is a missing one. */
const perCompany =
  (suffix: string) =>
  (isStaff: boolean, w: World): Expected[] => [
    { path: `/api/v1/companies/${w.own}${suffix}`, status: 200 },
    { path: `/api/v1/companies/${w.other}${suffix}`, status: isStaff ? 200 : 404 },
    { path: `/api/v1/companies/${MISSING_ID}${suffix}`, status: 404 },
  ];

/** What each GET route of the route table should answer; the test fails until a new route is added here. */
const EXPECTED: Record<string, (isStaff: boolean, w: World) => Expected[]> = {
  "/health": () => [{ path: "/health", status: 200 }],
  "/api/v1": () => [{ path: "/api/v1", status: 200 }],
  "/api/v1/auth/me": () => [{ path: "/api/v1/auth/me", status: 200 }],
  "/api/v1/employees": (isStaff) => staffOnly("/api/v1/employees", isStaff),
  "/api/v1/employees/:id": (isStaff, w) => staffOnly(`/api/v1/employees/${w.employeeUserId}`, isStaff),
  "/api/v1/companies": () => [
    { path: "/api/v1/companies", status: 200 },
    { path: "/api/v1/companies?ordering=-debt&page_size=100", status: 200 },
  ],
  "/api/v1/companies/ids": (isStaff) => staffOnly("/api/v1/companies/ids", isStaff),
  "/api/v1/companies/debt_above_average": (isStaff) =>
    staffOnly("/api/v1/companies/debt_above_average", isStaff),
  "/api/v1/companies/:id": perCompany(""),
  "/api/v1/companies/:id/employees": perCompany("/employees"),
  "/api/v1/companies/:id/products": perCompany("/products"),
  "/api/v1/companies/:id/debt_history": perCompany("/debt_history"),
  "/api/v1/companies/:id/debt_chart": perCompany("/debt_chart"),
  "/api/v1/companies/:id/tree": (isStaff, w) => staffOnly(`/api/v1/companies/${w.factory}/tree`, isStaff),
  "/api/v1/companies/:id/get_qr": (isStaff, w) => [
    { path: `/api/v1/companies/${w.own}/get_qr`, status: 202 },
    ...(isStaff ? [] : [{ path: `/api/v1/companies/${w.other}/get_qr`, status: 404 }]),
  ],
  "/api/v1/products": () => [{ path: "/api/v1/products", status: 200 }],
  "/api/v1/products/:id": (isStaff, w) => [
    { path: `/api/v1/products/${w.ownProduct}`, status: 200 },
    { path: `/api/v1/products/${w.otherProduct}`, status: isStaff ? 200 : 404 },
  ],
  "/api/v1/stats": (isStaff) => staffOnly("/api/v1/stats", isStaff),
  "/api/v1/stats/debt_totals": (isStaff) => staffOnly("/api/v1/stats/debt_totals", isStaff),
  "/api/v1/audit_log": (isStaff) => staffOnly("/api/v1/audit_log", isStaff),
  "/api/v1/jobs/:id": (isStaff, w) => staffOnly(`/api/v1/jobs/${w.jobId}`, isStaff),
  "/api/v1/jobs": (isStaff) => [
    ...staffOnly("/api/v1/jobs", isStaff),
    ...staffOnly("/api/v1/jobs?state=completed&name=accrue-debt&page_size=100", isStaff),
  ],
  "/api/v1/jobs/queues": (isStaff) => staffOnly("/api/v1/jobs/queues", isStaff),
  "/api/v1/schedules": (isStaff) => staffOnly("/api/v1/schedules", isStaff),
  "/api/v1/staff": (isStaff) => staffOnly("/api/v1/staff", isStaff),
  "/api/v1/staff/:id": (isStaff) => staffOnly(`/api/v1/staff/${staff.id}`, isStaff),
  // An employee's exports hold their own company's rows (test/api/export.test.ts checks which).
  "/api/v1/companies/export.csv": () => [{ path: "/api/v1/companies/export.csv", status: 200 }],
  "/api/v1/products/export.csv": () => [{ path: "/api/v1/products/export.csv", status: 200 }],
  "/api/v1/employees/export.csv": (isStaff) => staffOnly("/api/v1/employees/export.csv", isStaff),
};

/** get_qr sends an email, so it is limited per user; past the limit the documented answer is a 429. */
const QR_LIMIT = 5;
const qrCalls = new Map<number, number>();

function getRoutes(): string[] {
  const routes = t.app.apiRoutes.filter((route) => route.method === "GET").map((route) => route.url);
  return ["/health", ...new Set(routes)];
}

async function sweep(moment: string) {
  const w = await world();
  for (const user of [staff, employee]) {
    const isStaff = user === staff;
    for (const route of getRoutes()) {
      for (const { path, status } of (EXPECTED[route] as NonNullable<(typeof EXPECTED)[string]>)(
        isStaff,
        w,
      )) {
        const response = await t.app.inject({ method: "GET", url: path, headers: user.headers });
        const label = `${moment}: GET ${path} as ${user.email}`;
        expect(response.statusCode, `${label}: ${response.body}`).toSatisfy(
          (actual: number) =>
            actual === status ||
            (route.endsWith("/get_qr") && actual === 429 && (qrCalls.get(user.id) ?? 0) >= QR_LIMIT),
        );
        if (route.endsWith("/get_qr")) qrCalls.set(user.id, (qrCalls.get(user.id) ?? 0) + 1);
        expect(documented.problems("GET", route, response), label).toEqual([]);
      }
    }
  }
  await checkFigures(moment);
}

/** Beyond the shapes, the figures the dashboard and the employee see agree with the database. */
async function checkFigures(moment: string) {
  const stats = (await t.app.inject({ method: "GET", url: "/api/v1/stats", headers: staff.headers })).json();
  const [totals] = await t.sql<{ total: string }>("select sum(debt)::text as total from companies");
  expect(stats.total_debt, moment).toBe(totals?.total);
  const lastRuns = await t.sql<{ task: string; slot: Date; total_change: string }>(
    "select distinct on (task) task, slot, total_change::text from task_runs order by task, slot desc",
  );
  const shown = stats.tasks
    .filter((task: { last_run: unknown }) => task.last_run)
    .map((task: { task: string; last_run: { slot: string; total_change: string } }) => ({
      task: task.task,
      slot: new Date(task.last_run.slot),
      total_change: task.last_run.total_change,
    }));
  expect(shown, moment).toEqual(lastRuns);
  const own = (
    await t.app.inject({ method: "GET", url: "/api/v1/companies", headers: employee.headers })
  ).json();
  const [debt] = await t.sql<{ debt: string }>("select debt::text as debt from companies where id = $1", [
    employee.companyId,
  ]);
  expect(own, moment).toMatchObject({ count: 1, results: [{ id: employee.companyId, debt: debt?.debt }] });
}

beforeAll(async () => {
  // The real clock must not fire a slot of its own while the simulated days run.
  for (const task of Object.keys(SCHEDULES)) await t.worker.queue.unschedule(task as keyof typeof SCHEDULES);
  documented = documentedResponses(t.app);
  chains = [];
  for (const label of ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"])
    chains.push(await createChain(t.testDb, label));
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  employee = await createUser(t.app, t.testDb, {
    email: "employee@example.com",
    role: "employee",
    companyId: chains[0]?.[2]?.id as number,
  });
  await createUser(t.app, t.testDb, {
    email: "colleague@example.com",
    role: "employee",
    companyId: employee.companyId,
  });
  // One company at the column's ceiling (reachable by raw SQL or years of accrual): its accruals stop there,
  // everyone else's go on, and the network's total debt outgrows one debt's 13 digits.
  await t.sql(`update companies set debt = ${DEBT_CEILING} where id = $1`, [chains[0]?.[4]?.id]);
  // Something for the product routes to show before staff's first edit.
  await t.sql("insert into products (name, model) values ('Radio', 'R1'), ('Television', 'T1')");
  await t.sql("insert into company_products (company_id, product_id) select $1, max(id) from products", [
    employee.companyId,
  ]);
}, 120_000);

describe("two days in the life of the network", () => {
  it("survives 16 accruals, 2 repayments, clear-debt jobs and staff edits, every GET answering as documented", async () => {
    expect(Object.keys(EXPECTED).sort(), "every GET route, and only those, has its expectations").toEqual(
      getRoutes().sort(),
    );
    const slots = twoDaysOfSlots();
    expect(slots.filter((slot) => slot.task === "accrue-debt")).toHaveLength(16);
    expect(slots.filter((slot) => slot.task === "repay-debt")).toHaveLength(2);
    for (const [index, slot] of slots.entries()) {
      await runSlot(slot);
      await sweep(`after ${slot.task} at ${slot.at.toISOString()}`);
      if (index < slots.length - 1) await editBetweenRuns();
    }
    expect(
      await t.sql("select task, count(*)::int as runs from task_runs group by task order by task"),
    ).toEqual([
      { task: "accrue-debt", runs: 16 },
      { task: "repay-debt", runs: 2 },
    ]);
    expect(edits).toBe(slots.length - 1);
  }, 240_000);
});
