package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BillingPeriodTest {

    @ParameterizedTest
    @ValueSource(ints = {2000, 2025, 2100})
    void yearsFrom2000To2100_areAccepted(int year) {
        assertEquals(year, new BillingPeriod(year, 6).year());
    }

    @ParameterizedTest
    @ValueSource(ints = {1999, 2101, 0, -2025, Integer.MAX_VALUE})
    void yearsOutside2000To2100_areRejected(int year) {
        assertEquals("year must be between 2000 and 2100", Rejection.of(() -> new BillingPeriod(year, 6)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 12})
    void monthsOneAndTwelve_areAccepted(int month) {
        assertEquals(month, new BillingPeriod(2025, month).month());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 13, -1})
    void monthsOutsideOneToTwelve_areRejected(int month) {
        assertEquals("month must be between 1 and 12", Rejection.of(() -> new BillingPeriod(2025, month)));
    }

    @Test
    void requireYearAndMonth_checkAlone() {
        assertEquals(2000, BillingPeriod.requireYear(2000));
        assertEquals(12, BillingPeriod.requireMonth(12));
        assertThrows(IllegalArgumentException.class, () -> BillingPeriod.requireYear(1999));
        assertThrows(IllegalArgumentException.class, () -> BillingPeriod.requireMonth(0));
    }

    @Test
    void januaryPrevious_isDecemberOfYearBefore() {
        assertEquals(new BillingPeriod(2025, 12), new BillingPeriod(2026, 1).previous());
    }

    @Test
    void decemberNext_isJanuaryOfYearAfter() {
        assertEquals(new BillingPeriod(2026, 1), new BillingPeriod(2025, 12).next());
    }

    @Test
    void midYearPreviousAndNext_stayInTheYear() {
        assertEquals(new BillingPeriod(2025, 5), new BillingPeriod(2025, 6).previous());
        assertEquals(new BillingPeriod(2025, 7), new BillingPeriod(2025, 6).next());
    }

    @Test
    void previousOfFirstPeriod_isOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new BillingPeriod(2000, 1).previous());
    }

    @Test
    void nextOfLastPeriod_isOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new BillingPeriod(2100, 12).next());
    }

    @Test
    void parse_readsYearDashMonth() {
        assertEquals(new BillingPeriod(2025, 10), BillingPeriod.parse("2025-10"));
        assertEquals(new BillingPeriod(2026, 1), BillingPeriod.parse("2026-01"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "2025-1", "2025/10", "202510", "25-10", "2025-10-01", " 2025-10", "2025-10 ",
            "abcd-ef", "2025-+1", "２０２５-１０"})
    void parse_rejectsMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BillingPeriod.parse(text));
        assertEquals("period must look like YYYY-MM", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"2025-00, month", "2025-13, month", "1999-12, year", "2101-01, year"})
    void parse_rejectsWellFormedButOutOfRangeValues(String text, String what) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BillingPeriod.parse(text));
        assertTrue(e.getMessage().startsWith(what + " must be between"), e.getMessage());
    }

    @Test
    void toString_isZeroPaddedAndParsesBack() {
        BillingPeriod period = new BillingPeriod(2026, 3);
        assertEquals("2026-03", period.toString());
        assertEquals(period, BillingPeriod.parse(period.toString()));
    }

    @Test
    void yearMonth_roundTrips() {
        assertEquals(new BillingPeriod(2025, 10), BillingPeriod.of(YearMonth.of(2025, 10)));
        assertEquals(YearMonth.of(2025, 10), new BillingPeriod(2025, 10).toYearMonth());
        assertThrows(IllegalArgumentException.class, () -> BillingPeriod.of(YearMonth.of(1999, 12)));
    }

    @Test
    void compareTo_ordersChronologically() {
        assertTrue(new BillingPeriod(2025, 12).compareTo(new BillingPeriod(2026, 1)) < 0);
        assertTrue(new BillingPeriod(2026, 1).compareTo(new BillingPeriod(2025, 12)) > 0);
        assertTrue(new BillingPeriod(2025, 2).compareTo(new BillingPeriod(2025, 10)) < 0);
        assertEquals(0, new BillingPeriod(2025, 10).compareTo(new BillingPeriod(2025, 10)));
    }
}
