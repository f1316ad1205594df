package io.hivematrix.archive.adapter.postgres;

/** The SQL of the transparency log (tables of migration V11), in one place. */
final class TreeSql {
    private TreeSql() {
    }

    /** Whoever holds this lock is the only checkpoint cutter, across all instances. */
    static final long CUTTER_LOCK = 0x4152_4348_4956_4543L; // "ARCHIVEC"

    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(?) AS locked";

    /** The highest stored index: the log's size follows from it (MerkleLog.leafCount). */
    static final String STORED_COUNT = "SELECT coalesce(max(idx) + 1, 0) AS n FROM tlog_hashes";

    /** Followed by a parenthesised list of placeholders. */
    static final String HASHES_AT = "SELECT idx, hash FROM tlog_hashes WHERE idx IN ";

    /** Appends hashes from the given index on (migration V12: the owner's function, under the sealer's lock). */
    static final String APPEND_HASHES = "SELECT archive_append_tree(?, ?) AS appended";

    /** Links sealed before their leaves were stored (a chain older than the log): oldest first. */
    static final String LINKS_FROM = """
            SELECT seq, snapshot_id, invoice_number, content_sha256, record_sha256, archived_at, prev_hash, entry_hash
              FROM audit_chain
             WHERE seq > ?
             ORDER BY seq
             LIMIT ?
            """;

    /** The archived snapshot and, once sealed, its link. */
    static final String LEAF = """
            SELECT s.invoice_number AS snapshot_invoice, c.seq, c.snapshot_id, c.invoice_number, c.content_sha256,
                   c.record_sha256, c.archived_at, c.prev_hash, c.entry_hash
              FROM billing_snapshots s
              LEFT JOIN audit_chain c ON c.snapshot_id = s.id
             WHERE s.invoice_number = ?
            """;

    static final String LATEST_CHECKPOINT = """
            SELECT tree_size, note, cut_at FROM tlog_checkpoints ORDER BY tree_size DESC LIMIT 1
            """;

    static final String CHECKPOINT_AT = "SELECT tree_size, note, cut_at FROM tlog_checkpoints WHERE tree_size = ?";

    static final String INSERT_CHECKPOINT =
            "INSERT INTO tlog_checkpoints (tree_size, root_hash, note, cut_at) VALUES (?, ?, ?, ?)";
}
