package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.MonthlyReport;
import io.hivematrix.archive.application.port.out.MonthlyTotals;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.PeriodTotals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reports a range of billing periods from the kept totals, filling the periods without bills with zeros. */
public final class MonthlyReportService implements MonthlyReport {
    private final MonthlyTotals totals;

    public MonthlyReportService(MonthlyTotals totals) {
        this.totals = Objects.requireNonNull(totals);
    }

    @Override
    public Result report(BillingPeriod from, BillingPeriod to, AccountNumber account) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.compareTo(from) < 0) {
            return new Invalid(List.of(new FieldError("to", "must not be before from (" + from + ")")));
        }
        long periods = span(from, to);
        if (periods > MAX_PERIODS) {
            return new Invalid(List.of(new FieldError("to", "a report spans at most " + MAX_PERIODS
                    + " periods; " + from + " to " + to + " is " + periods)));
        }
        List<PeriodTotals> found = account == null ? totals.allCompanies(from, to)
                : totals.ofCompany(account, from, to);
        Map<BillingPeriod, PeriodTotals> byPeriod = new HashMap<>();
        for (PeriodTotals row : found) {
            byPeriod.put(row.period(), row);
        }
        List<PeriodTotals> rows = new ArrayList<>((int) periods);
        for (BillingPeriod p = from; p.compareTo(to) <= 0; p = p.next()) {
            rows.add(byPeriod.getOrDefault(p, PeriodTotals.none(p)));
            if (p.equals(to)) {
                break; // December 2100 has no next period
            }
        }
        return new Report(rows);
    }

    /** How many periods {@code from..to} holds, both included. */
    static long span(BillingPeriod from, BillingPeriod to) {
        return (to.year() * 12L + to.month()) - (from.year() * 12L + from.month()) + 1;
    }
}
