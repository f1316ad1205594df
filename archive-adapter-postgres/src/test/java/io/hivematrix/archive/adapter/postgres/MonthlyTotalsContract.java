package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.hivematrix.archive.application.port.out.MonthlyTotals;
import io.hivematrix.archive.application.port.out.SnapshotArchive.SaveResult;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.PeriodTotals;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.BillBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MonthlyTotals} must report, held against the in-memory reference and against PostgreSQL's kept
 * totals. The stores may hold other tests' bills, so each test has years of its own.
 */
abstract class MonthlyTotalsContract {
    private SnapshotStore store;
    private MonthlyTotals totals;

    protected abstract SnapshotStore newStore();

    protected abstract MonthlyTotals totalsOver(SnapshotStore store);

    @BeforeEach
    void setUp() {
        store = newStore();
        totals = totalsOver(store);
    }

    /** A bill of {@code account} for the period, its total and each kind of charge (users, assets, backups, tickets, lines). */
    private void bill(String account, int year, int month, String total, String users, String assets, String backups,
                      String tickets, String lines) {
        String invoice = "MT-" + account + "-" + year + "-" + month;
        SaveResult saved = store.save(BillBuilder.sample(account, year, month).withInvoiceNumber(invoice)
                        .withTotalAmount(Money.of(total))
                        .withCharges(Money.of(users), Money.of(assets), Money.of(backups), Money.of(tickets),
                                Money.of(lines))
                        .build(),
                ReceivedBody.of("{\"invoice\":\"" + invoice + "\"}"), Instant.parse("2031-01-01T00:00:00Z"), null);
        assertInstanceOf(SaveResult.Saved.class, saved);
    }

    private static PeriodTotals row(int year, int month, long bills, String total, String users, String assets,
                                    String backups, String tickets, String lines) {
        return new PeriodTotals(new BillingPeriod(year, month), bills, bills, new BigDecimal(total),
                new BigDecimal(users), new BigDecimal(assets), new BigDecimal(backups), new BigDecimal(tickets),
                new BigDecimal(lines));
    }

    private static BillingPeriod p(int year, int month) {
        return new BillingPeriod(year, month);
    }

    @Test
    void periodsWithBills_addUpEachCategory_oldestFirst() {
        bill("MTA-1", 2041, 1, "100.10", "60.00", "40.10", "0.00", "0.00", "0.00");
        bill("MTA-2", 2041, 1, "250.05", "0.00", "0.00", "200.00", "50.05", "0.00");
        bill("MTA-1", 2041, 3, "1875", "1000", "500", "300", "50", "25");
        bill("MTA-2", 2040, 12, "9.99", "9.99", "0", "0", "0", "0"); // before the range
        bill("MTA-2", 2041, 4, "7.77", "7.77", "0", "0", "0", "0"); // after it

        // Hand-added: January 100.10 + 250.05 = 350.15, users 60.00, assets 40.10, backups 200.00, tickets 50.05.
        // February has no bill and no row (the use case fills gaps); March is the one bill as it is.
        assertEquals(List.of(row(2041, 1, 2, "350.15", "60.00", "40.10", "200.00", "50.05", "0.00"),
                        row(2041, 3, 1, "1875.00", "1000.00", "500.00", "300.00", "50.00", "25.00")),
                totals.allCompanies(p(2041, 1), p(2041, 3)));
    }

    @Test
    void oneCompany_countsItsOwnBillsOnly() {
        bill("MTB-1", 2042, 5, "10.00", "10.00", "0", "0", "0", "0");
        bill("MTB-2", 2042, 5, "20.00", "0", "20.00", "0", "0", "0");
        bill("MTB-2", 2042, 6, "-5.00", "0", "0", "0", "0", "-5.00"); // a credit note

        assertEquals(List.of(row(2042, 5, 1, "20.00", "0.00", "20.00", "0.00", "0.00", "0.00"),
                        row(2042, 6, 1, "-5.00", "0.00", "0.00", "0.00", "0.00", "-5.00")),
                totals.ofCompany(new AccountNumber("MTB-2"), p(2042, 1), p(2042, 12)));
        assertEquals(List.of(), totals.ofCompany(new AccountNumber("MTB-NONE"), p(2042, 1), p(2042, 12)));
    }

    @Test
    void aRangeAcrossTheYearEnd_includesBothEndsAndNothingBeyond() {
        bill("MTC-1", 2043, 11, "1.00", "1.00", "0", "0", "0", "0");
        bill("MTC-1", 2043, 12, "2.00", "2.00", "0", "0", "0", "0");
        bill("MTC-1", 2044, 1, "3.00", "3.00", "0", "0", "0", "0");
        bill("MTC-1", 2044, 2, "4.00", "4.00", "0", "0", "0", "0");

        // December is month 12 and January month 1: the range compares (year, month) pairs, not each alone.
        List<PeriodTotals> expected = List.of(row(2043, 12, 1, "2.00", "2.00", "0", "0", "0", "0"),
                row(2044, 1, 1, "3.00", "3.00", "0", "0", "0", "0"));
        assertEquals(expected, totals.allCompanies(p(2043, 12), p(2044, 1)));
        assertEquals(expected, totals.ofCompany(new AccountNumber("MTC-1"), p(2043, 12), p(2044, 1)));
    }

    @Test
    void sumsKeepTheCent_asEveryAmountIsWritten() {
        bill("MTD-1", 2045, 2, "1875", "1875", "0", "0", "0", "0");
        PeriodTotals only = totals.allCompanies(p(2045, 2), p(2045, 2)).getFirst();
        assertEquals("1875.00", only.totalAmount().toPlainString());
        assertEquals("0.00", only.lineItemCharges().toPlainString());
    }
}
