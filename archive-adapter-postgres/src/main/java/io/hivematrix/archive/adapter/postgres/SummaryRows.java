package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbRow;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Decimal;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;

/** Maps a row of {@link SnapshotSql#SELECT_SUMMARY} to a {@link SnapshotSummary}, from DbClient and plain JDBC alike. */
final class SummaryRows {
    private SummaryRows() {
    }

    static SnapshotSummary read(DbRow row) {
        return read(column -> Rows.value(row, column));
    }

    /** Reads the current row of a JDBC result set (the streaming export). */
    static SnapshotSummary read(ResultSet rs) throws SQLException {
        try {
            return read(column -> {
                try {
                    return rs.getObject(column);
                } catch (SQLException e) {
                    throw new ColumnReadException(e);
                }
            });
        } catch (ColumnReadException e) {
            throw e.sqlException();
        }
    }

    private static SnapshotSummary read(Function<String, Object> column) {
        return new SnapshotSummary(
                ((Number) column.apply("id")).longValue(),
                Rows.instant(column.apply("archived_at")),
                Rows.text(column.apply("content_sha256")),
                new InvoiceNumber(Rows.text(column.apply("invoice_number"))),
                new AccountNumber(Rows.text(column.apply("company_account_number"))),
                Rows.text(column.apply("company_name")),
                new BillingPeriod(((Number) column.apply("billing_year")).intValue(),
                        ((Number) column.apply("billing_month")).intValue()),
                Rows.date(column.apply("invoice_date")),
                Rows.date(column.apply("due_date")),
                Rows.text(column.apply("billing_plan")),
                Rows.text(column.apply("contract_term")),
                Rows.text(column.apply("support_level")),
                Rows.money(column.apply("total_amount")),
                Rows.money(column.apply("total_user_charges")),
                Rows.money(column.apply("total_asset_charges")),
                Rows.money(column.apply("total_backup_charges")),
                Rows.money(column.apply("total_ticket_charges")),
                Rows.money(column.apply("total_line_item_charges")),
                ((Number) column.apply("user_count")).intValue(),
                ((Number) column.apply("asset_count")).intValue(),
                // NUMERIC(19,6) comes back as 2.500000; the domain keeps 2.5, as Snapshot does.
                Decimal.require((BigDecimal) column.apply("billable_hours"), "billable hours"),
                Rows.text(column.apply("created_by")));
    }

    /** Carries a checked SQLException out of the column function. */
    private static final class ColumnReadException extends RuntimeException {
        ColumnReadException(SQLException cause) {
            super(cause);
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}
