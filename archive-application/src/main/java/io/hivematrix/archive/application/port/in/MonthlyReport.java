package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.PeriodTotals;
import java.util.List;

/** Use case: what was billed in each period of a range, across every company or for one. */
public interface MonthlyReport {
    /** Ten years of months: more than any chart needs, few enough that a report stays one small read. */
    int MAX_PERIODS = 120;

    /**
     * Every period from {@code from} to {@code to}, oldest first, a period without bills as a row of zeros (a chart of
     * 24 periods shows its gaps).
     *
     * @param account one company's bills only, or null for every company's
     */
    Result report(BillingPeriod from, BillingPeriod to, AccountNumber account);

    /** The report, or why the range cannot be reported. */
    sealed interface Result {
    }

    /** One row per period of the range, oldest first. */
    record Report(List<PeriodTotals> periods) implements Result {
        public Report {
            periods = List.copyOf(periods);
        }
    }

    /** The range broke the rules (it runs backwards, or spans more than {@link #MAX_PERIODS}); nothing was read. */
    record Invalid(List<FieldError> errors) implements Result {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
