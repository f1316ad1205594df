package io.hivematrix.archive.adapter.rest.routes;

import io.hivematrix.archive.domain.SnapshotSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes snapshot rows as CSV with commons-csv, one row at a time. Text that a spreadsheet would run
 * as a formula is neutralised with a leading apostrophe (OWASP's advice); numbers are left as numbers.
 */
public final class ExportCsv implements AutoCloseable {
    static final String[] HEADER = {"id", "invoice_number", "company_account_number", "company_name", "billing_year",
        "billing_month", "invoice_date", "due_date", "archived_at", "billing_plan", "contract_term", "support_level",
        "total_amount", "total_user_charges", "total_asset_charges", "total_backup_charges", "total_ticket_charges",
        "total_line_item_charges", "user_count", "asset_count", "billable_hours", "created_by", "content_sha256"};

    private final CSVPrinter printer;

    /** Writes the header row to {@code out}; public so the export benchmark measures the route's own writer. */
    public ExportCsv(Appendable out) {
        try {
            this.printer = CSVFormat.DEFAULT.builder().setHeader(HEADER).get().print(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row per snapshot, in the export's column order. */
    public void write(SnapshotSummary s) {
        try {
            printer.printRecord(s.id(), text(s.invoiceNumber().value()), text(s.accountNumber().value()),
                    text(s.companyName()), s.period().year(), s.period().month(), date(s.invoiceDate()),
                    date(s.dueDate()), SnapshotView.timestamp(s.archivedAt()), text(s.billingPlan()),
                    text(s.contractTerm()), text(s.supportLevel()), number(s.totalAmount().amount()),
                    number(s.totalUserCharges().amount()), number(s.totalAssetCharges().amount()),
                    number(s.totalBackupCharges().amount()), number(s.totalTicketCharges().amount()),
                    number(s.totalLineItemCharges().amount()), s.userCount(), s.assetCount(),
                    number(s.billableHours()), text(s.createdBy()), s.contentSha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text cell that cannot be mistaken for a formula. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private static String number(BigDecimal value) {
        return value.toPlainString();
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
