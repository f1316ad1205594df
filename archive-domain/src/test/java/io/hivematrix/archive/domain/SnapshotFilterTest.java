package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The search semantics every store's query must agree with: each criterion, its inclusive edges, and their AND. */
class SnapshotFilterTest {
    /** Archived late on 1 Nov 2025 in UTC (already 2 Nov east of Greenwich): the day is UTC's. */
    private static final SnapshotSummary BILL = summary(Instant.parse("2025-11-01T23:30:00Z"));

    private static SnapshotSummary summary(Instant archivedAt) {
        Snapshot s = new SnapshotBuilder().build();
        return SnapshotSummary.of(new ArchivedSnapshot(9, archivedAt, s.recordSha256(), s));
    }

    private static SnapshotFilter filter(AccountNumber account, Integer year, Integer month) {
        return new SnapshotFilter(account, year, month, null, null, null, null, null, null, null);
    }

    private static SnapshotFilter dates(LocalDate from, LocalDate to) {
        return new SnapshotFilter(null, null, null, from, to, null, null, null, null, null);
    }

    private static SnapshotFilter company(String text) {
        return new SnapshotFilter(null, null, null, null, null, text, null, null, null, null);
    }

    private static SnapshotFilter periods(String from, String to) {
        return new SnapshotFilter(null, null, null, null, null, null, from == null ? null : BillingPeriod.parse(from),
                to == null ? null : BillingPeriod.parse(to), null, null);
    }

    private static SnapshotFilter totals(String min, String max) {
        return new SnapshotFilter(null, null, null, null, null, null, null, null,
                min == null ? null : Money.of(min), max == null ? null : Money.of(max));
    }

    @Test
    void noCriteria_matchesEverything() {
        assertTrue(SnapshotFilter.ALL.matches(BILL));
    }

    @Test
    void account_matchesOnlyThatAccount() {
        assertTrue(filter(new AccountNumber("620547"), null, null).matches(BILL));
        assertFalse(filter(new AccountNumber("620548"), null, null).matches(BILL));
    }

    @Test
    void yearAndMonth_areThoseOfTheBillingPeriod_notOfTheArchiveTime() {
        // The sample bills October 2025 and was archived in November.
        assertTrue(filter(null, 2025, 10).matches(BILL));
        assertFalse(filter(null, 2025, 11).matches(BILL));
        assertFalse(filter(null, 2024, null).matches(BILL));
        assertTrue(filter(null, 2025, null).matches(BILL));
        assertTrue(filter(null, null, 10).matches(BILL));
    }

    @Test
    void dateRange_isInclusive_inUtcDays() {
        LocalDate day = LocalDate.of(2025, 11, 1);
        assertTrue(dates(day, day).matches(BILL));
        assertTrue(dates(day.minusDays(1), null).matches(BILL));
        assertFalse(dates(day.plusDays(1), null).matches(BILL));
        assertTrue(dates(null, day.plusDays(1)).matches(BILL));
        assertFalse(dates(null, day.minusDays(1)).matches(BILL));
    }

    @Test
    void company_isACaseInsensitiveSubstring() {
        assertTrue(company("WIDGET").matches(BILL));
        assertTrue(company("acme w").matches(BILL));
        assertFalse(company("Widgets Inc").matches(BILL));
    }

    /** The sample bill is for 2025-10. */
    @ParameterizedTest
    @CsvSource({"2025-10, 2025-10, true", "2025-09, , true", "2025-11, , false", ", 2025-11, true", ", 2025-09, false"})
    void periodRange_isInclusive(String from, String to, boolean matches) {
        assertEquals(matches, periods(from, to).matches(BILL));
    }

    /** The sample's total is exactly 1250.00. */
    @ParameterizedTest
    @CsvSource({"1250.00, 1250.00, true", "1250.01, , false", "1249.99, , true", ", 1249.99, false", ", 1250.01, true"})
    void totalRange_isInclusiveToTheCent(String min, String max, boolean matches) {
        assertEquals(matches, totals(min, max).matches(BILL));
    }

    @Test
    void everyCriterion_mustHold() {
        SnapshotFilter all = new SnapshotFilter(new AccountNumber("620547"), 2025, 10, LocalDate.of(2025, 11, 1),
                LocalDate.of(2025, 11, 1), "acme", BillingPeriod.parse("2025-10"), BillingPeriod.parse("2025-10"),
                Money.of("1250.00"), Money.of("1250.00"));
        assertTrue(all.matches(BILL));
        SnapshotFilter oneOff = new SnapshotFilter(new AccountNumber("620547"), 2025, 10, LocalDate.of(2025, 11, 1),
                LocalDate.of(2025, 11, 1), "acme", BillingPeriod.parse("2025-10"), BillingPeriod.parse("2025-10"),
                Money.of("1250.00"), Money.of("1249.99"));
        assertFalse(oneOff.matches(BILL));
    }

    @Test
    void outOfRangeYearOrMonth_isRejected_namingTheField() {
        assertEquals("year must be between 2000 and 2100", Rejection.of(() -> filter(null, 1999, null)));
        assertEquals("month must be between 1 and 12", Rejection.of(() -> filter(null, null, 13)));
    }

    @Test
    void companyText_isRequiredToBeSomething_andAtMost100Characters() {
        assertEquals("company is required", Rejection.of(() -> company("  ")));
        assertEquals("company must be at most 100 characters", Rejection.of(() -> company("x".repeat(101))));
        assertEquals("x".repeat(100), company("x".repeat(100)).companyContains());
    }
}
