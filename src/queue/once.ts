import { sql } from "drizzle-orm";
import { type Db, selectRows, type Tx } from "../db/client.js";

/**
 * Runs a job's effect at most once per job id, however often pg-boss delivers the job (at least once: a worker
 * killed after its COMMIT but before pg-boss recorded the completion gets the job again after its expiry). The
 * id is claimed in the effect's own transaction: both commit, or neither does. A second delivery waits for the
 * first's transaction, then finds the claim and returns the first one's result without touching anything.
 */
export async function applyJobOnce<Result extends object>(
  db: Db,
  job: { id: string; name: string },
  effect: (tx: Tx) => Promise<Result>,
): Promise<Result & { already_applied?: true }> {
  return db.transaction(async (tx) => {
    const [claimed] = await selectRows<{ job_id: string }>(
      tx,
      sql`
        insert into applied_jobs (job_id, queue) values (${job.id}::uuid, ${job.name})
        on conflict (job_id) do nothing
        returning job_id`,
    );
    if (!claimed) {
      const [earlier] = await selectRows<{ result: Result }>(
        tx,
        sql`select result from applied_jobs where job_id = ${job.id}::uuid`,
      );
      return { ...(earlier?.result as Result), already_applied: true as const };
    }
    const result = await effect(tx);
    await tx.execute(
      sql`update applied_jobs set result = ${JSON.stringify(result)}::jsonb where job_id = ${job.id}::uuid`,
    );
    return result;
  });
}
