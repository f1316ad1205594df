package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LineItemTest {

    private static LineItem item(String name, String quantity, String rate) {
        return new LineItem(LineType.CUSTOM, name, null, new BigDecimal(quantity), new BigDecimal(rate),
                Money.of("1.00"));
    }

    @Test
    void validItem_keepsDecimalsExactWithoutTrailingZeros() {
        LineItem item = item("Support hours", "1.2500", "80.123400");
        assertEquals(new BigDecimal("1.25"), item.quantity());
        assertEquals(new BigDecimal("80.1234"), item.rate());
        assertNull(item.description());
    }

    @Test
    void negativeQuantity_isRejected() {
        assertEquals("quantity must not be negative", Rejection.of(() -> item("x", "-1", "1")));
    }

    @Test
    void negativeRate_isAllowedForCredits() {
        assertEquals(new BigDecimal("-10"), item("Credit", "1", "-10").rate());
    }

    @Test
    void rateWithSevenDecimals_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> item("x", "1", "0.0000001"));
        assertEquals("rate must not have more than 6 decimal places", e.getMessage());
    }

    @Test
    void blankItemName_isRequired() {
        assertEquals("item name is required", Rejection.of(() -> item(" ", "1", "1")));
    }

    @Test
    void itemNameOver255Characters_isRejected() {
        item("x".repeat(255), "1", "1");
        assertThrows(IllegalArgumentException.class, () -> item("x".repeat(256), "1", "1"));
    }

    @Test
    void descriptionOver2000Characters_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LineItem(LineType.USER, "x", "d".repeat(2001),
                BigDecimal.ONE, BigDecimal.ONE, Money.ZERO));
    }

    @Test
    void missingTypeOrAmount_isRejected() {
        assertThrows(NullPointerException.class,
                () -> new LineItem(null, "x", null, BigDecimal.ONE, BigDecimal.ONE, Money.ZERO));
        assertThrows(NullPointerException.class,
                () -> new LineItem(LineType.USER, "x", null, BigDecimal.ONE, BigDecimal.ONE, null));
    }

    @Test
    void missingQuantityOrRate_isRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new LineItem(LineType.USER, "x", null, null, BigDecimal.ONE, Money.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new LineItem(LineType.USER, "x", null, BigDecimal.ONE, null, Money.ZERO));
    }
}
