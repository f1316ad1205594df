package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void oneDecimal_isAcceptedAndEqualsTwoDecimals() {
        Money oneDecimal = Money.of("100.0");
        assertEquals(Money.of("100.00"), oneDecimal);
        assertEquals(Money.of("100.00").hashCode(), oneDecimal.hashCode());
        assertEquals("100.00", oneDecimal.toString());
    }

    @ParameterizedTest
    @CsvSource({"100, 100.00", "0, 0.00", "0.5, 0.50", "1.010, 1.01", "1.0000000, 1.00", "1E+3, 1000.00",
            "-12.3, -12.30", "999999999999.99, 999999999999.99", "-999999999999.99, -999999999999.99"})
    void amount_isNormalizedToTwoDecimals(String given, String expected) {
        Money money = Money.of(given);
        assertEquals(expected, money.toString());
        assertEquals(2, money.amount().scale());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.005", "0.001", "-0.001", "12.345", "1E-3"})
    void moreThanTwoSignificantDecimals_isRejectedNotRounded(String text) {
        assertEquals("amount must not have more than 2 decimal places", Rejection.of(() -> Money.of(text)));
    }

    @Test
    void negativeAmounts_areAllowed() {
        assertEquals(new BigDecimal("-25.50"), Money.of("-25.5").amount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000000000", "-1000000000000", "1000000000000.00", "1E+13"})
    void twelveIntegerDigitsOrMore_isOutOfRange(String text) {
        assertEquals("amount is out of range", Rejection.of(() -> Money.of(text)));
    }

    @Test
    void nullAmount_isRequired() {
        assertEquals("amount is required", Rejection.of(() -> new Money(null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1,00", "NaN"})
    void unparsableText_isRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Money.of(text));
    }

    @Test
    void zero_isZeroAtScaleTwo() {
        assertEquals("0.00", Money.ZERO.toString());
        assertEquals(Money.of("0"), Money.ZERO);
    }

    @Test
    void plus_addsExactly() {
        assertEquals(Money.of("0.30"), Money.of("0.1").plus(Money.of("0.2")));
        assertEquals(Money.of("-1.00"), Money.of("1").plus(Money.of("-2")));
    }

    @Test
    void plusBeyondRange_isRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Money.of("999999999999.99").plus(Money.of("0.01")));
    }

    @Test
    void compareTo_ordersByAmount() {
        assertTrue(Money.of("-1").compareTo(Money.ZERO) < 0);
        assertTrue(Money.of("10.01").compareTo(Money.of("10")) > 0);
        assertEquals(0, Money.of("10").compareTo(Money.of("10.00")));
        assertNotEquals(Money.of("10"), Money.of("10.01"));
    }

    @Test
    void toString_neverUsesExponentNotation() {
        assertEquals("100000000000.00", Money.of("1E+11").toString());
    }
}
