import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningWorker } from "../../src/worker.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startTestWorker, waitForJob } from "../jobs/support.js";
import { startSmtpServer, type TestSmtpServer } from "./smtp.js";

let testDb: TestDatabase;
let smtp: TestSmtpServer;
let worker: RunningWorker;

beforeAll(async () => {
  testDb = await createTestDatabase();
  // The first message is stored, then the connection drops before the 250: the job fails and is retried.
  smtp = await startSmtpServer({ dropBeforeReply: 1 });
  worker = await startTestWorker(testDb, { smtpUrl: smtp.url });
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await testDb.destroy();
});

describe("a message delivered twice by SMTP's at-least-once", () => {
  it("carries the same Message-ID both times, derived from its job, so that the receiver can drop the copy", async () => {
    const { rows } = await testDb.database.executeSql<{ company: number; user: number }>(
      `with company as (
         insert into companies (name, email, country, city, street, house_number, level)
         values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0) returning id
       ), staff as (
         insert into users (email, role) values ('reader@example.com', 'staff') returning id
       )
       select (select id from company) as company, (select id from staff) as user`,
    );
    const ids = rows[0] as { company: number; user: number };
    const jobId = await worker.queue.enqueue(
      "send-qr-email",
      { company_id: ids.company, user_id: ids.user },
      { retryDelay: 1, retryLimit: 3 },
    );
    expect(await waitForJob(worker.queue, jobId, ["completed", "failed"], 30_000)).toMatchObject({
      state: "completed",
    });
    expect(smtp.received).toHaveLength(2);
    const [first, second] = smtp.received;
    expect(first?.messageId).toBe(`<qr-${jobId}@supplynet.test>`);
    expect(second?.messageId).toBe(first?.messageId);
  });
});
