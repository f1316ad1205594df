package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.SnapshotFilter;
import java.util.Arrays;
import java.util.List;

/** Every SQL statement of the snapshot store, in one place; user values only ever travel as {@code ?} parameters. */
final class SnapshotSql {
    private SnapshotSql() {
    }

    /** The columns {@link #INSERT_SNAPSHOT_WITH_LINES} writes that are not the bill's fields of BillColumns. */
    private static final int OWN_INSERT_COLUMNS = 16;

    /**
     * The snapshot, its line items (parallel arrays, in order: position is the array index) and its entry in
     * the audit sealer's queue, as one atomic statement. Nothing at all is inserted when a unique key clashes. The
     * bill's fields are {@link BillColumns#NAMES}, bound in that order after {@code archived_at}.
     */
    static final String INSERT_SNAPSHOT_WITH_LINES = """
            WITH s AS (
                INSERT INTO billing_snapshots (
                    company_account_number, company_name, invoice_number, billing_year, billing_month,
                    invoice_date, due_date, archived_at, """ + BillColumns.NAMES + """
                    ,
                    billing_data_text, invoice_csv, received_body, content_sha256, record_sha256, created_by, notes,
                    submitted_by)
                VALUES (""" + "?, ".repeat(OWN_INSERT_COLUMNS + BillColumns.count() - 1) + """
            ?)
                ON CONFLICT DO NOTHING
                RETURNING id, archived_at
            ), lines AS (
                INSERT INTO snapshot_line_items
                    (snapshot_id, position, line_type, item_name, description, quantity, rate, amount)
                SELECT s.id, li.n - 1, li.line_type, li.item_name, li.description,
                       li.quantity::numeric, li.rate::numeric, li.amount::numeric
                  FROM s, unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                       AS li(line_type, item_name, description, quantity, rate, amount, n)
            ), queued AS (
                INSERT INTO audit_pending (snapshot_id) SELECT id FROM s
            )
            SELECT id, archived_at FROM s
            """;

    /** A key already taken keeps its first request: the caller then sees that one, as with any retry. */
    static final String INSERT_IDEMPOTENCY_KEY = """
            INSERT INTO idempotency_keys (caller, idempotency_key, request_sha256, snapshot_id)
            VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    static final String SELECT_IDEMPOTENCY_KEY = """
            SELECT k.request_sha256, s.invoice_number
              FROM idempotency_keys k
              JOIN billing_snapshots s ON s.id = k.snapshot_id
             WHERE k.caller = ? AND k.idempotency_key = ?
            """;

    static final String SELECT_SNAPSHOT = """
            SELECT id, company_account_number, company_name, invoice_number, billing_year, billing_month,
                   invoice_date, due_date, archived_at, """ + BillColumns.NAMES + """
                   ,
                   billing_data_text, invoice_csv, content_sha256, created_by, notes, submitted_by,
                   (SELECT c.seq FROM audit_chain c WHERE c.snapshot_id = billing_snapshots.id) AS audit_seq
              FROM billing_snapshots
            """;

    static final String SELECT_LINE_ITEMS = """
            SELECT snapshot_id, line_type, item_name, description, quantity, rate, amount
              FROM snapshot_line_items
             WHERE snapshot_id = ?
             ORDER BY position
            """;

    static final String BY_INVOICE = "WHERE invoice_number = ?";
    static final String BY_ACCOUNT_AND_PERIOD =
            "WHERE company_account_number = ? AND billing_year = ? AND billing_month = ?";

    /**
     * The invoice numbers archived for a period, by company, for a run to skip: served by
     * ix_billing_snapshots_period; the wide columns (billing data, CSV, body) stay on the disk.
     */
    static final String INVOICES_FOR_PERIOD = """
            SELECT company_account_number, invoice_number
              FROM billing_snapshots
             WHERE billing_year = ? AND billing_month = ?
            """;

    /** One company's invoice number for a period: a probe of uq_billing_snapshots_company_period. */
    static final String INVOICE_FOR_ACCOUNT_AND_PERIOD = "SELECT invoice_number FROM billing_snapshots "
            + BY_ACCOUNT_AND_PERIOD;

    /**
     * A company's latest invoice number of a period before the given one: one step backwards down
     * uq_billing_snapshots_company_period (account, year, month), however many bills the company has.
     */
    static final String PREVIOUS_INVOICE = """
            SELECT invoice_number
              FROM billing_snapshots
             WHERE company_account_number = ? AND (billing_year, billing_month) < (?, ?)
             ORDER BY billing_year DESC, billing_month DESC
             LIMIT 1
            """;

    /** The CSV download reads only what it needs, never the breakdown or the received body. */
    static final String SELECT_CSV = """
            SELECT company_name, billing_year, billing_month, invoice_csv, content_sha256
              FROM billing_snapshots
             WHERE invoice_number = ?
            """;

    /**
     * The summary columns only: lists must not drag billing data, CSV or received body off the disk. Nor
     * submitted_by: an account's page is read from ix_billing_snapshots_account_archived_at alone (V9), which holds
     * exactly these columns; the submitter is shown with the full snapshot.
     */
    static final String SELECT_SUMMARY = """
            SELECT id, archived_at, content_sha256, invoice_number, company_account_number, company_name,
                   billing_year, billing_month, invoice_date, due_date, billing_plan, contract_term, support_level,
                   total_amount, total_user_charges, total_asset_charges, total_backup_charges,
                   total_ticket_charges, total_line_item_charges, user_count, asset_count, billable_hours, created_by
              FROM billing_snapshots
            """;

    static final String COUNT = "SELECT count(*) AS n FROM billing_snapshots";

    static final String COUNT_COMPANIES = "SELECT count(DISTINCT company_account_number) AS n FROM billing_snapshots";

    /**
     * How many (account, name) pairs have a name containing a text (a trigram index probe), counting no further than
     * a LIMIT (the second parameter), and, when there are no more than the third, the pairs themselves with their
     * newest bill's archive time, newest first, no more than the fourth and any that tie with the last of those:
     * one row of (count, null, null) otherwise. A text common enough to pass the bound is answered by its count
     * alone, so the thousands of pairs it matches never leave the server; of a text of a few thousand pairs only the
     * newest are sent, as those are all a page can be narrowed to (CompanyAccounts.Matches#narrowed). Both bounds
     * are constants to the planner: a LIMIT it cannot see it guesses at a tenth of the rows, and then scanned the
     * whole names table for "miller" (12 ms at 1,000,000 bills, against 1.4 ms through the trigram index).
     */
    static final String ACCOUNTS_BY_COMPANY_NAME = """
            WITH matched AS MATERIALIZED (
                SELECT company_account_number, newest_archived_at
                  FROM snapshot_company_names
                 WHERE company_name ILIKE ? ESCAPE '\\'
                 LIMIT ?
            ), counted AS (SELECT count(*) AS names FROM matched)
            SELECT counted.names, pair.company_account_number, pair.newest_archived_at
              FROM counted LEFT JOIN LATERAL (SELECT * FROM matched WHERE counted.names <= ?
                                               ORDER BY newest_archived_at DESC
                                               FETCH FIRST ? ROWS WITH TIES) pair ON true
            """;

    /** The number of (account, name) pairs as last analysed (-1 before the first analysis), read from the catalog. */
    static final String NAME_PAIRS_ESTIMATE = """
            SELECT reltuples FROM pg_class WHERE oid = CAST('snapshot_company_names' AS regclass)
            """;

    /**
     * Whether one of the listed accounts also had a name that does not contain the text: one primary-key
     * probe per account (~1.3 ms for 500), asked only of a list small enough to be bound into a search.
     */
    static final String ANY_OTHER_NAME = """
            SELECT EXISTS (SELECT 1 FROM snapshot_company_names
                            WHERE company_account_number = ANY (CAST(? AS varchar[]))
                              AND company_name NOT ILIKE ? ESCAPE '\\')
            """;

    /** Bounds each statement of an export's transaction, and ends with it (LOCAL). */
    static String exportTimeout(String timeout) {
        return "SET LOCAL statement_timeout = '" + timeout + "'";
    }

    /** The export's cursor: planned for its first rows, closed when its transaction ends. */
    static final String EXPORT_CURSOR = "archive_export";

    static String declareExport(String query) {
        return "DECLARE " + EXPORT_CURSOR + " NO SCROLL CURSOR FOR " + query;
    }

    static String fetchExport(int rows) {
        return "FETCH FORWARD " + rows + " FROM " + EXPORT_CURSOR;
    }

    /** A count that stops reading at its LIMIT: around a WHERE clause, the limit its last parameter. */
    static final String COUNT_AT_MOST_HEAD = "SELECT count(*) AS n FROM (SELECT 1 FROM billing_snapshots";
    static final String COUNT_AT_MOST_TAIL = " LIMIT ?) AS matching";

    /** Walks ix_billing_snapshots_archived_at; id breaks ties so the order is total and a cursor is exact. */
    static final String NEWEST_FIRST = " ORDER BY archived_at DESC, id DESC";

    static final String LIMIT_OFFSET = " LIMIT ? OFFSET ?";

    /**
     * One search page for a WHERE clause (its parameters, then limit and offset). No page reads a table row: a
     * snapshot row is ~2 KB wide with its bodies inline, and at 10,000,000 bills (a 25 GB table) fetching a page's
     * 100 rows went to the disk for about half of them; ix_billing_snapshots_account_archived_at holds every summary
     * column (V9) and stays in memory.
     * <p>
     * A page whose accounts are named (one account, or a company text's bound list) is read straight from that
     * index, whatever the offset. Any other page takes its keys first, from an index alone where the conditions
     * allow, and then those entries of the account index: sorting a thousand matches by reading their rows cost
     * 65 ms at 1,000,000 snapshots where their index entries cost ~1 ms.
     */
    static String page(SnapshotWhere where) {
        if (where.byAccount()) {
            return SELECT_SUMMARY + where.sql() + NEWEST_FIRST + LIMIT_OFFSET;
        }
        return SELECT_SUMMARY + " WHERE (company_account_number, archived_at, id) IN (SELECT company_account_number,"
                + " archived_at, id FROM billing_snapshots" + where.sql() + NEWEST_FIRST + LIMIT_OFFSET + ")"
                + NEWEST_FIRST;
    }

    /** The columns of {@link #SELECT_SUMMARY}, in order. */
    static List<String> summaryColumns() {
        String columns = SELECT_SUMMARY.substring(SELECT_SUMMARY.indexOf("SELECT") + 6, SELECT_SUMMARY.indexOf("FROM"));
        return Arrays.stream(columns.split(",")).map(String::strip).toList();
    }

    /** Served by the unique (company_account_number, billing_year, billing_month) index. */
    static final String ACCOUNT_HISTORY = SELECT_SUMMARY
            + " WHERE company_account_number = ? ORDER BY billing_year DESC, billing_month DESC, id DESC"
            + LIMIT_OFFSET;
}
