package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.application.fake.SampleSnapshots;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.application.port.out.SnapshotStore.SaveResult;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Snapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SnapshotStore} must do; run against the in-memory fake and against PostgreSQL. */
abstract class SnapshotStoreContract {
    private static final Instant NOW = Instant.parse("2025-11-01T02:00:00.123456Z");
    /** Each test uses its own accounts, so the stores need no cleaning between tests. */
    private static int accountSeed = 100_000;

    protected SnapshotStore store;
    private String account;

    protected abstract SnapshotStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        synchronized (SnapshotStoreContract.class) {
            account = Integer.toString(++accountSeed);
        }
    }

    @Test
    void savedSnapshot_readsBackExactly_withLineItemsInOrder() {
        Snapshot bill = SampleSnapshots.bill(account, 2025, 10);

        SaveResult result = store.save(bill, "{\"raw\":true}", NOW);

        ArchivedSnapshot saved = assertInstanceOf(SaveResult.Saved.class, result).snapshot();
        ArchivedSnapshot read = store.findByInvoiceNumber(bill.invoiceNumber()).orElseThrow();
        assertEquals(saved.id(), read.id());
        assertEquals(bill, read.snapshot());
        assertEquals(bill.contentSha256(), read.contentSha256());
        assertEquals(NOW.truncatedTo(ChronoUnit.MICROS), read.archivedAt());
        assertEquals(List.of("User 0", "WS-000", "Support hours", "Credit"),
                read.snapshot().lineItems().stream().map(i -> i.itemName()).toList());
        assertEquals(new BigDecimal("123.456789"), read.snapshot().lineItems().get(2).rate());
        assertEquals(new BigDecimal("-8.94"), read.snapshot().lineItems().get(3).amount().amount());
    }

    @Test
    void sameInvoiceNumber_isAlreadyArchived_andNothingMoreIsStored() {
        Snapshot first = SampleSnapshots.bill(account, 2025, 10);
        store.save(first, null, NOW);
        Snapshot other = SampleSnapshots.bill(first.invoiceNumber().value(), account, 2025, 11);

        SaveResult result = store.save(other, null, NOW);

        ArchivedSnapshot existing = assertInstanceOf(SaveResult.AlreadyArchived.class, result).existing();
        assertEquals(first, existing.snapshot());
        assertEquals(1, store.findByAccount(new AccountNumber(account)).size());
    }

    @Test
    void sameCompanyAndPeriod_underAnotherInvoice_isAlreadyArchived() {
        Snapshot first = SampleSnapshots.bill(account, 2025, 10);
        store.save(first, null, NOW);

        SaveResult result = store.save(SampleSnapshots.bill("OTHER-" + account, account, 2025, 10), null, NOW);

        assertEquals(first.invoiceNumber(),
                assertInstanceOf(SaveResult.AlreadyArchived.class, result).existing().snapshot().invoiceNumber());
        assertTrue(store.findByInvoiceNumber(new InvoiceNumber("OTHER-" + account)).isEmpty());
    }

    @Test
    void companyHistory_isNewestPeriodFirst() {
        store.save(SampleSnapshots.bill(account, 2024, 12), null, NOW);
        store.save(SampleSnapshots.bill(account, 2025, 2), null, NOW);
        store.save(SampleSnapshots.bill(account, 2025, 1), null, NOW);

        List<BillingPeriod> periods = store.findByAccount(new AccountNumber(account)).stream()
                .map(s -> s.snapshot().period()).toList();

        assertEquals(List.of(new BillingPeriod(2025, 2), new BillingPeriod(2025, 1), new BillingPeriod(2024, 12)),
                periods);
    }

    @Test
    void idsGrowWithEachSave() {
        long first = ((SaveResult.Saved) store.save(SampleSnapshots.bill(account, 2025, 1), null, NOW)).snapshot().id();
        long second = ((SaveResult.Saved) store.save(SampleSnapshots.bill(account, 2025, 2), null, NOW)).snapshot().id();
        assertTrue(second > first);
    }

    @Test
    void lookups_findNothingForUnknownKeys() {
        assertTrue(store.findByInvoiceNumber(new InvoiceNumber("NOPE-" + account)).isEmpty());
        assertTrue(store.findByAccountAndPeriod(new AccountNumber(account), new BillingPeriod(2030, 1)).isEmpty());
        assertTrue(store.findByAccount(new AccountNumber(account)).isEmpty());
    }

    @Test
    void findByAccountAndPeriod_findsTheStoredBill() {
        Snapshot bill = SampleSnapshots.bill(account, 2025, 3);
        store.save(bill, null, NOW);
        assertEquals(bill, store.findByAccountAndPeriod(new AccountNumber(account), new BillingPeriod(2025, 3))
                .orElseThrow().snapshot());
        assertNotEquals(true, store.findByAccountAndPeriod(new AccountNumber(account), new BillingPeriod(2025, 4))
                .isPresent());
    }

    @Test
    void racingSavesOfTheSameBill_storeExactlyOne() throws Exception {
        Snapshot bill = SampleSnapshots.bill(account, 2025, 6);
        int racers = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<SaveResult>> calls = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            calls.add(() -> {
                start.await();
                return store.save(bill, null, NOW);
            });
        }
        List<SaveResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<SaveResult>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<SaveResult> f : futures) {
                results.add(f.get());
            }
        }
        assertEquals(1, results.stream().filter(r -> r instanceof SaveResult.Saved).count());
        assertEquals(racers - 1, results.stream().filter(r -> r instanceof SaveResult.AlreadyArchived).count());
        assertEquals(1, store.findByAccount(new AccountNumber(account)).size());
    }
}
