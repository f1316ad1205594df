package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.port.out.MonthlyTotals;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.PeriodTotals;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * {@link MonthlyTotals} on PostgreSQL: every company's from the totals the database keeps per period (V14), one
 * company's from its bills. Plain JDBC through {@link HotPathJdbc}: the report's budget is a few milliseconds.
 */
public final class PostgresMonthlyTotals implements MonthlyTotals {
    private final HotPathJdbc jdbc;

    PostgresMonthlyTotals(HotPathJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<PeriodTotals> allCompanies(BillingPeriod from, BillingPeriod to) {
        return read(PeriodTotalsSql.ALL_COMPANIES, List.of(from.year(), from.month(), to.year(), to.month()));
    }

    @Override
    public List<PeriodTotals> ofCompany(AccountNumber account, BillingPeriod from, BillingPeriod to) {
        Objects.requireNonNull(account, "account");
        return read(PeriodTotalsSql.ONE_COMPANY,
                List.of(account.value(), from.year(), from.month(), to.year(), to.month()));
    }

    private List<PeriodTotals> read(String sql, List<?> params) {
        return jdbc.withConnection("monthly report failed", connection -> {
            try (PreparedStatement statement = HotPathJdbc.prepare(connection, sql, params)) {
                return HotPathJdbc.list(statement, PostgresMonthlyTotals::row);
            }
        });
    }

    private static PeriodTotals row(ResultSet rs) throws SQLException {
        return new PeriodTotals(new BillingPeriod(rs.getInt("billing_year"), rs.getInt("billing_month")),
                rs.getLong("companies"), rs.getLong("snapshots"), rs.getBigDecimal("total_amount"),
                rs.getBigDecimal("total_user_charges"), rs.getBigDecimal("total_asset_charges"),
                rs.getBigDecimal("total_backup_charges"), rs.getBigDecimal("total_ticket_charges"),
                rs.getBigDecimal("total_line_item_charges"));
    }
}
