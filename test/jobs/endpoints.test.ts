import { beforeAll, describe, expect, it } from "vitest";
import { mailQueueSettings } from "../../src/mail/mail-task.js";
import type { Mailer, MailMessage } from "../../src/mail/transport.js";
import { TASKS } from "../../src/worker.js";
import { createChain, createUser, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { insertNetwork, waitForJob } from "../helpers/worker.js";

let staff: TestUser;
const sent: MailMessage[] = [];

/** Keeps messages in memory: these tests are about the routes and the queue; test/mail covers real SMTP. */
const recordingMailer: Mailer = {
  async send(message) {
    sent.push(message);
    return `memory:${sent.length}`;
  },
  close() {},
};

const t = testApp({ worker: { mailer: recordingMailer }, truncate: false });
beforeAll(async () => {
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
});

const clearDebt = (ids: unknown, headers: Record<string, string> = staff.headers) =>
  t.app.inject({ method: "POST", url: "/api/v1/companies/clear_debt", headers, payload: { ids } });
const debts = async (ids: number[]) =>
  (
    await t.sql<{ debt: string }>("select debt from companies where id = any($1::int[]) order by id", [ids])
  ).map((row) => row.debt);

describe("POST /companies/clear_debt", () => {
  it("clears up to 20 companies at once: 200 {cleared, written_off, skipped_factories, unknown_ids}, factories and others left alone", async () => {
    const chain = await createChain(t.testDb, "Clear");
    const other = await createChain(t.testDb, "Other");
    const ids = chain.map((company) => company.id);
    const response = await clearDebt([...ids, ids[1], 987_654]);
    expect(response.statusCode).toBe(200);
    // Four companies at 100.50; the factory is skipped.
    expect(response.json()).toEqual({
      cleared: 4,
      written_off: "402.00",
      skipped_factories: 1,
      unknown_ids: [987_654],
    });
    expect(await debts(ids)).toEqual(["0.00", "0.00", "0.00", "0.00", "0.00"]);
    expect(await debts(other.slice(1).map((company) => company.id))).toEqual([
      "100.50",
      "100.50",
      "100.50",
      "100.50",
    ]);
  });

  it("hands more than 20 to a job: 202 {job_id, unknown_ids}, then GET /jobs/:id reaches completed", async () => {
    await t.testDb.truncate();
    staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
    await insertNetwork(t.testDb, 200);
    await t.sql("update companies set debt = 10 where level = 1");
    const targets = (
      await t.sql<{ id: number }>("select id from companies where level = 1 order by id limit 30")
    ).map((row) => row.id);
    const [factory] = await t.sql<{ id: number }>("select min(id)::int as id from companies where level = 0");
    const response = await clearDebt([...targets, factory?.id, 5_000_000, 5_000_001]);
    expect(response.statusCode).toBe(202);
    const { job_id, unknown_ids } = response.json();
    expect(unknown_ids).toEqual([5_000_000, 5_000_001]);

    const job = await waitForJob(t.worker.queue, job_id);
    const status = await t.app.inject({
      method: "GET",
      url: `/api/v1/jobs/${job_id}`,
      headers: staff.headers,
    });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      id: job_id,
      name: "clear-debt",
      state: "completed",
      result: { cleared: 30, written_off: "300.00", skipped_factories: 1 },
      error: null,
    });
    expect(job.completedAt).toBeInstanceOf(Date);
    expect(new Set(await debts(targets))).toEqual(new Set(["0.00"]));
    expect(await t.sql("select count(*)::int as n from companies where level = 1 and debt = 10")).toEqual([
      { n: 168 },
    ]);
    expect(await t.sql("select count(*)::int as n from companies where level = 0 and debt <> 0")).toEqual([
      { n: 0 },
    ]);
  });

  it("takes 100,000 ids in one request", async () => {
    const ids = Array.from({ length: 100_000 }, (_, index) => index + 1);
    const response = await clearDebt(ids);
    expect(response.statusCode).toBe(202);
    expect(response.json().unknown_ids).toHaveLength(100_000 - 200);
    await waitForJob(t.worker.queue, response.json().job_id, ["completed"]);
    expect(await t.sql("select count(*)::int as n from companies where debt <> 0")).toEqual([{ n: 0 }]);
  });

  it("refuses bad input with 400 naming the field, and more than 100,000 ids", async () => {
    for (const ids of [[], ["x"], [0], [1.5], "1,2"]) {
      const response = await clearDebt(ids);
      expect(response.statusCode, JSON.stringify(ids)).toBe(400);
      expect(Object.keys(response.json().error.fields).join()).toMatch(/^ids/);
    }
    const tooMany = await clearDebt(Array.from({ length: 100_001 }, (_, index) => index + 1));
    expect(tooMany.statusCode).toBe(400);
    const missing = await t.app.inject({
      method: "POST",
      url: "/api/v1/companies/clear_debt",
      headers: staff.headers,
      payload: {},
    });
    expect(missing.json().error.fields).toEqual({ ids: ["This field is required."] });
  });

  it("is for staff: 403 for an employee, 401 without a token", async () => {
    const [company] = await createChain(t.testDb, "Perm");
    const employee = await createUser(t.app, t.testDb, {
      email: "e1@example.com",
      role: "employee",
      companyId: company?.id,
    });
    expect((await clearDebt([1], employee.headers)).statusCode).toBe(403);
    expect((await clearDebt([1], {})).statusCode).toBe(401);
    const jobId = "7d0c7d62-4f55-4c1a-9f52-2d1f4a3f6a10";
    expect(
      (await t.app.inject({ method: "GET", url: `/api/v1/jobs/${jobId}`, headers: employee.headers }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/jobs/${jobId}` })).statusCode).toBe(401);
  });
});

describe("GET /jobs/:id", () => {
  it("answers 400 for a malformed id and 404 for an unknown one", async () => {
    const bad = await t.app.inject({ method: "GET", url: "/api/v1/jobs/not-a-uuid", headers: staff.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty("id");
    const unknown = await t.app.inject({
      method: "GET",
      url: "/api/v1/jobs/7d0c7d62-4f55-4c1a-9f52-2d1f4a3f6a10",
      headers: staff.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("shows a job that keeps failing as queued while it retries, then failed with its error", async () => {
    const started = Date.now();
    const jobId = await t.worker.queue.enqueue(
      "send-qr-email",
      { company_id: 2_000_000, user_id: staff.id },
      { retryLimit: 2, retryDelay: 1 },
    );
    const seen = new Set<string>();
    let body: Record<string, unknown> = {};
    while (body.state !== "failed" && Date.now() - started < 25_000) {
      const response = await t.app.inject({
        method: "GET",
        url: `/api/v1/jobs/${jobId}`,
        headers: staff.headers,
      });
      body = response.json();
      seen.add(String(body.state));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(body).toMatchObject({
      state: "failed",
      result: null,
      error: "Company 2000000 no longer exists.",
    });
    expect(body.completed_at).toEqual(expect.any(String));
    expect(seen).toContain("queued");
    const [attempts] = await t.sql<{ retry_count: number; retry_backoff: boolean }>(
      "select retry_count, retry_backoff from pgboss.job where id = $1",
      [jobId],
    );
    expect(attempts).toEqual({ retry_count: 2, retry_backoff: false });
    // Two retries a fixed second apart.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it("keeps mail for a day while SMTP is away, trying at least every 15 minutes", async () => {
    const queues = await t.sql<{
      name: string;
      retry_limit: number;
      retry_delay: number;
      retry_backoff: boolean;
    }>(
      "select name, retry_limit, retry_delay, retry_backoff from pgboss.queue where name like 'send-%' order by name",
    );
    // Every mail task's queue, whichever are added later.
    const mailTasks = Object.values(TASKS)
      .filter((task) => task.settings === mailQueueSettings)
      .map((task) => task.name)
      .sort();
    expect(mailTasks).toEqual(["send-invitation", "send-password-reset", "send-qr-email"]);
    expect(queues.map((queue) => queue.name)).toEqual(mailTasks);
    for (const queue of queues) {
      expect(queue.retry_backoff).toBe(false);
      expect(queue.retry_delay).toBeLessThanOrEqual(15 * 60);
      expect(queue.retry_limit * queue.retry_delay).toBeGreaterThanOrEqual(24 * 3600);
    }
  });
});

describe("GET|POST /companies/:id/get_qr", () => {
  it("answers 202 to an employee of the company and to staff, and a job emails the caller", async () => {
    const [factory, distributor] = await createChain(t.testDb, "Qr");
    const employee = await createUser(t.app, t.testDb, {
      email: "qr.employee@example.com",
      role: "employee",
      companyId: distributor?.id,
    });
    const mine = await t.app.inject({
      method: "GET",
      url: `/api/v1/companies/${distributor?.id}/get_qr`,
      headers: employee.headers,
    });
    expect(mine.statusCode).toBe(202);
    expect(mine.json()).toEqual({ detail: "The QR code will be emailed to qr.employee@example.com." });
    const byStaff = await t.app.inject({
      method: "POST",
      url: `/api/v1/companies/${factory?.id}/get_qr`,
      headers: staff.headers,
    });
    expect(byStaff.statusCode).toBe(202);

    const deadline = Date.now() + 15_000;
    while (sent.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent.map((message) => message.to).sort()).toEqual([
      "qr.employee@example.com",
      "staff@example.com",
    ]);
    expect(sent.find((message) => message.to === "qr.employee@example.com")?.text).toContain("Qr L1");
  });

  it("answers 404 for another company (not leaking that it exists) and for a missing one", async () => {
    const [, mine] = await createChain(t.testDb, "Mine");
    const [, theirs] = await createChain(t.testDb, "Theirs");
    const employee = await createUser(t.app, t.testDb, {
      email: "nosy@example.com",
      role: "employee",
      companyId: mine?.id,
    });
    for (const id of [theirs?.id, 3_000_000]) {
      const response = await t.app.inject({
        method: "GET",
        url: `/api/v1/companies/${id}/get_qr`,
        headers: employee.headers,
      });
      expect(response.statusCode).toBe(404);
    }
    expect(
      (await t.app.inject({ method: "GET", url: `/api/v1/companies/${mine?.id}/get_qr` })).statusCode,
    ).toBe(401);
  });

  it("allows 5 per user per hour, then 429 with Retry-After; other users are not affected", async () => {
    const [, company] = await createChain(t.testDb, "Limit");
    const eager = await createUser(t.app, t.testDb, {
      email: "eager@example.com",
      role: "employee",
      companyId: company?.id,
    });
    const calm = await createUser(t.app, t.testDb, {
      email: "calm@example.com",
      role: "employee",
      companyId: company?.id,
    });
    const ask = (user: TestUser) =>
      t.app.inject({ method: "POST", url: `/api/v1/companies/${company?.id}/get_qr`, headers: user.headers });
    for (let attempt = 0; attempt < 5; attempt++) expect((await ask(eager)).statusCode).toBe(202);
    const refused = await ask(eager);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("throttled");
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(3_500);
    expect(retryAfter).toBeLessThanOrEqual(3_600);
    expect((await ask(calm)).statusCode).toBe(202);
  });
});
