-- The database fixes the facts it can (issue 18, part 1): when a bill was archived is the database's clock, not
-- whatever the inserting statement says. The service reads the stored time back (INSERT ... RETURNING), so what the
-- API answers is what the audit chain seals.

-- statement_timestamp() is when the server received the statement that archives the bill. Not now(): that is the
-- start of the enclosing transaction, which a client could open long before it inserts. Not clock_timestamp(): it
-- changes from row to row, and one statement's rows (a multi-row insert or a COPY) are archived at one moment, as
-- DEFAULT now() archived them before. Neither choice can see the commit, which comes later still.
CREATE FUNCTION archive_set_archived_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.archived_at := statement_timestamp();
    RETURN NEW;
END
$$;

-- An ordinary trigger (enabled for origin sessions), deliberately not ENABLE ALWAYS like the guards: rows that come
-- back with the archive time they already had must keep it. A restore disables it for its one load transaction (only
-- the table's owner can), and a session under session_replication_role = replica (a logical replication subscriber,
-- a superuser's bulk load) skips it. The runtime role can do neither.
CREATE TRIGGER billing_snapshots_archived_at BEFORE INSERT ON billing_snapshots
    FOR EACH ROW EXECUTE FUNCTION archive_set_archived_at();

-- Who sent each bill: the authenticated principal, service:<name> or user:<e-mail>, which the service records from the
-- verified token (the database cannot know it: every instance connects as one role). Immutable like every other
-- column (the guards forbid UPDATE), and covered by record_sha256 when set. NULL for the bills archived before this
-- migration, which no UPDATE may fill in. So NULL stays allowed for rows inserted later too: a restore (or any reload
-- of the table) brings those old bills back by inserting them, and a rule against NULL would refuse them.
ALTER TABLE billing_snapshots ADD COLUMN submitted_by VARCHAR(300);

-- NOT VALID: every existing row is NULL, which the check accepts; validating would only read the whole table to learn
-- that. New rows are checked all the same.
ALTER TABLE billing_snapshots ADD CONSTRAINT ck_billing_snapshots_submitted_by
    CHECK (submitted_by ~ '^(service|user):.*[^[:space:]]') NOT VALID;
