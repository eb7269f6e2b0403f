import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation, invitationLink } from "../../src/accounts/invitations.js";
import { createUser, type TestUser } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";
import { type Mailbox, startMailbox } from "../helpers/mailbox.js";
import { sleep, waitForJob } from "../helpers/worker.js";

/**
 * SMTP goes away for longer than the old retry budget (5 retries with backoff), then comes back on the same
 * port, with QR emails, an invitation and a password reset waiting. The jobs take the queues' own retry limit; only the delay is shortened to a second (the real pace is 2
 * minutes; test/jobs/endpoints.test.ts pins the schedule itself).
 */
const QR_EMAILS = 6;
/** The old budget gave up after 5 retries: every message must be tried more often than that, and live on. */
const RETRIES_PAST_OLD_BUDGET = 7;

// The port of an SMTP server that just stopped: connections are refused until one listens there again.
const down = await startMailbox();
await down.close();
const t = testApp({ worker: { smtpUrl: down.url }, truncate: false });
let staff: TestUser;
let smtp: Mailbox | undefined;
const qrJobs: string[] = [];
let invitationJob: string;
let resetJob: string;
let exhaustedJob: string;

beforeAll(async () => {
  staff = await createUser(t.app, t.testDb, { email: "staff@example.com", role: "staff" });
  const [company] = await t.sql<{ id: number }>(
    `insert into companies (name, email, country, city, street, house_number, level)
     values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0) returning id`,
  );
  const [invitee] = await t.sql<{ id: number }>(
    "insert into users (email, role, company_id) values ('invitee@example.com', 'employee', $1) returning id",
    [company?.id],
  );
  const token = await createInvitation(t.testDb.database.db, invitee?.id as number, staff.id);
  const qr = { company_id: company?.id as number, user_id: staff.id };
  for (let n = 0; n < QR_EMAILS; n++)
    qrJobs.push(await t.worker.queue.enqueue("send-qr-email", qr, { retryDelay: 1 }));
  invitationJob = await t.worker.queue.enqueue(
    "send-invitation",
    { user_id: invitee?.id as number, link: invitationLink("http://supplynet.test", token) },
    { retryDelay: 1 },
  );
  resetJob = await t.worker.queue.enqueue(
    "send-password-reset",
    { email: "staff@example.com" },
    { retryDelay: 1 },
  );
  exhaustedJob = await t.worker.queue.enqueue("send-qr-email", qr, { retryDelay: 1, retryLimit: 2 });
});
afterAll(async () => {
  await smtp?.close();
});

interface Attempts {
  id: string;
  state: string;
  retry_count: number;
}
const attempts = (ids: string[]) =>
  t.sql<Attempts>("select id, state::text as state, retry_count from pgboss.job where id = any($1::uuid[])", [
    ids,
  ]);

describe("mail while the SMTP server is down", () => {
  it("a message whose retries are used up ends failed, with the SMTP error shown by GET /jobs/:id", async () => {
    await waitForJob(t.worker.queue, exhaustedJob, ["failed"]);
    const response = await t.app.inject({
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
    const longLived = [...qrJobs, invitationJob, resetJob];
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
    const status = await t.app.inject({
      method: "GET",
      url: `/api/v1/jobs/${qrJobs[0]}`,
      headers: staff.headers,
    });
    expect(status.json()).toMatchObject({ state: expect.stringMatching(/^(queued|active)$/), error: null });
  }, 60_000);

  it("once SMTP is back on the same port, every message goes out promptly, exactly once by its Message-ID", async () => {
    smtp = await startMailbox({ port: down.port });
    const back = Date.now();
    for (const id of [...qrJobs, resetJob])
      await waitForJob(t.worker.queue, id, ["completed", "failed"], 10_000);
    while ((await t.worker.queue.getJob(invitationJob)) && Date.now() - back < 10_000) await sleep(100);
    // One retry delay (1 s here, 2 minutes for real) and a poll after SMTP returns, not a backoff's hours.
    expect(Date.now() - back).toBeLessThan(10_000);
    expect((await attempts(qrJobs)).map((row) => row.state)).toEqual(qrJobs.map(() => "completed"));
    const [reset] = await attempts([resetJob]);
    expect(reset?.state).toBe("completed");
    // The invitation deletes its job once sent (its token is stored nowhere); it was not given up on.
    expect(await t.worker.queue.getJob(invitationJob)).toBeNull();

    // A few more retry cycles: nothing that was delivered is sent again, and the failed one stays failed.
    await sleep(3_000);
    const expected = [
      ...qrJobs.map((id) => `<qr-${id}@supplynet.test>`),
      `<invitation-${invitationJob}@supplynet.test>`,
      // Each attempt made a new link (and ended the one before); only the attempt that got through sent one.
      `<password-reset-${resetJob}-${reset?.retry_count}@supplynet.test>`,
    ];
    expect([...smtp.messageIds].sort()).toEqual(expected.sort());
    const resetMail = smtp.messages.find((mail) => mail.messageId?.startsWith("<password-reset-"));
    const link = resetMail?.text?.match(/https?:\/\/\S+reset-password\?token=\S+/)?.[0] ?? "";
    const account = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password/reset/account",
      payload: { token: new URLSearchParams(link.split("?")[1]).get("token") ?? "" },
    });
    expect(account.statusCode, account.body).toBe(200);
    expect(account.json()).toMatchObject({ email: "staff@example.com" });
    expect(await t.worker.queue.getJob(exhaustedJob)).toMatchObject({ state: "failed" });
  }, 30_000);
});
