-- Hand-written: drizzle-kit expresses neither partitioned tables nor triggers.
--
-- The debt ledger. Invariant: a company's debt equals the sum of its entries. Statement-level triggers on
-- companies keep it, whatever path changes a debt (the app, a job, COPY, raw SQL): each records all of a
-- statement's changes in one INSERT … SELECT from its transition tables. PostgreSQL allows transition tables
-- only on a trigger with one event and no column list, hence one trigger per event. The cause comes from two
-- transaction-local settings the app sets (`supplynet.debt_cause`, a debt_causes id, and `supplynet.debt_kind`);
-- a statement that names none is a correction by `sql:<current_user>`.
CREATE TYPE debt_entry_kind AS ENUM (
  'opening', 'accrual', 'repayment', 'staff_clear', 'job_clear', 'correction', 'deletion', 'rollup'
);
--> statement-breakpoint
CREATE SEQUENCE debt_ledger_id_seq AS bigint;
--> statement-breakpoint
CREATE TABLE debt_ledger (
  id bigint NOT NULL DEFAULT nextval('debt_ledger_id_seq'),
  company_id integer NOT NULL,
  -- When the entry is written, not when its transaction began: a chunk that began before a clear but reached
  -- the company after the clear committed is dated after it, so (at, id) is each company's true order.
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  amount numeric(15, 2) NOT NULL,
  kind debt_entry_kind NOT NULL,
  cause_id integer NOT NULL
) PARTITION BY RANGE (at);
--> statement-breakpoint
ALTER SEQUENCE debt_ledger_id_seq OWNED BY debt_ledger.id;
--> statement-breakpoint
CREATE INDEX debt_ledger_company_idx ON debt_ledger (company_id, at, id);
--> statement-breakpoint
CREATE TABLE debt_ledger_default PARTITION OF debt_ledger DEFAULT;
--> statement-breakpoint
-- A partition per month (UTC). Entries that reached the DEFAULT partition because their month's partition was
-- missing (no migrate and no maintenance job for months, or raw SQL with an old time) move into it when it is
-- created; ATTACH then finds none of them left in the DEFAULT.
CREATE FUNCTION debt_ledger_create_partition(month_start timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  month_end timestamptz := ((month_start AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
  partition_name text := 'debt_ledger_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
  IF to_regclass(partition_name) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE debt_ledger INCLUDING DEFAULTS)', partition_name);
  EXECUTE format(
    'WITH moved AS (DELETE FROM debt_ledger_default WHERE at >= %L AND at < %L RETURNING *) '
    'INSERT INTO %I SELECT * FROM moved', month_start, month_end, partition_name);
  EXECUTE format('ALTER TABLE debt_ledger ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
    partition_name, month_start, month_end);
  RETURN true;
END;
$$;
--> statement-breakpoint
-- This month's partition and the next ones, and one for each month that has entries in the DEFAULT.
CREATE FUNCTION debt_ledger_ensure_partitions(months_ahead integer DEFAULT 3) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamptz;
  created integer := 0;
BEGIN
  FOR month_start IN
    SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i)) AT TIME ZONE 'UTC'
      FROM generate_series(0, months_ahead) AS i
    UNION
    SELECT date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' FROM debt_ledger_default
  LOOP
    IF debt_ledger_create_partition(month_start) THEN
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END;
$$;
--> statement-breakpoint
SELECT debt_ledger_ensure_partitions();
--> statement-breakpoint
-- The cause the transaction named, or a new one saying which SQL user made the change.
CREATE FUNCTION debt_ledger_cause() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  cause integer := nullif(current_setting('supplynet.debt_cause', true), '')::integer;
BEGIN
  IF cause IS NULL THEN
    INSERT INTO debt_causes (label) VALUES ('sql:' || current_user) RETURNING id INTO cause;
  END IF;
  RETURN cause;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION debt_ledger_update_kind() RETURNS debt_entry_kind LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN nullif(current_setting('supplynet.debt_cause', true), '') IS NULL THEN 'correction'
    ELSE coalesce(nullif(current_setting('supplynet.debt_kind', true), ''), 'correction') END::debt_entry_kind
$$;
--> statement-breakpoint
-- The cause and the kind are read once into variables: in the SELECT list they would be evaluated per row.
CREATE FUNCTION companies_ledger_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cause integer;
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE debt <> 0) THEN
    cause := debt_ledger_cause();
    INSERT INTO debt_ledger (company_id, amount, kind, cause_id)
      SELECT id, debt, 'opening', cause FROM new_rows WHERE debt <> 0;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION companies_ledger_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cause integer := nullif(current_setting('supplynet.debt_cause', true), '')::integer;
  entry_kind debt_entry_kind := debt_ledger_update_kind();
  written numeric;
BEGIN
  -- A statement that names no cause is raw SQL or an edit, most often changing no debt (a rename, a new
  -- address): that costs one join of its rows, and only a debt it does change gets a cause of its own.
  -- A full join, because raw SQL may change a company's id: the old id's debt leaves it, and the new id's arrives.
  IF cause IS NULL THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows n FULL JOIN old_rows o ON o.id = n.id
        WHERE coalesce(n.debt, 0) <> coalesce(o.debt, 0)) THEN
      RETURN NULL;
    END IF;
    cause := debt_ledger_cause();
  END IF;
  WITH entries AS (
    INSERT INTO debt_ledger (company_id, amount, kind, cause_id)
      SELECT coalesce(n.id, o.id), coalesce(n.debt, 0) - coalesce(o.debt, 0), entry_kind, cause
      FROM new_rows n FULL JOIN old_rows o ON o.id = n.id
      WHERE coalesce(n.debt, 0) <> coalesce(o.debt, 0)
      RETURNING amount
  )
  SELECT sum(amount) INTO written FROM entries;
  -- The statement's change in all, the sum of exactly the entries it wrote: a scheduled run's chunk adds it to
  -- the run's total, so that the total and the ledger cannot disagree.
  PERFORM set_config('supplynet.debt_written', coalesce(written, 0)::text, true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION companies_ledger_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cause integer;
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows WHERE debt <> 0) THEN
    cause := debt_ledger_cause();
    INSERT INTO debt_ledger (company_id, amount, kind, cause_id)
      SELECT id, -debt, 'deletion', cause FROM old_rows WHERE debt <> 0;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- TRUNCATE fires no DELETE trigger: emptying companies empties the ledger with it, so the invariant holds.
-- A TRUNCATE that names the ledger too has emptied it already, and truncating it again here would be refused
-- (the table is in use by that statement), hence the checks.
CREATE FUNCTION companies_ledger_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM debt_ledger) THEN
    TRUNCATE debt_ledger;
  END IF;
  IF EXISTS (SELECT 1 FROM debt_causes) THEN
    TRUNCATE debt_causes;
  END IF;
  -- A run cut short ends with the companies it covered: resumed, it would change the new ones in their place.
  UPDATE task_runs SET finished_at = clock_timestamp() WHERE finished_at IS NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER companies_ledger_insert AFTER INSERT ON companies
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION companies_ledger_insert();
--> statement-breakpoint
CREATE TRIGGER companies_ledger_update AFTER UPDATE ON companies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION companies_ledger_update();
--> statement-breakpoint
CREATE TRIGGER companies_ledger_delete AFTER DELETE ON companies
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION companies_ledger_delete();
--> statement-breakpoint
CREATE TRIGGER companies_ledger_truncate AFTER TRUNCATE ON companies
  FOR EACH STATEMENT EXECUTE FUNCTION companies_ledger_truncate();
--> statement-breakpoint
-- The companies that exist today get their opening entry, so that the invariant holds from here on.
INSERT INTO debt_causes (label) SELECT 'migration 0009: the debt at the start of the ledger'
  WHERE EXISTS (SELECT 1 FROM companies WHERE debt <> 0);
--> statement-breakpoint
INSERT INTO debt_ledger (company_id, amount, kind, cause_id)
  SELECT id, debt, 'opening', (SELECT max(id) FROM debt_causes) FROM companies WHERE debt <> 0;
--> statement-breakpoint
-- The audit log is append-only. Only the retention job, which sets `supplynet.audit_retention`, deletes (old
-- entries); nothing updates. This guards against the app's own mistakes: a database owner can still drop it.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('supplynet.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
