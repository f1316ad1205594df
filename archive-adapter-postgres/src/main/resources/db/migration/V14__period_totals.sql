-- The monthly report (issue 20): what each billing period's bills add up to, kept as bills arrive, so a report over
-- every company reads a few rows a period instead of adding up a million bills (~1 s at 1,000,000 snapshots; a
-- report of 24 periods must answer in 50 ms). Derived data: the bills stay the record, and the audit verify adds them
-- up again and reports a period whose kept totals differ (PostgresAuditLog.firstTotalsDrift).
--
-- A period's totals are split over 8 shards, by the bill's account: the monthly run archives every company's bill of
-- one period at once, and with a single row per period every insert would queue on that row's lock until the one
-- before it committed. A report adds the shards up.
CREATE TABLE period_totals (
    billing_year            SMALLINT NOT NULL,
    billing_month           SMALLINT NOT NULL,
    shard                   SMALLINT NOT NULL CHECK (shard BETWEEN 0 AND 7),
    snapshots               BIGINT   NOT NULL CHECK (snapshots >= 0),
    -- Unbounded: a period's sum over every company may outgrow one bill's NUMERIC(14,2). The scale stays 2.
    total_amount            NUMERIC  NOT NULL,
    total_user_charges      NUMERIC  NOT NULL,
    total_asset_charges     NUMERIC  NOT NULL,
    total_backup_charges    NUMERIC  NOT NULL,
    total_ticket_charges    NUMERIC  NOT NULL,
    total_line_item_charges NUMERIC  NOT NULL,
    PRIMARY KEY (billing_year, billing_month, shard)
);

-- Adds a statement's new bills to their periods, grouped first: one upsert per (period, shard) the statement touched,
-- so a COPY of a million bills (a restore, a bulk load) costs one aggregate, not a million updates of the same few
-- rows. Rows are upserted in key order, so two statements that touch the same shards take their locks in the same
-- order. It runs with the owner's rights (as the sealing functions of V12 do): the runtime role may read the totals
-- but not write them, so only a new bill moves them. Bills are never updated or deleted (the guards of V3), so the
-- totals only ever grow.
CREATE FUNCTION archive_add_period_totals() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
BEGIN
    INSERT INTO period_totals AS t (billing_year, billing_month, shard, snapshots, total_amount, total_user_charges,
                                    total_asset_charges, total_backup_charges, total_ticket_charges,
                                    total_line_item_charges)
    SELECT b.billing_year, b.billing_month, hashtext(b.company_account_number) & 7, count(*), sum(b.total_amount),
           sum(b.total_user_charges), sum(b.total_asset_charges), sum(b.total_backup_charges),
           sum(b.total_ticket_charges), sum(b.total_line_item_charges)
      FROM new_bills b
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
    ON CONFLICT (billing_year, billing_month, shard) DO UPDATE
       SET snapshots = t.snapshots + EXCLUDED.snapshots,
           total_amount = t.total_amount + EXCLUDED.total_amount,
           total_user_charges = t.total_user_charges + EXCLUDED.total_user_charges,
           total_asset_charges = t.total_asset_charges + EXCLUDED.total_asset_charges,
           total_backup_charges = t.total_backup_charges + EXCLUDED.total_backup_charges,
           total_ticket_charges = t.total_ticket_charges + EXCLUDED.total_ticket_charges,
           total_line_item_charges = t.total_line_item_charges + EXCLUDED.total_line_item_charges;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION archive_add_period_totals() FROM PUBLIC;

-- No bill may arrive between the backfill and the trigger: a service still running on the old schema waits here.
LOCK TABLE billing_snapshots IN SHARE MODE;

INSERT INTO period_totals (billing_year, billing_month, shard, snapshots, total_amount, total_user_charges,
                           total_asset_charges, total_backup_charges, total_ticket_charges, total_line_item_charges)
SELECT billing_year, billing_month, hashtext(company_account_number) & 7, count(*), sum(total_amount),
       sum(total_user_charges), sum(total_asset_charges), sum(total_backup_charges), sum(total_ticket_charges),
       sum(total_line_item_charges)
  FROM billing_snapshots
 GROUP BY 1, 2, 3;

-- In the inserting statement's transaction: a bill and its totals commit together or not at all. ALWAYS, like the
-- company-name trigger of V8, so that every way a bill arrives counts (the service, a bulk load, a restore, a
-- session under session_replication_role = replica); a restore therefore leaves this table out of the backup and
-- lets the bills it loads rebuild it.
CREATE TRIGGER billing_snapshots_period_totals AFTER INSERT ON billing_snapshots
    REFERENCING NEW TABLE AS new_bills
    FOR EACH STATEMENT EXECUTE FUNCTION archive_add_period_totals();
ALTER TABLE billing_snapshots ENABLE ALWAYS TRIGGER billing_snapshots_period_totals;
