-- Audit trail (issue 5): two fingerprints per snapshot, an append-only hash chain that a sealer
-- extends shortly after commit, and guards that make archived rows immutable in the database.

-- content_sha256 becomes the SHA-256 of the exact body as received; record_sha256 is the canonical
-- fingerprint of the stored columns and lines (what content_sha256 meant before this migration).
ALTER TABLE billing_snapshots ADD COLUMN record_sha256 CHAR(64);
UPDATE billing_snapshots SET record_sha256 = content_sha256;
-- Rows stored before bodies were required (only ever in development databases) keep an empty body.
UPDATE billing_snapshots SET received_body = '' WHERE received_body IS NULL;
UPDATE billing_snapshots SET content_sha256 = encode(sha256(convert_to(received_body, 'UTF8')), 'hex');
ALTER TABLE billing_snapshots
    ALTER COLUMN record_sha256 SET NOT NULL,
    ALTER COLUMN received_body SET NOT NULL,
    ADD CONSTRAINT ck_billing_snapshots_record_sha256 CHECK (record_sha256 ~ '^[0-9a-f]{64}$');

-- Snapshots committed but not yet sealed. Written in the snapshot's own transaction (so ingest never
-- waits for the chain); the sealer moves them into audit_chain in batches and deletes them here.
CREATE TABLE audit_pending (
    snapshot_id BIGINT PRIMARY KEY REFERENCES billing_snapshots (id)
);
INSERT INTO audit_pending (snapshot_id) SELECT id FROM billing_snapshots ORDER BY id;

-- Entry n: entry_hash = sha256(prev_hash | seq | content_sha256 | record_sha256 | archived_at in epoch µs).
CREATE TABLE audit_chain (
    seq            BIGINT       PRIMARY KEY CHECK (seq >= 1),
    snapshot_id    BIGINT       NOT NULL UNIQUE REFERENCES billing_snapshots (id),
    invoice_number VARCHAR(50)  NOT NULL,
    content_sha256 CHAR(64)     NOT NULL,
    record_sha256  CHAR(64)     NOT NULL,
    archived_at    TIMESTAMPTZ  NOT NULL,
    prev_hash      CHAR(64)     NOT NULL,
    entry_hash     CHAR(64)     NOT NULL,
    sealed_at      TIMESTAMPTZ  NOT NULL
);

CREATE FUNCTION archive_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'archived records are immutable: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Row guards against UPDATE and DELETE, a statement guard against TRUNCATE. ENABLE ALWAYS keeps them
-- firing under session_replication_role = replica, which would otherwise silence them.
CREATE TRIGGER billing_snapshots_immutable BEFORE UPDATE OR DELETE ON billing_snapshots
    FOR EACH ROW EXECUTE FUNCTION archive_forbid_change();
CREATE TRIGGER billing_snapshots_no_truncate BEFORE TRUNCATE ON billing_snapshots
    FOR EACH STATEMENT EXECUTE FUNCTION archive_forbid_change();
ALTER TABLE billing_snapshots ENABLE ALWAYS TRIGGER billing_snapshots_immutable;
ALTER TABLE billing_snapshots ENABLE ALWAYS TRIGGER billing_snapshots_no_truncate;

CREATE TRIGGER snapshot_line_items_immutable BEFORE UPDATE OR DELETE ON snapshot_line_items
    FOR EACH ROW EXECUTE FUNCTION archive_forbid_change();
CREATE TRIGGER snapshot_line_items_no_truncate BEFORE TRUNCATE ON snapshot_line_items
    FOR EACH STATEMENT EXECUTE FUNCTION archive_forbid_change();
ALTER TABLE snapshot_line_items ENABLE ALWAYS TRIGGER snapshot_line_items_immutable;
ALTER TABLE snapshot_line_items ENABLE ALWAYS TRIGGER snapshot_line_items_no_truncate;

CREATE TRIGGER audit_chain_immutable BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION archive_forbid_change();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION archive_forbid_change();
ALTER TABLE audit_chain ENABLE ALWAYS TRIGGER audit_chain_immutable;
ALTER TABLE audit_chain ENABLE ALWAYS TRIGGER audit_chain_no_truncate;
