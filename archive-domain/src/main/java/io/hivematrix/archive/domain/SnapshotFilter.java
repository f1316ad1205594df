package io.hivematrix.archive.domain;

import java.time.LocalDate;

/**
 * What a search asks for; every criterion is optional (null) and they all must hold. Dates are
 * inclusive calendar days of the archive time in UTC; periods and totals are inclusive ranges.
 *
 * @param companyContains case-insensitive substring of the company name
 */
public record SnapshotFilter(
        AccountNumber account,
        Integer year,
        Integer month,
        LocalDate fromDate,
        LocalDate toDate,
        String companyContains,
        BillingPeriod fromPeriod,
        BillingPeriod toPeriod,
        Money minTotal,
        Money maxTotal) {
    public static final int MAX_COMPANY_TEXT = 100;
    public static final SnapshotFilter ALL = new SnapshotFilter(null, null, null, null, null, null, null, null, null,
            null);

    public SnapshotFilter {
        if (year != null) {
            BillingPeriod.requireYear(year);
        }
        if (month != null) {
            BillingPeriod.requireMonth(month);
        }
        if (companyContains != null) {
            companyContains = Text.required(companyContains, MAX_COMPANY_TEXT, "company");
        }
    }

    /** Whether a snapshot matches; the reference semantics every store's query must agree with. */
    public boolean matches(SnapshotSummary s) {
        LocalDate archivedOn = s.archivedAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        return (account == null || account.equals(s.accountNumber()))
                && (year == null || year == s.period().year())
                && (month == null || month == s.period().month())
                && (fromDate == null || !archivedOn.isBefore(fromDate))
                && (toDate == null || !archivedOn.isAfter(toDate))
                && (companyContains == null || s.companyName().toLowerCase(java.util.Locale.ROOT)
                        .contains(companyContains.toLowerCase(java.util.Locale.ROOT)))
                && (fromPeriod == null || s.period().compareTo(fromPeriod) >= 0)
                && (toPeriod == null || s.period().compareTo(toPeriod) <= 0)
                && (minTotal == null || s.totalAmount().compareTo(minTotal) >= 0)
                && (maxTotal == null || s.totalAmount().compareTo(maxTotal) <= 0);
    }
}
