package io.hivematrix.archive.domain;

import java.time.YearMonth;

/** A billing month between January 2000 and December 2100. */
public record BillingPeriod(int year, int month) implements Comparable<BillingPeriod> {
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;

    public BillingPeriod {
        requireYear(year);
        requireMonth(month);
    }

    /** Checks a year alone, so callers can name the offending field. */
    public static int requireYear(int year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException("year must be between " + MIN_YEAR + " and " + MAX_YEAR);
        }
        return year;
    }

    /** Checks a month alone, so callers can name the offending field. */
    public static int requireMonth(int month) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month must be between 1 and 12");
        }
        return month;
    }

    public static BillingPeriod of(YearMonth yearMonth) {
        return new BillingPeriod(yearMonth.getYear(), yearMonth.getMonthValue());
    }

    /** Parses {@code YYYY-MM}. */
    public static BillingPeriod parse(String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}")) {
            throw new IllegalArgumentException("period must look like YYYY-MM");
        }
        return new BillingPeriod(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5)));
    }

    public YearMonth toYearMonth() {
        return YearMonth.of(year, month);
    }

    /** The month before this one; January's is December of the year before. */
    public BillingPeriod previous() {
        return of(toYearMonth().minusMonths(1));
    }

    public BillingPeriod next() {
        return of(toYearMonth().plusMonths(1));
    }

    @Override
    public int compareTo(BillingPeriod other) {
        return Integer.compare(year * 12 + month, other.year * 12 + other.month);
    }

    @Override
    public String toString() {
        return String.format("%04d-%02d", year, month);
    }
}
