package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.port.out.SnapshotReader.StoredCsv;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillValues;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Charges;
import io.hivematrix.archive.domain.Decimal;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.SnapshotSummary;
import io.hivematrix.archive.domain.Terms;
import io.hivematrix.archive.domain.Usage;
import java.sql.ResultSet;
import java.util.List;

/**
 * The one row mapper of {@code billing_snapshots}, in two views: the whole bill ({@link SnapshotSql#SELECT_SNAPSHOT},
 * the audit chain's join), its summary ({@link SnapshotSql#SELECT_SUMMARY}) and its CSV
 * ({@link SnapshotSql#SELECT_CSV}).
 */
final class SnapshotRows {
    private SnapshotRows() {
    }

    /** The archived bill of a {@link SnapshotSql#SELECT_SNAPSHOT} row, with its line items (read separately). */
    static ArchivedSnapshot archived(Columns row, List<LineItem> items) {
        return new ArchivedSnapshot(row.longValue("id"), row.instant("archived_at"), row.text("content_sha256"),
                snapshot(row, items), row.optionalLong("audit_seq"));
    }

    /** The bill as stored, with its line items (read separately). */
    static Snapshot snapshot(Columns row, List<LineItem> items) {
        BillValues bill = BillColumns.read(row);
        return new Snapshot(
                new InvoiceNumber(row.text("invoice_number")),
                new AccountNumber(row.text("company_account_number")),
                row.text("company_name"),
                period(row),
                row.date("invoice_date"),
                row.date("due_date"),
                Terms.of(bill),
                Charges.of(bill),
                Usage.of(bill),
                row.text("billing_data_text"),
                row.text("invoice_csv"),
                items,
                row.text("created_by"),
                row.text("notes"),
                row.text("submitted_by"));
    }

    /** The summary of the current row of a search or an export (a hot path: see {@link SummaryQueries}). */
    static SnapshotSummary summary(ResultSet rs) {
        Columns row = Columns.of(rs);
        return new SnapshotSummary(
                row.longValue("id"),
                row.instant("archived_at"),
                row.text("content_sha256"),
                new InvoiceNumber(row.text("invoice_number")),
                new AccountNumber(row.text("company_account_number")),
                row.text("company_name"),
                period(row),
                row.date("invoice_date"),
                row.date("due_date"),
                row.text("billing_plan"),
                row.text("contract_term"),
                row.text("support_level"),
                money(row, "total_amount"),
                money(row, "total_user_charges"),
                money(row, "total_asset_charges"),
                money(row, "total_backup_charges"),
                money(row, "total_ticket_charges"),
                money(row, "total_line_item_charges"),
                row.integer("user_count"),
                row.integer("asset_count"),
                // NUMERIC(19,6) comes back as 2.500000; the domain keeps 2.5, as Snapshot does.
                Decimal.require(row.decimal("billable_hours"), "billable hours"),
                row.text("created_by"));
    }

    /** The CSV download's columns. */
    static StoredCsv csv(Columns row) {
        return new StoredCsv(row.text("company_name"), period(row), row.text("invoice_csv"),
                row.text("content_sha256"));
    }

    private static BillingPeriod period(Columns row) {
        return new BillingPeriod(row.integer("billing_year"), row.integer("billing_month"));
    }

    private static Money money(Columns row, String column) {
        return new Money(row.decimal(column));
    }
}
