package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A period's totals: sums kept to the cent, counts that make sense, and one bill added at a time. */
class PeriodTotalsTest {
    private static final BillingPeriod MARCH = new BillingPeriod(2026, 3);

    private static SnapshotSummary bill(String account, BillingPeriod period, String total, String users,
                                        String assets, String backups, String tickets, String lines) {
        return new SnapshotSummary(1, Instant.parse("2026-04-01T00:00:00Z"), "0".repeat(64),
                new InvoiceNumber("INV-" + account), new AccountNumber(account), "Acme", period,
                LocalDate.of(2026, 3, 31), null, null, null, null, Money.of(total), Money.of(users), Money.of(assets),
                Money.of(backups), Money.of(tickets), Money.of(lines), 1, 1, BigDecimal.ZERO, null);
    }

    @Test
    void none_isZeroOfEverything_writtenWithCents() {
        PeriodTotals none = PeriodTotals.none(MARCH);
        assertEquals(0, none.companies());
        assertEquals(0, none.snapshots());
        for (BigDecimal amount : new BigDecimal[] {none.totalAmount(), none.userCharges(), none.assetCharges(),
            none.backupCharges(), none.ticketCharges(), none.lineItemCharges()}) {
            assertEquals("0.00", amount.toPlainString());
        }
    }

    @Test
    void plus_addsEachCategory_andCountsTheCompanyWhenItIsNew() {
        PeriodTotals one = PeriodTotals.none(MARCH).plus(bill("A", MARCH, "100.10", "60.00", "40.10", "0", "0", "0"),
                true);
        PeriodTotals two = one.plus(bill("B", MARCH, "250.05", "1.00", "2.00", "200.00", "50.05", "-3.00"), false);
        assertEquals(new PeriodTotals(MARCH, 1, 2, new BigDecimal("350.15"), new BigDecimal("61.00"),
                new BigDecimal("42.10"), new BigDecimal("200.00"), new BigDecimal("50.05"), new BigDecimal("-3.00")),
                two);
        assertEquals(1, one.companies());
    }

    @Test
    void plus_refusesABillOfAnotherPeriod() {
        SnapshotSummary april = bill("A", new BillingPeriod(2026, 4), "1", "1", "0", "0", "0", "0");
        assertThrows(IllegalArgumentException.class, () -> PeriodTotals.none(MARCH).plus(april, true));
    }

    @Test
    void amountsAreKeptToTheCent_andMoreDecimalsAreRefused() {
        PeriodTotals t = new PeriodTotals(MARCH, 1, 1, new BigDecimal("1875"), BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.5"));
        assertEquals("1875.00", t.totalAmount().toPlainString());
        assertEquals("0.50", t.lineItemCharges().toPlainString());
        assertThrows(ArithmeticException.class, () -> new PeriodTotals(MARCH, 1, 1, new BigDecimal("0.001"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
        assertThrows(NullPointerException.class, () -> new PeriodTotals(MARCH, 1, 1, null, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    @Test
    void countsMustBeWhole_andNoMoreCompaniesThanBills() {
        BigDecimal z = BigDecimal.ZERO;
        assertThrows(IllegalArgumentException.class, () -> new PeriodTotals(MARCH, -1, 0, z, z, z, z, z, z));
        assertThrows(IllegalArgumentException.class, () -> new PeriodTotals(MARCH, 0, -1, z, z, z, z, z, z));
        assertThrows(IllegalArgumentException.class, () -> new PeriodTotals(MARCH, 2, 1, z, z, z, z, z, z));
        assertEquals(1, new PeriodTotals(MARCH, 1, 1, z, z, z, z, z, z).companies());
        assertThrows(NullPointerException.class, () -> new PeriodTotals(null, 0, 0, z, z, z, z, z, z));
    }
}
