import { beforeAll, describe, expect, it } from "vitest";
import { QUEUE_SCHEMA } from "../../src/queue/queue.js";
import { createUser, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { insertNetwork, waitForJob } from "../helpers/worker.js";

type Fixture = ReturnType<typeof testApp>;

const get = (t: Fixture, user: TestUser, url: string, language = "en") =>
  t.app.inject({ method: "GET", url, headers: { ...user.headers, "accept-language": language } });
const post = (t: Fixture, user: TestUser, url: string, language = "en") =>
  t.app.inject({ method: "POST", url, headers: { ...user.headers, "accept-language": language } });

const auditOf = (t: Fixture, action: string) =>
  t.sql<{ actor_id: number; source: string; object_type: string; object_id: string; details: unknown }>(
    "select actor_id, source, object_type, object_id, details from audit_log where action = $1 order by id",
    [action],
  );

/** pg-boss's archiving of a finished job, done now (it waits 12 hours), as its own statement does it. */
async function archive(t: Fixture, id: string) {
  const columns =
    "id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, " +
    "started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, " +
    "policy, output";
  await t.sql(
    `with moved as (delete from ${QUEUE_SCHEMA}.job where id = $1 returning *)
     insert into ${QUEUE_SCHEMA}.archive (${columns}) select ${columns} from moved`,
    [id],
  );
}

describe("jobs, queues, retry and cancel, with no worker taking the jobs", () => {
  const t = testApp({ truncate: false });
  let staff: TestUser;
  let ids: string[];

  beforeAll(async () => {
    staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
    ids = [];
    for (let n = 0; n < 25; n++) ids.push(await t.queue.enqueue("clear-debt", { ids: [n + 1] }));
    await t.queue.enqueue("send-password-reset", { email: "someone@example.com" });
  });

  it("lists jobs newest first, 20 a page by default, with DRF's links, the state and queue filters, and a 404 past the last page", async () => {
    const first = await get(t, staff, "/api/v1/jobs?name=clear-debt&page_size=10");
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.count).toBe(25);
    expect(page.previous).toBeNull();
    expect(page.next).toBe("http://supplynet.test/api/v1/jobs?name=clear-debt&page_size=10&page=2");
    expect(page.results.map((job: { id: string }) => job.id)).toEqual([...ids].reverse().slice(0, 10));
    expect(page.results[0]).toEqual({
      id: ids[24],
      name: "clear-debt",
      state: "queued",
      result: null,
      error: null,
      created_at: expect.any(String),
      completed_at: null,
      started_at: null,
      retry_count: 0,
      retry_limit: 3,
    });
    const last = (await get(t, staff, "/api/v1/jobs?name=clear-debt&page_size=10&page=3")).json();
    expect(last.results.map((job: { id: string }) => job.id)).toEqual([...ids].reverse().slice(20));
    expect(last.next).toBeNull();
    expect((await get(t, staff, "/api/v1/jobs?name=clear-debt&page_size=10&page=4")).statusCode).toBe(404);

    const all = (await get(t, staff, "/api/v1/jobs")).json();
    expect(all.count).toBe(26);
    expect(all.results).toHaveLength(20);
    expect(all.results[0].name).toBe("send-password-reset");
    expect((await get(t, staff, "/api/v1/jobs?state=completed")).json()).toMatchObject({ count: 0 });
    expect((await get(t, staff, "/api/v1/jobs?state=queued&name=send-password-reset")).json().count).toBe(1);
    for (const bad of ["state=done", "name=no-such-queue", "page_size=101", "page=0", "other=1"]) {
      expect((await get(t, staff, `/api/v1/jobs?${bad}`)).statusCode, bad).toBe(400);
    }
  });

  it("counts each queue's jobs by state, ordered by name, with the oldest queued job's age", async () => {
    const response = await get(t, staff, "/api/v1/jobs/queues");
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results.map((queue: { name: string }) => queue.name)).toEqual([
      "accrue-debt",
      "clear-debt",
      "maintenance",
      "repay-debt",
      "send-invitation",
      "send-password-reset",
      "send-qr-email",
    ]);
    const clear = results.find((queue: { name: string }) => queue.name === "clear-debt");
    expect(clear).toEqual({
      name: "clear-debt",
      queued: 25,
      active: 0,
      failed: 0,
      completed: 0,
      oldest_queued_seconds: expect.any(Number),
    });
    expect(clear.oldest_queued_seconds).toBeGreaterThanOrEqual(0);
    expect(results.find((queue: { name: string }) => queue.name === "accrue-debt")).toMatchObject({
      queued: 0,
      oldest_queued_seconds: 0,
    });
  });

  it("cancels a queued job once (audited), refuses to cancel it again or to retry a queued one (409), and 404s an unknown id, in Russian and English", async () => {
    const id = ids[0] as string;
    const cancelled = await post(t, staff, `/api/v1/jobs/${id.toUpperCase()}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ id, name: "clear-debt", state: "cancelled", error: null });
    expect(cancelled.json().completed_at).not.toBeNull();

    // Cancelled, a state of its own: no failure, in the list, its filter, the job and the queue's counts.
    expect((await get(t, staff, `/api/v1/jobs/${id}`)).json()).toMatchObject({ state: "cancelled" });
    const listed = (await get(t, staff, "/api/v1/jobs?state=cancelled")).json();
    expect(listed.count).toBe(1);
    expect(listed.results[0]).toMatchObject({ id, name: "clear-debt", state: "cancelled", error: null });
    expect((await get(t, staff, "/api/v1/jobs?state=failed")).json()).toMatchObject({
      count: 0,
      results: [],
    });
    expect((await get(t, staff, "/api/v1/jobs?state=queued&name=clear-debt")).json().count).toBe(24);
    const queues = (await get(t, staff, "/api/v1/jobs/queues")).json().results;
    expect(queues.find((queue: { name: string }) => queue.name === "clear-debt")).toMatchObject({
      queued: 24,
      failed: 0,
    });
    expect(await auditOf(t, "cancel_job")).toEqual([
      {
        actor_id: staff.id,
        source: "api",
        object_type: "job",
        object_id: id,
        details: { queue: "clear-debt" },
      },
    ]);

    const again = await post(t, staff, `/api/v1/jobs/${id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({
      code: "job.not_queued",
      message: "Only a queued job can be cancelled; this one is already running or has finished.",
      fields: {},
    });
    const inRussian = await post(t, staff, `/api/v1/jobs/${id}/cancel`, "ru");
    expect(inRussian.json().error).toMatchObject({
      code: "job.not_queued",
      message: "Отменить можно только задачу в очереди; эта уже выполняется или завершена.",
    });

    const queued = ids[1] as string;
    const notFailed = await post(t, staff, `/api/v1/jobs/${queued}/retry`);
    expect(notFailed.statusCode).toBe(409);
    expect(notFailed.json().error).toMatchObject({
      code: "job.not_failed",
      message: "Only a failed or cancelled job can be retried; this one is queued, running or has completed.",
    });
    expect((await post(t, staff, `/api/v1/jobs/${queued}/retry`, "ru")).json().error.message).toBe(
      "Повторить можно только задачу, завершившуюся ошибкой или отменённую; эта в очереди, выполняется или успешно завершена.",
    );
    expect(await auditOf(t, "retry_job")).toEqual([]);

    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const action of ["retry", "cancel"]) {
      const en = await post(t, staff, `/api/v1/jobs/${unknown}/${action}`);
      expect(en.statusCode).toBe(404);
      expect(en.json().error).toMatchObject({ code: "not_found", message: "No job with this id." });
      expect((await post(t, staff, `/api/v1/jobs/${unknown}/${action}`, "ru")).json().error.message).toBe(
        "Задачи с таким id нет.",
      );
      expect((await post(t, staff, `/api/v1/jobs/not-a-uuid/${action}`)).statusCode).toBe(400);
    }

    // A cancelled job can be queued again, as a failed one can.
    const retried = await post(t, staff, `/api/v1/jobs/${id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id, state: "queued", completed_at: null });
    expect((await auditOf(t, "retry_job")).map((entry) => entry.object_id)).toEqual([id]);
    expect((await get(t, staff, "/api/v1/jobs?state=cancelled")).json().count).toBe(0);
  });

  it("cancels a queued job even once pg-boss has archived it, and never one a worker has taken", async () => {
    const id = ids[2] as string;
    await t.sql(`update ${QUEUE_SCHEMA}.job set state = 'active', started_on = now() where id = $1`, [id]);
    const active = await post(t, staff, `/api/v1/jobs/${id}/cancel`);
    expect(active.statusCode).toBe(409);
    expect((await get(t, staff, `/api/v1/jobs/${id}`)).json().state).toBe("active");

    const archived = ids[4] as string;
    await archive(t, archived);
    const cancelled = await post(t, staff, `/api/v1/jobs/${archived}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: archived, state: "cancelled" });
    // Listed from the archive by its own state too.
    const listed = (await get(t, staff, "/api/v1/jobs?state=cancelled")).json();
    expect(listed.results.map((job: { id: string }) => job.id)).toEqual([archived]);
  });

  it("answers /jobs/queues there and not as a job id, and /jobs/:id as before", async () => {
    expect((await get(t, staff, "/api/v1/jobs/queues")).json()).toHaveProperty("results");
    const job = await get(t, staff, `/api/v1/jobs/${ids[3]}`);
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({ id: ids[3], state: "queued" });
  });
});

describe("schedules, run-now and retry, with a worker", () => {
  const t = testApp({ worker: true, truncate: false });
  let staff: TestUser;

  beforeAll(async () => {
    staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
    await insertNetwork(t.testDb, 50);
  });

  const totalDebt = async () =>
    (await t.sql<{ total: string }>("select sum(debt)::text as total from companies"))[0]?.total;

  it("lists the three schedules with their cron and next run, and no runs or failures yet", async () => {
    const response = await get(t, staff, "/api/v1/schedules");
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results.map((schedule: { name: string; cron: string }) => [schedule.name, schedule.cron])).toEqual(
      [
        ["accrue-debt", "0 */3 * * *"],
        ["repay-debt", "30 6 * * *"],
        ["maintenance", "15 3 * * *"],
      ],
    );
    for (const schedule of results) {
      expect(schedule).toMatchObject({
        timezone: t.app.config.appTimezone,
        last_run: null,
        last_failure: null,
      });
      expect(Date.parse(schedule.next_run_at)).toBeGreaterThan(Date.now());
    }
  });

  it("runs accrue-debt now: 202 {job_id}, audited with source api, applied once in its own slot; the same slot again changes nothing and says so", async () => {
    const before = await totalDebt();
    const response = await post(t, staff, "/api/v1/schedules/accrue-debt/run");
    expect(response.statusCode).toBe(202);
    const { job_id } = response.json();
    expect(Object.keys(response.json())).toEqual(["job_id"]);
    const [entry] = await auditOf(t, "run_task");
    expect(entry).toMatchObject({
      actor_id: staff.id,
      source: "api",
      object_type: "task",
      object_id: "accrue-debt",
    });
    const slot = (entry?.details as { slot: string } | undefined)?.slot;
    expect(entry?.details).toEqual({ job_id, slot });

    const job = await waitForJob(t.worker.queue, job_id);
    expect(job.state).toBe("completed");
    expect(job.result).toMatchObject({ slot, companies_touched: 49 });
    const after = await totalDebt();
    expect(Number(after)).toBeGreaterThan(Number(before));
    expect(await t.sql("select slot::text, finished_at is not null as finished from task_runs")).toHaveLength(
      1,
    );

    // A second delivery of the same slot (a retry, a redelivery after a crash) finds it applied.
    const again = await t.queue.enqueue("accrue-debt", { slot });
    expect((await waitForJob(t.worker.queue, again)).result).toEqual({
      slot,
      skipped: "this slot was already applied",
    });
    expect(await totalDebt()).toBe(after);

    const { results } = (await get(t, staff, "/api/v1/schedules")).json();
    const accrual = results.find((schedule: { name: string }) => schedule.name === "accrue-debt");
    expect(accrual.last_run).toEqual({
      slot,
      started_at: expect.any(String),
      finished_at: expect.any(String),
      companies_touched: 49,
      total_change: expect.stringMatching(/^\d+\.\d\d$/),
      state: "finished",
    });
    expect((Number(after) - Number(before)).toFixed(2)).toBe(accrual.last_run.total_change);
  });

  it("runs maintenance now; its last run is its latest completed job; an unknown schedule is a 404 in either language", async () => {
    const response = await post(t, staff, "/api/v1/schedules/maintenance/run");
    expect(response.statusCode).toBe(202);
    const job = await waitForJob(t.worker.queue, response.json().job_id, ["completed", "failed"], 90_000);
    expect(job.state).toBe("completed");
    const { results } = (await get(t, staff, "/api/v1/schedules")).json();
    expect(results.find((schedule: { name: string }) => schedule.name === "maintenance").last_run).toEqual({
      slot: job.startedAt?.toISOString(),
      started_at: job.startedAt?.toISOString(),
      finished_at: job.completedAt?.toISOString(),
      companies_touched: 0,
      total_change: "0.00",
      state: "finished",
    });

    const unknown = await post(t, staff, "/api/v1/schedules/no-such/run");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: "not_found", message: "No schedule with this name." });
    expect((await post(t, staff, "/api/v1/schedules/no-such/run", "ru")).json().error.message).toBe(
      "Расписания с таким именем нет.",
    );
  }, 120_000);

  it("shows a failed job with its error, as the schedule's last failure; retry queues it again for one more attempt, from the archive too", async () => {
    // A slot that is no date: the task's handler throws, and with no retries left the job fails.
    const id = await t.queue.enqueue("accrue-debt", { slot: "not a date" }, { retryLimit: 0 });
    const failed = await waitForJob(t.worker.queue, id);
    expect(failed.state).toBe("failed");

    const listed = (await get(t, staff, "/api/v1/jobs?state=failed&name=accrue-debt")).json();
    expect(listed.count).toBe(1);
    expect(listed.results[0]).toMatchObject({
      id,
      state: "failed",
      error: "Invalid time value",
      retry_count: 0,
      retry_limit: 0,
    });
    expect(listed.results[0].started_at).not.toBeNull();
    const queues = (await get(t, staff, "/api/v1/jobs/queues")).json().results;
    expect(queues.find((queue: { name: string }) => queue.name === "accrue-debt")).toMatchObject({
      failed: 1,
      completed: 2,
    });
    const schedules = (await get(t, staff, "/api/v1/schedules")).json().results;
    expect(
      schedules.find((schedule: { name: string }) => schedule.name === "accrue-debt").last_failure,
    ).toEqual({
      at: failed.completedAt?.toISOString(),
      error: "Invalid time value",
      job_id: id,
    });

    const retried = await post(t, staff, `/api/v1/jobs/${id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id, state: "queued", error: null, completed_at: null });
    expect((await auditOf(t, "retry_job")).map((entry) => [entry.source, entry.object_id])).toEqual([
      ["api", id],
    ]);
    const again = await waitForJob(t.worker.queue, id, ["failed"]);
    expect(again).toMatchObject({ retryCount: 1, retryLimit: 1, error: "Invalid time value" });

    // Archived, as pg-boss does after 12 hours: still listed, still retried.
    await archive(t, id);
    expect((await get(t, staff, `/api/v1/jobs?state=failed&name=accrue-debt`)).json().results[0].id).toBe(id);
    expect((await post(t, staff, `/api/v1/jobs/${id}/retry`)).json()).toMatchObject({ state: "queued" });
    expect(await t.sql(`select count(*)::int as n from ${QUEUE_SCHEMA}.archive where id = $1`, [id])).toEqual(
      [{ n: 0 }],
    );
    expect(await waitForJob(t.worker.queue, id, ["failed"])).toMatchObject({ retryCount: 2, retryLimit: 2 });
  }, 60_000);
});
