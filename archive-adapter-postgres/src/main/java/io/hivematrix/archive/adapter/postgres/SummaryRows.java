package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Decimal;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Maps a row of {@link SnapshotSql#SELECT_SUMMARY} to a {@link SnapshotSummary}. */
final class SummaryRows {
    private SummaryRows() {
    }

    /**
     * Reads the current row of a JDBC result set. Typed getters throughout: the driver's untyped dates go
     * through a Calendar and were the largest single cost of a search page once DbClient was gone.
     */
    static SnapshotSummary read(ResultSet rs) throws SQLException {
        return new SnapshotSummary(
                rs.getLong("id"),
                rs.getObject("archived_at", OffsetDateTime.class).toInstant(),
                rs.getString("content_sha256"),
                new InvoiceNumber(rs.getString("invoice_number")),
                new AccountNumber(rs.getString("company_account_number")),
                rs.getString("company_name"),
                new BillingPeriod(rs.getInt("billing_year"), rs.getInt("billing_month")),
                rs.getObject("invoice_date", LocalDate.class),
                rs.getObject("due_date", LocalDate.class),
                rs.getString("billing_plan"),
                rs.getString("contract_term"),
                rs.getString("support_level"),
                money(rs, "total_amount"),
                money(rs, "total_user_charges"),
                money(rs, "total_asset_charges"),
                money(rs, "total_backup_charges"),
                money(rs, "total_ticket_charges"),
                money(rs, "total_line_item_charges"),
                rs.getInt("user_count"),
                rs.getInt("asset_count"),
                // NUMERIC(19,6) comes back as 2.500000; the domain keeps 2.5, as Snapshot does.
                Decimal.require(rs.getBigDecimal("billable_hours"), "billable hours"),
                rs.getString("created_by"));
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        return new Money(rs.getBigDecimal(column));
    }
}
