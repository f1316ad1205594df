-- Transparency log (issue 18): an RFC 9162 Merkle tree over the sealed chain, leaf i being chain entry seq i + 1
-- (its data: AuditLink.leafData), and the signed checkpoints cut from it. Both are append-only, like the chain.

-- Every complete subtree's root, numbered in the order the subtrees complete (MerkleLog.storedHashIndex): leaf n and
-- the subtrees it completes are written with the link that seals it, so a proof reads O(log n) rows.
CREATE TABLE tlog_hashes (
    idx  BIGINT PRIMARY KEY CHECK (idx >= 0),
    hash BYTEA  NOT NULL CHECK (octet_length(hash) = 32)
);

-- Each checkpoint as signed (a C2SP signed note), one per tree size, cut by one instance at a time.
CREATE TABLE tlog_checkpoints (
    tree_size BIGINT      PRIMARY KEY CHECK (tree_size >= 0),
    root_hash BYTEA       NOT NULL CHECK (octet_length(root_hash) = 32),
    note      TEXT        NOT NULL,
    cut_at    TIMESTAMPTZ NOT NULL
);

CREATE TRIGGER tlog_hashes_immutable BEFORE UPDATE OR DELETE ON tlog_hashes
    FOR EACH ROW EXECUTE FUNCTION archive_forbid_change();
CREATE TRIGGER tlog_hashes_no_truncate BEFORE TRUNCATE ON tlog_hashes
    FOR EACH STATEMENT EXECUTE FUNCTION archive_forbid_change();
ALTER TABLE tlog_hashes ENABLE ALWAYS TRIGGER tlog_hashes_immutable;
ALTER TABLE tlog_hashes ENABLE ALWAYS TRIGGER tlog_hashes_no_truncate;

CREATE TRIGGER tlog_checkpoints_immutable BEFORE UPDATE OR DELETE ON tlog_checkpoints
    FOR EACH ROW EXECUTE FUNCTION archive_forbid_change();
CREATE TRIGGER tlog_checkpoints_no_truncate BEFORE TRUNCATE ON tlog_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION archive_forbid_change();
ALTER TABLE tlog_checkpoints ENABLE ALWAYS TRIGGER tlog_checkpoints_immutable;
ALTER TABLE tlog_checkpoints ENABLE ALWAYS TRIGGER tlog_checkpoints_no_truncate;
