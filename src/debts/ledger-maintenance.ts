import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../db/client.js";
import { LEDGER_PARTITIONS_AHEAD } from "../db/ledger.js";

/** A rolled-up partition says so in its comment; a second roll-up leaves it alone without reading it. */
const ROLLED_UP = "rolled up";

export interface LedgerMaintenance {
  partitionsCreated: number;
  /** The months rolled up now, as YYYY-MM. */
  rolledUp: string[];
}

/**
 * Keeps the ledger's shape: the months ahead get their partitions, and each month older than `retentionMonths`
 * is rolled up into one entry per company (the month's sum), so the detail stops growing and the invariant
 * still holds. Run nightly by the `maintenance` job; running it again changes nothing.
 */
export async function maintainLedger(db: Db, retentionMonths: number): Promise<LedgerMaintenance> {
  const [ensured] = await selectRows<{ created: number }>(
    db,
    sql`select debt_ledger_ensure_partitions(${LEDGER_PARTITIONS_AHEAD}::int) as created`,
  );
  const old = await selectRows<{ name: string; month: string }>(
    db,
    sql`
      select c.relname as name, to_char(to_date(right(c.relname, 7), 'YYYY_MM'), 'YYYY-MM') as month
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'debt_ledger'::regclass and c.relname ~ '^debt_ledger_[0-9]{4}_[0-9]{2}$'
        and to_date(right(c.relname, 7), 'YYYY_MM')
          < date_trunc('month', now() at time zone 'UTC') - make_interval(months => ${retentionMonths}::int)
        and obj_description(c.oid, 'pg_class') is distinct from ${ROLLED_UP}
      order by c.relname`,
  );
  for (const { name, month } of old) await rollUp(db, name, month);
  return { partitionsCreated: ensured?.created ?? 0, rolledUp: old.map((partition) => partition.month) };
}

/**
 * Replaces one month's partition by its sums, one entry per company dated the month's first moment, in one
 * transaction. The month is past, so nothing but raw SQL writes to it, and its SHARE lock holds that off. The
 * sums are computed before the brief exclusive part (detach, drop, attach), so writers of this month's entries
 * wait only for that.
 */
async function rollUp(db: Db, partition: string, month: string): Promise<void> {
  const summed = `${partition}_summed`;
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`lock table ${partition} in share mode`));
    const [cause] = await selectRows<{ id: number }>(
      tx,
      sql`insert into debt_causes (label) values (${`roll-up of ${month}`}) returning id`,
    );
    await tx.execute(sql.raw(`create table ${summed} (like debt_ledger including defaults)`));
    await tx.execute(
      sql.raw(`
        insert into ${summed} (company_id, at, amount, kind, cause_id)
        select company_id, '${month}-01T00:00:00Z'::timestamptz, sum(amount), 'rollup', ${cause?.id}
        from ${partition} group by company_id having sum(amount) <> 0`),
    );
    const [year, monthOfYear] = month.split("-").map(Number) as [number, number];
    const next = new Date(Date.UTC(year, monthOfYear, 1)).toISOString();
    for (const statement of [
      `alter table debt_ledger detach partition ${partition}`,
      `drop table ${partition}`,
      `alter table ${summed} rename to ${partition}`,
      `alter table debt_ledger attach partition ${partition} for values from ('${month}-01T00:00:00Z') to ('${next}')`,
      `comment on table ${partition} is '${ROLLED_UP}'`,
    ]) {
      await tx.execute(sql.raw(statement));
    }
  });
}
