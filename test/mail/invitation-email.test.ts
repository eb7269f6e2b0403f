import { sql as drizzleSql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createInvitation, invitationLink } from "../../src/accounts/invitations.js";
import { selectRows } from "../../src/db/client.js";
import { testApp } from "../helpers/fixture.js";
import { sleep } from "../helpers/worker.js";

const t = testApp({ app: false, worker: true, mailbox: true, truncate: false });

/**
 * Creates an employee of a new company with an invitation, and enqueues its email in one transaction, as the
 * employees service does. Returns the job's id and the invitation link, which holds the raw token.
 */
async function inviteInTransaction(email: string, commit: boolean) {
  let jobId: string | undefined;
  let link = "";
  await t.testDb.database.db
    .transaction(async (tx) => {
      const [company] = await selectRows<{ id: number }>(
        tx,
        drizzleSql`insert into companies (name, email, country, city, street, house_number, level)
          values ('Factory', 'f@example.com', 'Russia', 'Moscow', 'Tverskaya', '1', 0) returning id`,
      );
      const [user] = await selectRows<{ id: number }>(
        tx,
        drizzleSql`insert into users (email, role, company_id) values (${email}, 'employee', ${company?.id}) returning id`,
      );
      const userId = user?.id as number;
      link = invitationLink("http://supplynet.test", await createInvitation(tx, userId));
      jobId = await t.worker.queue.enqueue("send-invitation", { user_id: userId, link }, { db: tx });
      if (!commit) throw new Error("rolled back on purpose");
    })
    .catch((error: Error) => {
      if (error.message !== "rolled back on purpose") throw error;
    });
  return { jobId, link };
}

const SUBJECT = "Приглашение в supplynet: Factory";

describe("the invitation email", () => {
  it("is enqueued in the inviting transaction: a rolled-back invitation leaves no job and sends nothing", async () => {
    const { jobId } = await inviteInTransaction("ghost@example.com", false);
    expect(jobId).toEqual(expect.any(String));
    expect(await t.worker.queue.getJob(jobId as string)).toBeNull();
    expect(await t.sql("select count(*)::int as n from users")).toEqual([{ n: 0 }]);
  });

  it("emails the link with the token once committed, then deletes its job so the token is stored nowhere", async () => {
    const { jobId, link } = await inviteInTransaction("invitee@example.com", true);
    const token = new URLSearchParams(link.split("?")[1]).get("token") as string;
    const deadline = Date.now() + 15_000;
    while (!t.mailbox.messages.some((mail) => mail.subject === SUBJECT) && Date.now() < deadline)
      await sleep(100);
    const mail = t.mailbox.messages.find((message) => message.subject === SUBJECT);
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("invitee@example.com");
    expect(mail?.text).toContain(link);
    expect(mail?.html).toContain(`href="${link.replaceAll("&", "&#38;")}"`);

    while ((await t.worker.queue.getJob(jobId as string)) && Date.now() < deadline) await sleep(100);
    expect(await t.worker.queue.getJob(jobId as string)).toBeNull();
    const stored = await t.sql<{ n: number }>(
      "select (select count(*) from pgboss.job where strpos(data::text, $1) > 0) + (select count(*) from pgboss.archive where strpos(data::text, $1) > 0) as n",
      [token],
    );
    expect(Number(stored[0]?.n)).toBe(0);
  });
});
