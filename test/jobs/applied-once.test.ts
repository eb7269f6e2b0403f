import { describe, expect, it } from "vitest";
import type { MailJobContext } from "../../src/mail/mail-task.js";
import type { Job } from "../../src/queue/queue.js";
import { TASKS } from "../../src/worker.js";
import { testConfig } from "../helpers/app.js";
import { testApp } from "../helpers/fixture.js";

const t = testApp({ app: false, truncate: false });

/** The same job delivered again, as pg-boss does after an expiry when the first worker died after its COMMIT. */
function delivery(id: string, ids: number[]): Job<"clear-debt"> {
  return { id, name: "clear-debt", data: { ids } } as Job<"clear-debt">;
}

describe("a clear-debt job delivered twice", () => {
  it("clears once: debt added between the deliveries stays, and the retry reports the first result", async () => {
    const [factory] = await t.sql<{ id: number }>(
      `insert into companies (name, email, country, city, street, house_number, level)
       values ('F', 'f@example.com', 'Russia', 'Moscow', 'Arbat', '1', 0) returning id`,
    );
    const dealers = await t.sql<{ id: number }>(
      `insert into companies (name, email, country, city, street, house_number, level, supplier_id, debt)
       select 'D' || n, 'd' || n || '@example.com', 'Russia', 'Moscow', 'Arbat', n::text, 1, $1, 100
       from generate_series(1, 3) n returning id`,
      [factory?.id],
    );
    const ids = dealers.map((row) => row.id);
    const context = { config: testConfig(), database: t.testDb.database } as MailJobContext;
    const jobId = "7d1c7a4e-0b7e-4f5e-9a53-3c1f0e2b9d10";

    const first = { cleared: 3, written_off: "300.00", skipped_factories: 0 };
    expect(await TASKS["clear-debt"].handle(delivery(jobId, ids), context)).toEqual(first);
    await t.sql("update companies set debt = debt + 42.5 where id = any($1::int[])", [ids]);
    expect(await TASKS["clear-debt"].handle(delivery(jobId, ids), context)).toEqual({
      ...first,
      already_applied: true,
    });
    const debts = await t.sql<{ debt: string }>("select debt from companies where id = any($1::int[])", [
      ids,
    ]);
    expect(debts.map((row) => row.debt)).toEqual(["42.50", "42.50", "42.50"]);

    // Another job with the same ids is a new request, and clears again.
    expect(
      await TASKS["clear-debt"].handle(delivery("0f5b2f7a-3c1e-4d7b-8e2a-6b9c4d1e2f30", ids), context),
    ).toEqual({ cleared: 3, written_off: "127.50", skipped_factories: 0 });
  });
});
