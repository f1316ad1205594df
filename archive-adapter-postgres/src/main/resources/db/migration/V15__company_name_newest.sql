-- Company search at ten million bills (issue 22): each (account, name) pair also keeps the archive time of its
-- newest bill. A company text that matches hundreds of accounts needs only the newest 100 of their bills; the pairs'
-- newest times say which accounts can hold them and from when (SnapshotWhere.Threshold), so a page reads about a
-- hundred accounts' latest bills instead of every bill of every matching account. At 10,000,000 bills a fragment
-- shared by ~1,000 accounts read their ~60,000 bills (or walked up to ~100,000 newer rows testing the name) for one
-- page; with this column it reads ~100 index entries.
--
-- Derived data like period_totals (V14), but idempotent: the newest time is a maximum, so a restore that loads the
-- table's own rows and then the bills (whose trigger folds them in again) ends where it began, and this table stays
-- in the backup as before.
ALTER TABLE snapshot_company_names ADD COLUMN newest_archived_at TIMESTAMPTZ;
-- Each pair's row now changes about once a month (its account's next bill). Room left on each page lets that update
-- stay on the page (a HOT update), touching neither the key nor the trigram index.
ALTER TABLE snapshot_company_names SET (fillfactor = 70);

-- Folds a statement's new bills into their pairs: one upsert per pair the statement touched, in key order, so two
-- statements that share accounts take their row locks in the same order (a COPY of a month of bills is one
-- aggregate, not one update per bill). Only moves a time forward. Runs with the owner's rights, as V14's totals do:
-- the runtime role reads the pairs but may no longer write them, since a forged newest time would hide bills from a
-- search.
CREATE FUNCTION archive_note_company_names() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
BEGIN
    INSERT INTO snapshot_company_names AS n (company_account_number, company_name, newest_archived_at)
    SELECT b.company_account_number, b.company_name, max(b.archived_at)
      FROM new_bills b
     GROUP BY 1, 2
     ORDER BY 1, 2
    ON CONFLICT (company_account_number, company_name) DO UPDATE
       SET newest_archived_at = EXCLUDED.newest_archived_at
     WHERE n.newest_archived_at IS NULL OR n.newest_archived_at < EXCLUDED.newest_archived_at;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION archive_note_company_names() FROM PUBLIC;

-- No bill may arrive between the backfill and the new trigger: a service still running on the old schema waits here
-- (reads go on). At 1,000,000 bills the backfill reads the (account, archived_at) index once, a few seconds.
LOCK TABLE billing_snapshots IN SHARE MODE;

UPDATE snapshot_company_names n
   SET newest_archived_at = b.newest
  FROM (SELECT company_account_number, company_name, max(archived_at) AS newest
          FROM billing_snapshots
         GROUP BY 1, 2) b
 WHERE n.company_account_number = b.company_account_number
   AND n.company_name = b.company_name;

-- Every pair was noted from a bill that has it (V8), so every pair has a newest time now, and keeps one.
ALTER TABLE snapshot_company_names ALTER COLUMN newest_archived_at SET NOT NULL;

DROP TRIGGER billing_snapshots_company_name ON billing_snapshots;
DROP FUNCTION archive_note_company_name();

-- ALWAYS, like V8's trigger it replaces: every way a bill arrives is searchable by name (the service, a bulk load, a
-- restore, a session under session_replication_role = replica).
CREATE TRIGGER billing_snapshots_company_names AFTER INSERT ON billing_snapshots
    REFERENCING NEW TABLE AS new_bills
    FOR EACH STATEMENT EXECUTE FUNCTION archive_note_company_names();
ALTER TABLE billing_snapshots ENABLE ALWAYS TRIGGER billing_snapshots_company_names;
