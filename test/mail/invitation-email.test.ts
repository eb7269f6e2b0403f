import { sql as drizzleSql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testApp } from "../helpers/fixture.js";
import { sleep } from "../helpers/worker.js";

const t = testApp({ app: false, worker: true, mailbox: true, truncate: false });

/** Creates a staff user and enqueues its invitation in one transaction, as the employees service does. */
async function inviteInTransaction(
  email: string,
  link: string,
  commit: boolean,
): Promise<string | undefined> {
  let jobId: string | undefined;
  await t.testDb.database.db
    .transaction(async (tx) => {
      const result = (await tx.execute(
        drizzleSql`insert into users (email, role) values (${email}, 'staff') returning id`,
      )) as unknown as { rows: { id: number }[] };
      jobId = await t.worker.queue.enqueue(
        "send-invitation",
        { user_id: result.rows[0]?.id as number, link },
        { db: tx },
      );
      if (!commit) throw new Error("rolled back on purpose");
    })
    .catch((error: Error) => {
      if (error.message !== "rolled back on purpose") throw error;
    });
  return jobId;
}

describe("the invitation email", () => {
  it("is enqueued in the inviting transaction: a rolled-back invitation leaves no job and sends nothing", async () => {
    const jobId = await inviteInTransaction(
      "ghost@example.com",
      "http://supplynet.test/admin/#/register?token=g",
      false,
    );
    expect(jobId).toEqual(expect.any(String));
    expect(await t.worker.queue.getJob(jobId as string)).toBeNull();
    expect(await t.sql("select count(*)::int as n from users")).toEqual([{ n: 0 }]);
  });

  it("emails the link with the token once committed, then deletes its job so the token is stored nowhere", async () => {
    const link = "http://supplynet.test/admin/#/register?token=tok_123-abc";
    const jobId = await inviteInTransaction("invitee@example.com", link, true);
    const deadline = Date.now() + 15_000;
    while (
      !t.mailbox.messages.some((mail) => mail.subject === "Your supplynet invitation") &&
      Date.now() < deadline
    )
      await sleep(100);
    const mail = t.mailbox.messages.find((message) => message.subject === "Your supplynet invitation");
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("invitee@example.com");
    expect(mail?.text).toContain(link);
    expect(mail?.html).toContain(`href="${link.replaceAll("&", "&#38;")}"`);

    while ((await t.worker.queue.getJob(jobId as string)) && Date.now() < deadline) await sleep(100);
    expect(await t.worker.queue.getJob(jobId as string)).toBeNull();
    const stored = await t.sql<{ n: number }>(
      "select (select count(*) from pgboss.job where data::text like '%tok_123%') + (select count(*) from pgboss.archive where data::text like '%tok_123%') as n",
    );
    expect(Number(stored[0]?.n)).toBe(0);
  });
});
