package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.application.port.out.MonthlyTotals;
import io.hivematrix.archive.application.port.out.SnapshotArchive.SaveResult;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.PeriodTotals;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Sha256;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.testkit.BillBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The report contract against the totals PostgreSQL keeps (V14), and what keeping them must not get wrong: they move
 * in the bill's own transaction, so a bill that is not stored adds nothing, and concurrent bills of one period all
 * count.
 */
class PostgresMonthlyTotalsIT extends MonthlyTotalsContract {
    @AutoClose
    private static final PostgresDatabase database = TestPostgres.migrated(PostgresMonthlyTotalsIT.class);

    @Override
    protected MonthlyTotals totalsOver(SnapshotStore store) {
        return database.monthlyTotals();
    }

    @Override
    protected SnapshotStore newStore() {
        return database.snapshotStore();
    }

    private static BillingPeriod p(int year, int month) {
        return new BillingPeriod(year, month);
    }

    private static Snapshot bill(String account, int year, int month, String total) {
        return BillBuilder.sample(account, year, month).withInvoiceNumber("MTX-" + account + "-" + year + "-" + month)
                .withTotalAmount(Money.of(total))
                .withCharges(Money.of(total), Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO).build();
    }

    private static PeriodTotals only(BillingPeriod period) {
        List<PeriodTotals> rows = database.monthlyTotals().allCompanies(period, period);
        return rows.isEmpty() ? PeriodTotals.none(period) : rows.getFirst();
    }

    @Test
    void aBillThatIsNotStored_addsNothing() {
        SnapshotStore store = database.snapshotStore();
        BillingPeriod period = p(2051, 1);
        IdempotencyKey key = new IdempotencyKey("user:a", "taken", Sha256.hex("first"));
        assertInstanceOf(SaveResult.Saved.class,
                store.save(bill("MTX-1", 2051, 1, "10.00"), ReceivedBody.of("{}"), Instant.now(), key));

        // Its key was taken: the bill was inserted, then rolled back with its totals.
        assertInstanceOf(SaveResult.KeyTaken.class,
                store.save(bill("MTX-2", 2051, 1, "20.00"), ReceivedBody.of("{}"), Instant.now(), key));
        // The same company and period again: nothing inserted, nothing added.
        assertInstanceOf(SaveResult.AlreadyArchived.class,
                store.save(BillBuilder.from(bill("MTX-1", 2051, 1, "99.00")).withInvoiceNumber("MTX-other").build(),
                        ReceivedBody.of("{}"), Instant.now(), null));
        // A statement that fails halfway (a line item the database refuses) takes its totals with it.
        Snapshot failing = RefusedLine.appendedTo(bill("MTX-3", 2051, 1, "30.00"));
        RefusedLine.failsHalfway(database, () -> store.save(failing, ReceivedBody.of("{}"), Instant.now(), null));

        PeriodTotals totals = only(period);
        assertEquals(1, totals.snapshots());
        assertEquals(new BigDecimal("10.00"), totals.totalAmount());
    }

    @Test
    void concurrentBillsOfOnePeriod_allCount() throws Exception {
        int bills = 64;
        List<Callable<SaveResult>> saves = new ArrayList<>();
        for (int i = 1; i <= bills; i++) {
            // Bill i is for i.01: 64 bills make 64 * 65 / 2 + 64 * 0.01 = 2080.64.
            Snapshot s = bill(String.format("MTY-%03d", i), 2052, 6, i + ".01");
            saves.add(() -> database.snapshotStore().save(s, ReceivedBody.of("{}"), Instant.now(), null));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<SaveResult> f : pool.invokeAll(saves)) {
                assertInstanceOf(SaveResult.Saved.class, f.get());
            }
        }
        PeriodTotals totals = only(p(2052, 6));
        assertEquals(bills, totals.snapshots());
        assertEquals(bills, totals.companies());
        assertEquals(new BigDecimal("2080.64"), totals.totalAmount());
        assertEquals(new BigDecimal("2080.64"), totals.userCharges());
    }
}
