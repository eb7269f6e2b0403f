import { describe, expect, it } from "vitest";
import { testApp } from "../helpers/fixture.js";
import { waitForJob } from "../helpers/worker.js";

const t = testApp({
  app: false,
  worker: true,
  // The first message is stored, then the connection drops before the 250: the job fails and is retried.
  mailbox: { dropBeforeReply: 1 },
  truncate: false,
});

describe("a message delivered twice by SMTP's at-least-once", () => {
  it("carries the same Message-ID both times, derived from its job, so that the receiver can drop the copy", async () => {
    const { rows } = await t.testDb.database.executeSql<{ company: number; user: number }>(
      `with company as (
         insert into companies (name, email, country, city, street, house_number, level)
         values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0) returning id
       ), staff as (
         insert into users (email, role) values ('reader@example.com', 'staff') returning id
       )
       select (select id from company) as company, (select id from staff) as user`,
    );
    const ids = rows[0] as { company: number; user: number };
    const jobId = await t.worker.queue.enqueue(
      "send-qr-email",
      { company_id: ids.company, user_id: ids.user },
      { retryDelay: 1, retryLimit: 3 },
    );
    expect(await waitForJob(t.worker.queue, jobId, ["completed", "failed"], 30_000)).toMatchObject({
      state: "completed",
    });
    expect(t.mailbox.messages).toHaveLength(2);
    const [first, second] = t.mailbox.messages;
    expect(first?.messageId).toBe(`<qr-${jobId}@supplynet.test>`);
    expect(second?.messageId).toBe(first?.messageId);
  });
});
