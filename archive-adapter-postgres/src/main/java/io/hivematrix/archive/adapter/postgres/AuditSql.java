package io.hivematrix.archive.adapter.postgres;

/** The SQL of the audit chain, in one place. */
final class AuditSql {
    private AuditSql() {
    }

    /** One advisory lock names "the chain": whoever holds it is the only sealer, across all instances. */
    static final long SEALER_LOCK = 0x4152_4348_4956_45L; // "ARCHIVE"

    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(?) AS locked";

    static final String LAST_LINK = """
            SELECT seq, snapshot_id, invoice_number, content_sha256, record_sha256, archived_at, prev_hash,
                   entry_hash, sealed_at
              FROM audit_chain
             ORDER BY seq DESC
             LIMIT 1
            """;

    /**
     * Seals up to {@code ?} waiting snapshots, oldest first, and returns their links (migration V12): the function
     * belongs to the owner role and takes the sealer's lock itself, which must be {@link #SEALER_LOCK}.
     */
    static final String SEAL = """
            SELECT seq, snapshot_id, invoice_number, content_sha256, record_sha256, archived_at, prev_hash, entry_hash
              FROM archive_seal(?, ?)
             ORDER BY seq
            """;

    /**
     * The newest link (all NULL while nothing is sealed) with the totals, in one statement and so one
     * snapshot of the data: a seal committing meanwhile cannot tear seq, snapshots and pending apart.
     */
    static final String HEAD = """
            SELECT c.seq, c.snapshot_id, c.invoice_number, c.content_sha256, c.record_sha256, c.archived_at,
                   c.prev_hash, c.entry_hash, c.sealed_at, n.snapshots, n.pending
              FROM (SELECT (SELECT count(*) FROM billing_snapshots) AS snapshots,
                           (SELECT count(*) FROM audit_pending) AS pending) n
              LEFT JOIN LATERAL (SELECT * FROM audit_chain ORDER BY seq DESC LIMIT 1) c ON true
            """;

    static final String UNACCOUNTED = """
            SELECT count(*) AS n
              FROM billing_snapshots s
             WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.snapshot_id = s.id)
               AND NOT EXISTS (SELECT 1 FROM audit_pending p WHERE p.snapshot_id = s.id)
            """;

    /** Every link (its columns named c_…) with the row it names as stored now; line items come as ordered arrays. */
    static final String CHAIN_WITH_RECORDS = """
            SELECT c.seq AS c_seq, c.snapshot_id AS c_snapshot_id, c.invoice_number AS c_invoice_number,
                   c.content_sha256 AS c_content_sha256, c.record_sha256 AS c_record_sha256,
                   c.archived_at AS c_archived_at, c.prev_hash AS c_prev_hash, c.entry_hash AS c_entry_hash,
                   s.id, s.company_account_number, s.company_name, s.invoice_number, s.billing_year, s.billing_month,
                   s.invoice_date, s.due_date, s.archived_at, """ + BillColumns.names("s.") + """
                   ,
                   s.billing_data_text, s.invoice_csv, s.received_body, s.content_sha256, s.created_by, s.notes,
                   s.submitted_by,
                   li.li_line_type, li.li_item_name, li.li_description, li.li_quantity, li.li_rate, li.li_amount
              FROM audit_chain c
              LEFT JOIN billing_snapshots s ON s.id = c.snapshot_id
              -- One pass over a bill's lines for all six arrays (not one subquery each); no lines give empty arrays.
              LEFT JOIN LATERAL (
                    SELECT coalesce(array_agg(l.line_type ORDER BY l.position), '{}') AS li_line_type,
                           coalesce(array_agg(l.item_name ORDER BY l.position), '{}') AS li_item_name,
                           coalesce(array_agg(l.description ORDER BY l.position), '{}') AS li_description,
                           coalesce(array_agg(l.quantity ORDER BY l.position), '{}') AS li_quantity,
                           coalesce(array_agg(l.rate ORDER BY l.position), '{}') AS li_rate,
                           coalesce(array_agg(l.amount ORDER BY l.position), '{}') AS li_amount
                      FROM snapshot_line_items l
                     WHERE l.snapshot_id = s.id) li ON true
             ORDER BY c.seq
            """;
}
