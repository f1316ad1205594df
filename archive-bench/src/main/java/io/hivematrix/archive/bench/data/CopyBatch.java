package io.hivematrix.archive.bench.data;

import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.Snapshot;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a batch of snapshots, their line items and their audit queue entries with three COPY statements,
 * committed together like the service's one-transaction insert. Columns and values mirror
 * PostgresSnapshotStore.save (SnapshotSql.INSERT_SNAPSHOT); commons-csv's PostgreSQL CSV format does the quoting
 * (NULL is an unquoted empty field, an empty string a quoted one).
 */
final class CopyBatch {
    /** COPY writes the supplied id even though the column is GENERATED ALWAYS (as OVERRIDING SYSTEM VALUE would). */
    private static final String COPY_SNAPSHOTS = """
            COPY billing_snapshots (
                id, company_account_number, company_name, invoice_number, billing_year, billing_month,
                invoice_date, due_date, archived_at, billing_plan, contract_term, support_level,
                total_amount, total_user_charges, total_asset_charges, total_backup_charges,
                total_ticket_charges, total_line_item_charges, user_count, asset_count, billable_hours,
                billing_data_text, invoice_csv, received_body, content_sha256, record_sha256, created_by, notes,
                submitted_by)
            FROM STDIN (FORMAT csv)
            """;
    private static final String COPY_LINE_ITEMS = """
            COPY snapshot_line_items (snapshot_id, position, line_type, item_name, description, quantity, rate, amount)
            FROM STDIN (FORMAT csv)
            """;
    private static final String COPY_PENDING = "COPY audit_pending (snapshot_id) FROM STDIN (FORMAT csv)";

    private CopyBatch() {
    }

    /** Writes and commits the batch; returns the number of line items written. */
    static long write(Connection connection, List<StoredSnapshot> rows) throws SQLException {
        StringBuilder snapshots = new StringBuilder(rows.size() * 6_000);
        StringBuilder lines = new StringBuilder(rows.size() * 8 * 80);
        StringBuilder pending = new StringBuilder(rows.size() * 10);
        long lineCount = 0;
        try (CSVPrinter s = CSVFormat.POSTGRESQL_CSV.print(snapshots);
             CSVPrinter l = CSVFormat.POSTGRESQL_CSV.print(lines);
             CSVPrinter p = CSVFormat.POSTGRESQL_CSV.print(pending)) {
            for (StoredSnapshot row : rows) {
                snapshot(s, row);
                List<LineItem> items = row.snapshot().lineItems();
                for (int i = 0; i < items.size(); i++) {
                    LineItem item = items.get(i);
                    l.printRecord(row.id(), i, item.lineType().code(), item.itemName(), item.description(),
                            plain(item.quantity()), plain(item.rate()), plain(item.amount().amount()));
                }
                lineCount += items.size();
                p.printRecord(row.id());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try {
            copy.copyIn(COPY_SNAPSHOTS, new StringReader(snapshots.toString()));
            copy.copyIn(COPY_LINE_ITEMS, new StringReader(lines.toString()));
            copy.copyIn(COPY_PENDING, new StringReader(pending.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connection.commit();
        return lineCount;
    }

    private static void snapshot(CSVPrinter out, StoredSnapshot row) throws IOException {
        Snapshot s = row.snapshot();
        out.printRecord(row.id(), s.accountNumber().value(), s.companyName(), s.invoiceNumber().value(),
                s.period().year(), s.period().month(), s.invoiceDate(), s.dueDate(), row.archivedAt(),
                s.terms().billingPlan(), s.terms().contractTerm(), s.terms().supportLevel(),
                plain(s.charges().total().amount()), plain(s.charges().userCharges().amount()),
                plain(s.charges().assetCharges().amount()), plain(s.charges().backupCharges().amount()),
                plain(s.charges().ticketCharges().amount()), plain(s.charges().lineItemCharges().amount()),
                s.usage().userCount(), s.usage().assetCount(), plain(s.usage().billableHours()),
                s.billingData(), s.invoiceCsv(), row.receivedBody(), row.contentSha256(), s.recordSha256(),
                s.createdBy(), s.notes(), s.submittedBy());
    }

    /** BigDecimal.toString may use an exponent (1E+3); PostgreSQL's numeric input wants plain digits to be safe. */
    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
