package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalTest {

    @ParameterizedTest
    @CsvSource({"1.5, 1.5", "1.500000000, 1.5", "0.123456, 0.123456", "2, 2", "2.000, 2", "1E+3, 1000",
            "0.0000, 0", "-4.25, -4.25", "999999999999.999999, 999999999999.999999"})
    void require_keepsTheValueWithoutTrailingZeros(String given, String expected) {
        BigDecimal result = Decimal.require(new BigDecimal(given), "rate");
        assertEquals(new BigDecimal(expected), result);
        assertEquals(expected, result.toPlainString());
    }

    @Test
    void require_neverReturnsANegativeScale() {
        assertEquals(0, Decimal.require(new BigDecimal("1E+5"), "rate").scale());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1234567", "1E-7", "-0.0000001"})
    void sevenDecimals_isRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Decimal.require(new BigDecimal(text), "quantity"));
        assertEquals("quantity must not have more than 6 decimal places", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000000000", "-1000000000000", "1E+20"})
    void twelveIntegerDigitsOrMore_isOutOfRange(String text) {
        assertEquals("rate is out of range", Rejection.of(() -> Decimal.require(new BigDecimal(text), "rate")));
    }

    @Test
    void null_isRequired() {
        assertEquals("billable hours is required", Rejection.of(() -> Decimal.require(null, "billable hours")));
    }

    @Test
    void requireNonNegative_rejectsNegativesButAcceptsZero() {
        assertEquals(BigDecimal.ZERO, Decimal.requireNonNegative(new BigDecimal("0.00"), "quantity"));
        assertEquals("quantity must not be negative",
                Rejection.of(() -> Decimal.requireNonNegative(new BigDecimal("-0.5"), "quantity")));
    }

    @Test
    void require_allowsNegatives() {
        assertEquals(new BigDecimal("-1"), Decimal.require(new BigDecimal("-1.00"), "rate"));
    }

    @Test
    void zeroHours_areNotNegative() {
        assertEquals(0, BigDecimal.ZERO.compareTo(Decimal.requireNonNegative(new BigDecimal("0.000"), "billable hours")));
        assertEquals("billable hours must not be negative",
                Rejection.of(() -> Decimal.requireNonNegative(new BigDecimal("-0.000001"), "billable hours")));
    }
}
