import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../../src/app.js";
import type { RunningWorker } from "../../src/worker.js";
import { createUser, type TestUser, testConfig } from "../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { sleep, startTestWorker, waitForJob } from "../jobs/support.js";
import { startSmtpServer, type TestSmtpServer } from "./smtp.js";

/**
 * SMTP goes away for longer than the old retry budget (5 retries with backoff), then comes back on the same
 * port. The jobs take the queues' own retry limit; only the delay is shortened to a second (the real pace is 2
 * minutes; test/jobs/endpoints.test.ts pins the schedule itself).
 */
const QR_EMAILS = 6;
/** The old budget gave up after 5 retries: every message must be tried more often than that, and live on. */
const RETRIES_PAST_OLD_BUDGET = 7;

let testDb: TestDatabase;
let worker: RunningWorker;
let app: App;
let staff: TestUser;
let smtpPort: number;
let smtp: TestSmtpServer | undefined;
const qrJobs: string[] = [];
let invitationJob: string;
let exhaustedJob: string;
const sql = <Row = Record<string, unknown>>(text: string, values?: unknown[]) =>
  testDb.database.executeSql<Row>(text, values).then((result) => result.rows);

beforeAll(async () => {
  testDb = await createTestDatabase();
  // The port of an SMTP server that just stopped: connections are refused until one listens there again.
  const down = await startSmtpServer();
  smtpPort = down.port;
  await down.close();
  worker = await startTestWorker(testDb, { smtpUrl: down.url });
  app = await buildApp({ config: testConfig(), database: testDb.database, jobs: worker.queue });
  await app.ready();
  staff = await createUser(app, testDb, { email: "staff@example.com", role: "staff" });
  const [company] = await sql<{ id: number }>(
    `insert into companies (name, email, country, city, street, house_number, level)
     values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0) returning id`,
  );
  const [invitee] = await sql<{ id: number }>(
    "insert into users (email, role) values ('invitee@example.com', 'staff') returning id",
  );
  const qr = { company_id: company?.id as number, user_id: staff.id };
  for (let n = 0; n < QR_EMAILS; n++)
    qrJobs.push(await worker.queue.enqueue("send-qr-email", qr, { retryDelay: 1 }));
  invitationJob = await worker.queue.enqueue(
    "send-invitation",
    { user_id: invitee?.id as number, link: "http://supplynet.test/admin/#/register?token=t" },
    { retryDelay: 1 },
  );
  exhaustedJob = await worker.queue.enqueue("send-qr-email", qr, { retryDelay: 1, retryLimit: 2 });
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await smtp?.close();
  await testDb?.destroy();
});

interface Attempts {
  id: string;
  state: string;
  retry_count: number;
}
const attempts = (ids: string[]) =>
  sql<Attempts>("select id, state::text as state, retry_count from pgboss.job where id = any($1::uuid[])", [
    ids,
  ]);

describe("mail while the SMTP server is down", () => {
  it("a message whose retries are used up ends failed, with the SMTP error shown by GET /jobs/:id", async () => {
    await waitForJob(worker.queue, exhaustedJob, ["failed"]);
    const response = await app.inject({
      method: "GET",
      url: `/api/v1/jobs/${exhaustedJob}`,
      headers: staff.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: exhaustedJob, state: "failed", result: null });
    expect(response.json().error).toMatch(/ECONNREFUSED/);
    expect(await attempts([exhaustedJob])).toEqual([{ id: exhaustedJob, state: "failed", retry_count: 2 }]);
  });

  it("the others keep retrying past the old budget of 5, queued and never failed", async () => {
    const longLived = [...qrJobs, invitationJob];
    const deadline = Date.now() + 50_000;
    let rows: Attempts[] = [];
    while (Date.now() < deadline) {
      rows = await attempts(longLived);
      expect(rows).toHaveLength(longLived.length);
      for (const row of rows)
        expect(["created", "retry", "active"], JSON.stringify(row)).toContain(row.state);
      if (rows.every((row) => row.retry_count >= RETRIES_PAST_OLD_BUDGET)) break;
      await sleep(200);
    }
    expect(Math.min(...rows.map((row) => row.retry_count))).toBeGreaterThanOrEqual(RETRIES_PAST_OLD_BUDGET);
    const status = await app.inject({
      method: "GET",
      url: `/api/v1/jobs/${qrJobs[0]}`,
      headers: staff.headers,
    });
    expect(status.json()).toMatchObject({ state: expect.stringMatching(/^(queued|active)$/), error: null });
  }, 60_000);

  it("once SMTP is back on the same port, every message goes out promptly, exactly once by its Message-ID", async () => {
    smtp = await startSmtpServer({ port: smtpPort });
    const back = Date.now();
    for (const id of qrJobs) await waitForJob(worker.queue, id, ["completed", "failed"], 10_000);
    while ((await worker.queue.getJob(invitationJob)) && Date.now() - back < 10_000) await sleep(100);
    // One retry delay (1 s here, 2 minutes for real) and a poll after SMTP returns, not a backoff's hours.
    expect(Date.now() - back).toBeLessThan(10_000);
    expect((await attempts(qrJobs)).map((row) => row.state)).toEqual(qrJobs.map(() => "completed"));
    // The invitation deletes its job once sent (its token is stored nowhere); it was not given up on.
    expect(await worker.queue.getJob(invitationJob)).toBeNull();

    // A few more retry cycles: nothing that was delivered is sent again, and the failed one stays failed.
    await sleep(3_000);
    const expected = [
      ...qrJobs.map((id) => `<qr-${id}@supplynet.test>`),
      `<invitation-${invitationJob}@supplynet.test>`,
    ];
    expect([...smtp.messageIds].sort()).toEqual(expected.sort());
    expect(await worker.queue.getJob(exhaustedJob)).toMatchObject({ state: "failed" });
  }, 30_000);
});
