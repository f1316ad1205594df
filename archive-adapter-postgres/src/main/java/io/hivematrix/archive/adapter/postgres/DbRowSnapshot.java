package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbRow;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Instant;
import java.util.List;

/** A {@code billing_snapshots} row read before its line items, which arrive in a second query. */
record DbRowSnapshot(long id, Instant archivedAt, String contentSha256, DbRow row) {

    static DbRowSnapshot read(DbRow row) {
        return new DbRowSnapshot(Rows.longValue(row, "id"), Rows.instant(row.column("archived_at").get()),
                Rows.text(row, "content_sha256"), row);
    }

    ArchivedSnapshot withLineItems(List<LineItem> items) {
        Snapshot snapshot = new Snapshot(
                new InvoiceNumber(Rows.text(row, "invoice_number")),
                new AccountNumber(Rows.text(row, "company_account_number")),
                Rows.text(row, "company_name"),
                new BillingPeriod(Rows.integer(row, "billing_year"), Rows.integer(row, "billing_month")),
                Rows.date(row, "invoice_date"),
                Rows.date(row, "due_date"),
                Rows.text(row, "billing_plan"),
                Rows.text(row, "contract_term"),
                Rows.text(row, "support_level"),
                Rows.money(row, "total_amount"),
                Rows.money(row, "total_user_charges"),
                Rows.money(row, "total_asset_charges"),
                Rows.money(row, "total_backup_charges"),
                Rows.money(row, "total_ticket_charges"),
                Rows.money(row, "total_line_item_charges"),
                Rows.integer(row, "user_count"),
                Rows.integer(row, "asset_count"),
                Rows.decimal(row, "billable_hours"),
                Rows.text(row, "billing_data_text"),
                Rows.text(row, "invoice_csv"),
                items,
                Rows.text(row, "created_by"),
                Rows.text(row, "notes"),
                Rows.text(row, "submitted_by"));
        Object seq = Rows.value(row, "audit_seq");
        return new ArchivedSnapshot(id, archivedAt, contentSha256, snapshot,
                seq == null ? null : ((Number) seq).longValue());
    }
}
