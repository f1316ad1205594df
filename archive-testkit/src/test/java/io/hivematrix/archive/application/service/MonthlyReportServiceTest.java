package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.MonthlyReport;
import io.hivematrix.archive.application.port.out.MonthlyTotals;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.PeriodTotals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's rules: every period of the range once, oldest first, gaps as zeros; ranges that break the rules read nothing. */
class MonthlyReportServiceTest {
    private final List<String> reads = new ArrayList<>();
    private final List<PeriodTotals> kept = new ArrayList<>();

    private final MonthlyTotals totals = new MonthlyTotals() {
        @Override
        public List<PeriodTotals> allCompanies(BillingPeriod from, BillingPeriod to) {
            reads.add("all " + from + ".." + to);
            return kept;
        }

        @Override
        public List<PeriodTotals> ofCompany(AccountNumber account, BillingPeriod from, BillingPeriod to) {
            reads.add(account + " " + from + ".." + to);
            return kept;
        }
    };
    private final MonthlyReport report = new MonthlyReportService(totals);

    private static BillingPeriod p(int year, int month) {
        return new BillingPeriod(year, month);
    }

    private static PeriodTotals billed(BillingPeriod period, String total) {
        BigDecimal t = new BigDecimal(total);
        return new PeriodTotals(period, 1, 1, t, t, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    @Test
    void everyPeriodOfTheRange_onceOldestFirst_theGapsAsZeros() {
        kept.add(billed(p(2025, 12), "10.00"));
        kept.add(billed(p(2026, 2), "20.00"));
        MonthlyReport.Report rows = assertInstanceOf(MonthlyReport.Report.class,
                report.report(p(2025, 11), p(2026, 3), null));
        assertEquals(List.of(PeriodTotals.none(p(2025, 11)), billed(p(2025, 12), "10.00"),
                PeriodTotals.none(p(2026, 1)), billed(p(2026, 2), "20.00"), PeriodTotals.none(p(2026, 3))),
                rows.periods());
        assertEquals(List.of("all 2025-11..2026-03"), reads);
    }

    @Test
    void oneCompany_isAskedForByItsAccount() {
        report.report(p(2025, 1), p(2025, 1), new AccountNumber("620547"));
        assertEquals(List.of("620547 2025-01..2025-01"), reads);
    }

    @Test
    void aRangeEndingInTheLastPeriodThereIs_endsThere() {
        MonthlyReport.Report rows = assertInstanceOf(MonthlyReport.Report.class,
                report.report(p(2100, 11), p(2100, 12), null));
        assertEquals(List.of(PeriodTotals.none(p(2100, 11)), PeriodTotals.none(p(2100, 12))), rows.periods());
    }

    @Test
    void aBackwardRange_orOneOfMoreThan120Periods_isInvalid_andReadsNothing() {
        assertEquals(new MonthlyReport.Invalid(List.of(new FieldError("to", "must not be before from (2025-02)"))),
                report.report(p(2025, 2), p(2025, 1), null));
        assertEquals(new MonthlyReport.Invalid(List.of(new FieldError("to",
                        "a report spans at most 120 periods; 2016-01 to 2026-01 is 121"))),
                report.report(p(2016, 1), p(2026, 1), null));
        assertEquals(List.of(), reads);
        MonthlyReport.Report ten = assertInstanceOf(MonthlyReport.Report.class,
                report.report(p(2016, 2), p(2026, 1), null));
        assertEquals(120, ten.periods().size());
        assertEquals(p(2026, 1), ten.periods().getLast().period());
    }

    @Test
    void span_countsBothEnds() {
        assertEquals(1, MonthlyReportService.span(p(2025, 1), p(2025, 1)));
        assertEquals(2, MonthlyReportService.span(p(2025, 12), p(2026, 1)));
        assertEquals(1212, MonthlyReportService.span(p(2000, 1), p(2100, 12)));
    }
}
