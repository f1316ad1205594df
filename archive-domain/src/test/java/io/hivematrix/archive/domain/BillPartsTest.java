package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The parts a bill is grouped into validate themselves, each naming the field a client would fix. */
class BillPartsTest {

    @Test
    void usage_refusesNegativeCounts_andHours_namingEach() {
        assertEquals("user count must not be negative", Rejection.of(() -> new Usage(-1, 0, BigDecimal.ZERO)));
        assertEquals("asset count must not be negative", Rejection.of(() -> new Usage(0, -1, BigDecimal.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> new Usage(0, 0, new BigDecimal("-0.25")));
        assertEquals(new BigDecimal("2.5"), new Usage(0, 0, new BigDecimal("2.5")).billableHours());
    }

    @Test
    void charges_needEveryAmount_andKeepThemExactly() {
        Money total = Money.of("1875.00");
        Charges charges = new Charges(total, Money.of("1200.0"), Money.of("300"), Money.of("75.00"),
                Money.of("300.00"), Money.ZERO);
        assertEquals(total, charges.total());
        assertEquals(Money.of("1200.0"), charges.userCharges());
        assertEquals("total backup charges", assertThrows(NullPointerException.class,
                () -> new Charges(total, Money.ZERO, Money.ZERO, null, Money.ZERO, Money.ZERO)).getMessage());
    }

    @Test
    void terms_mayBeAbsent_butNotLongerThanAShortText() {
        assertEquals(new Terms(null, null, null), new Terms(null, null, null));
        assertEquals("MSP Gold", new Terms("MSP Gold", "1-Year", "All Inclusive").billingPlan());
        assertThrows(IllegalArgumentException.class, () -> new Terms("x".repeat(Text.SHORT + 1), null, null));
    }
}
