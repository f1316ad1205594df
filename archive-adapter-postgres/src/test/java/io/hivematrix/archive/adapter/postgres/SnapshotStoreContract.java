package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.BillBuilder;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.application.port.out.SnapshotArchive.IdempotencyRecord;
import io.hivematrix.archive.application.port.out.SnapshotArchive.SaveResult;
import io.hivematrix.archive.application.port.out.SnapshotReader.StoredCsv;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Sha256;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SnapshotStore} must do; run against the in-memory fake and against PostgreSQL. */
abstract class SnapshotStoreContract {
    protected static final Instant NOW = Instant.parse("2025-11-01T02:00:00.123456Z");
    /** Each test uses its own accounts, so the stores need no cleaning between tests. */
    private static int accountSeed = 100_000;

    protected SnapshotStore store;
    /** This test's own account number, unique across the shared database. */
    protected String account;

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

        SaveResult result = store.save(bill, ReceivedBody.of("{\"raw\":true}"), NOW, null);

        ArchivedSnapshot saved = assertInstanceOf(SaveResult.Saved.class, result).snapshot();
        ArchivedSnapshot read = store.findByInvoiceNumber(bill.invoiceNumber()).orElseThrow();
        assertEquals(saved.id(), read.id());
        assertEquals(bill, read.snapshot());
        assertEquals(Sha256.hex("{\"raw\":true}"), read.contentSha256(), "the fingerprint of the exact body");
        assertEquals(saved.archivedAt(), read.archivedAt(), "save reports the archive time as stored");
        assertEquals(NOW.truncatedTo(ChronoUnit.MICROS), read.archivedAt(), "the stores under this contract keep the "
                + "time they are given (PostgreSQL with its clock trigger off, see PostgresSnapshotStoreIT)");
        assertEquals(List.of("User 0", "WS-000", "Support hours", "Credit"),
                read.snapshot().lineItems().stream().map(i -> i.itemName()).toList());
        assertEquals(new BigDecimal("123.456789"), read.snapshot().lineItems().get(2).rate());
        assertEquals(new BigDecimal("-8.94"), read.snapshot().lineItems().get(3).amount().amount());
    }

    @Test
    void lineItemTexts_thatLookLikeArraySyntax_andOddDecimals_readBackExactly() {
        List<LineItem> items = List.of(
                new LineItem(LineType.CUSTOM, "NULL", null, new BigDecimal("1"), new BigDecimal("0"), Money.of("0")),
                new LineItem(LineType.CUSTOM, "{a,b}", "\"quoted\", back\\slash, {braces}", new BigDecimal("0.000001"),
                        new BigDecimal("-123456789.123456"), Money.of("-0.01")),
                new LineItem(LineType.USER, "  spaced  ", "", new BigDecimal("1E+3"), new BigDecimal("1.50"),
                        Money.of("1500.00")),
                new LineItem(LineType.ASSET, "Ünïcödé ✓ 日本", "line\nbreak\ttab", new BigDecimal("2"),
                        new BigDecimal("3"), Money.of("6")));
        Snapshot bill = BillBuilder.sample(account, 2025, 3).withLineItems(items).build();

        assertInstanceOf(SaveResult.Saved.class, store.save(bill, ReceivedBody.of("{}"), NOW, null));

        assertEquals(items, store.findByInvoiceNumber(bill.invoiceNumber()).orElseThrow().snapshot().lineItems());
    }

    @Test
    void countCompanies_countsEachAccountOnce_howeverManyBillsItHas() {
        long before = store.countCompanies();
        String other = Integer.toString(Integer.parseInt(account) + 500_000);
        store.save(SampleSnapshots.bill(account, 2025, 1), ReceivedBody.of("{}"), NOW, null);
        store.save(SampleSnapshots.bill(account, 2025, 2), ReceivedBody.of("{}"), NOW, null);
        store.save(SampleSnapshots.bill(other, 2025, 1), ReceivedBody.of("{}"), NOW, null);

        assertEquals(before + 2, store.countCompanies());
    }

    @Test
    void whoSentABill_isStoredAndReadBack_andABillOfBeforeThatHasNone() {
        Snapshot sent = SampleSnapshots.bill(account, 2025, 7).withSubmittedBy("user:ann@example.com");
        Snapshot old = SampleSnapshots.bill(account, 2025, 8).withSubmittedBy(null);
        store.save(sent, ReceivedBody.of("{}"), NOW, null);
        store.save(old, ReceivedBody.of("{}"), NOW, null);

        Snapshot readSent = store.findByInvoiceNumber(sent.invoiceNumber()).orElseThrow().snapshot();
        Snapshot readOld = store.findByInvoiceNumber(old.invoiceNumber()).orElseThrow().snapshot();
        assertEquals("user:ann@example.com", readSent.submittedBy());
        assertEquals(sent.recordSha256(), readSent.recordSha256());
        assertNull(readOld.submittedBy());
        assertEquals(old.recordSha256(), readOld.recordSha256());
    }

    @Test
    void aBillWithoutLineItems_isStoredWithNone() {
        Snapshot bill = BillBuilder.sample(account, 2025, 4).withLineItems(List.of()).build();

        assertInstanceOf(SaveResult.Saved.class, store.save(bill, ReceivedBody.of("{}"), NOW, null));

        assertEquals(List.of(), store.findByInvoiceNumber(bill.invoiceNumber()).orElseThrow().snapshot().lineItems());
    }

    @Test
    void sameInvoiceNumber_isAlreadyArchived_andNothingMoreIsStored() {
        Snapshot first = SampleSnapshots.bill(account, 2025, 10);
        store.save(first, ReceivedBody.of("{}"), NOW, null);
        Snapshot other = SampleSnapshots.bill(first.invoiceNumber().value(), account, 2025, 11);

        SaveResult result = store.save(other, ReceivedBody.of("{}"), NOW, null);

        ArchivedSnapshot existing = assertInstanceOf(SaveResult.AlreadyArchived.class, result).existing();
        assertEquals(first, existing.snapshot());
        assertEquals(1, store.findByAccount(new AccountNumber(account), 0, 100).size());
    }

    @Test
    void sameCompanyAndPeriod_underAnotherInvoice_isAlreadyArchived() {
        Snapshot first = SampleSnapshots.bill(account, 2025, 10);
        store.save(first, ReceivedBody.of("{}"), NOW, null);

        SaveResult result = store.save(SampleSnapshots.bill("OTHER-" + account, account, 2025, 10),
                ReceivedBody.of("{}"), NOW, null);

        assertEquals(first.invoiceNumber(),
                assertInstanceOf(SaveResult.AlreadyArchived.class, result).existing().snapshot().invoiceNumber());
        assertTrue(store.findByInvoiceNumber(new InvoiceNumber("OTHER-" + account)).isEmpty());
    }

    @Test
    void companyHistory_isNewestPeriodFirst() {
        store.save(SampleSnapshots.bill(account, 2024, 12), ReceivedBody.of("{}"), NOW, null);
        store.save(SampleSnapshots.bill(account, 2025, 2), ReceivedBody.of("{}"), NOW, null);
        store.save(SampleSnapshots.bill(account, 2025, 1), ReceivedBody.of("{}"), NOW, null);

        List<BillingPeriod> periods = store.findByAccount(new AccountNumber(account), 0, 100).stream()
                .map(s -> s.period()).toList();

        assertEquals(List.of(new BillingPeriod(2025, 2), new BillingPeriod(2025, 1), new BillingPeriod(2024, 12)),
                periods);
    }

    @Test
    void idsGrowWithEachSave() {
        long first = ((SaveResult.Saved) store.save(SampleSnapshots.bill(account, 2025, 1), ReceivedBody.of("{}"),
                NOW, null)).snapshot().id();
        long second = ((SaveResult.Saved) store.save(SampleSnapshots.bill(account, 2025, 2), ReceivedBody.of("{}"),
                NOW, null)).snapshot().id();
        assertTrue(second > first);
    }

    @Test
    void lookups_findNothingForUnknownKeys() {
        assertTrue(store.findByInvoiceNumber(new InvoiceNumber("NOPE-" + account)).isEmpty());
        assertTrue(store.findByAccountAndPeriod(new AccountNumber(account), new BillingPeriod(2030, 1)).isEmpty());
        assertTrue(store.findByAccount(new AccountNumber(account), 0, 100).isEmpty());
    }

    @Test
    void findByAccountAndPeriod_findsTheStoredBill() {
        Snapshot bill = SampleSnapshots.bill(account, 2025, 3);
        store.save(bill, ReceivedBody.of("{}"), NOW, null);
        assertEquals(bill, store.findByAccountAndPeriod(new AccountNumber(account), new BillingPeriod(2025, 3))
                .orElseThrow().snapshot());
        assertNotEquals(true, store.findByAccountAndPeriod(new AccountNumber(account), new BillingPeriod(2025, 4))
                .isPresent());
    }

    @Test
    void invoicesFor_namesTheInvoiceOfEveryCompanyArchivedInThePeriod_andNoOther() {
        BillingPeriod period = new BillingPeriod(2031, 7);
        String other = account + "B";
        store.save(SampleSnapshots.bill(account, 2031, 7), ReceivedBody.of("{}"), NOW, null);
        store.save(SampleSnapshots.bill("OWN-" + other, other, 2031, 7), ReceivedBody.of("{}"), NOW, null);
        store.save(SampleSnapshots.bill(account, 2031, 8), ReceivedBody.of("{}"), NOW, null);
        store.save(SampleSnapshots.bill(account + "C", 2030, 7), ReceivedBody.of("{}"), NOW, null);

        Map<AccountNumber, InvoiceNumber> invoices = store.invoicesFor(period);

        // Other tests share the database: only this test's accounts are checked.
        assertEquals(new InvoiceNumber(account + "-203107"), invoices.get(new AccountNumber(account)));
        assertEquals(new InvoiceNumber("OWN-" + other), invoices.get(new AccountNumber(other)));
        assertFalse(invoices.containsKey(new AccountNumber(account + "C")), "archived for another period only");
        Map<AccountNumber, InvoiceNumber> june = store.invoicesFor(new BillingPeriod(2031, 6));
        for (String ours : List.of(account, other, account + "C")) {
            assertFalse(june.containsKey(new AccountNumber(ours)), "nothing of ours was archived for June");
        }
    }

    @Test
    void invoiceFor_namesTheInvoiceArchivedForTheCompanyAndPeriod() {
        store.save(SampleSnapshots.bill("INV-" + account, account, 2031, 9), ReceivedBody.of("{}"), NOW, null);

        assertEquals(new InvoiceNumber("INV-" + account),
                store.invoiceFor(new AccountNumber(account), new BillingPeriod(2031, 9)).orElseThrow());
        assertTrue(store.invoiceFor(new AccountNumber(account), new BillingPeriod(2031, 10)).isEmpty());
        assertTrue(store.invoiceFor(new AccountNumber(account + "X"), new BillingPeriod(2031, 9)).isEmpty());
    }

    @Test
    void previousInvoice_isTheCompanysLatestBillOfAnEarlierPeriod_acrossGapsAndYears() {
        String other = account + "P";
        for (int[] period : new int[][] {{2031, 3}, {2030, 11}, {2031, 1}}) { // saved out of order on purpose
            store.save(SampleSnapshots.bill(account, period[0], period[1]), ReceivedBody.of("{}"), NOW, null);
        }
        store.save(SampleSnapshots.bill(other, 2031, 2), ReceivedBody.of("{}"), NOW, null);
        AccountNumber acc = new AccountNumber(account);

        // March's previous is January: February is another company's, and December was never billed.
        assertEquals(Optional.of(new InvoiceNumber(account + "-203101")),
                store.previousInvoice(acc, new BillingPeriod(2031, 3)));
        assertEquals(Optional.of(new InvoiceNumber(account + "-203011")),
                store.previousInvoice(acc, new BillingPeriod(2031, 1)), "across the turn of the year");
        assertEquals(Optional.of(new InvoiceNumber(account + "-203103")),
                store.previousInvoice(acc, new BillingPeriod(2032, 1)), "from a period not billed itself");
        assertEquals(Optional.empty(), store.previousInvoice(acc, new BillingPeriod(2030, 11)), "the first bill");
        assertEquals(Optional.of(new InvoiceNumber(other + "-203102")),
                store.previousInvoice(new AccountNumber(other), new BillingPeriod(2031, 3)));
        assertEquals(Optional.empty(), store.previousInvoice(new AccountNumber(account + "X"),
                new BillingPeriod(2031, 3)));
    }

    @Test
    void findCsv_returnsTheStoredCsvByteForByte_withWhatItsFileNameNeeds() {
        String csv = "Invoice,Customer,Note,Amount\r\n"
                + "INV-1,\"Müller & Söhne, \"\"GmbH\"\"\",\"line one\r\nline two\",1.00\r\n"
                + "INV-1,日本語 🧾,\ttab and trailing space ,-0.50\n"
                + "\uFEFFbom-in-the-middle,\"\",,\r\n";
        Snapshot bill = Bills.bill("CSV-" + account, account, "Ünïcode \"Quoted\" Co", new BillingPeriod(2025, 7),
                Money.of("0.50"), csv);
        store.save(bill, ReceivedBody.of("{}"), NOW, null);

        StoredCsv stored = store.findCsv(bill.invoiceNumber()).orElseThrow();

        assertArrayEquals(csv.getBytes(StandardCharsets.UTF_8), stored.csv().getBytes(StandardCharsets.UTF_8));
        assertEquals("Ünïcode \"Quoted\" Co", stored.companyName());
        assertEquals(new BillingPeriod(2025, 7), stored.period());
        assertEquals(Sha256.hex("{}"), stored.contentSha256());
        assertTrue(store.findCsv(new InvoiceNumber("NOPE-" + account)).isEmpty());
    }

    @Test
    void findByAccount_givesSummariesEqualToTheSavedSnapshots() {
        ArchivedSnapshot saved = ((SaveResult.Saved) store.save(SampleSnapshots.bill(account, 2025, 4),
                ReceivedBody.of("{}"), NOW, null))
                .snapshot();

        assertEquals(List.of(SnapshotSummary.of(saved)), store.findByAccount(new AccountNumber(account), 0, 10));
    }

    @Test
    void findByAccount_isNewestPeriodFirst_pagesWithoutGapsOrRepeats_andKeepsToItsAccount() {
        int[][] periods = {{2023, 11}, {2025, 1}, {2024, 12}, {2025, 3}, {2024, 1}, {2025, 2}, {2023, 12}};
        for (int[] p : periods) {
            store.save(SampleSnapshots.bill(account, p[0], p[1]), ReceivedBody.of("{}"), NOW, null);
        }
        String neighbour = account + "-N";
        store.save(SampleSnapshots.bill(neighbour, 2025, 6), ReceivedBody.of("{}"), NOW, null);
        AccountNumber acc = new AccountNumber(account);

        List<BillingPeriod> all = store.findByAccount(acc, 0, 100).stream().map(SnapshotSummary::period).toList();
        List<BillingPeriod> paged = new ArrayList<>();
        for (int offset = 0; offset < 10; offset += 3) {
            store.findByAccount(acc, offset, 3).forEach(s -> paged.add(s.period()));
        }

        assertEquals(List.of(new BillingPeriod(2025, 3), new BillingPeriod(2025, 2), new BillingPeriod(2025, 1),
                new BillingPeriod(2024, 12), new BillingPeriod(2024, 1), new BillingPeriod(2023, 12),
                new BillingPeriod(2023, 11)), all);
        assertEquals(all, paged);
        assertTrue(store.findByAccount(acc, 7, 3).isEmpty());
        assertTrue(store.findByAccount(acc, 0, 0).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.findByAccount(acc, -1, 3));
    }

    @Test
    void idempotencyKey_isStoredWithTheSnapshot_scopedToItsCaller() {
        String requestSha = Sha256.hex("request body " + account);
        Snapshot bill = SampleSnapshots.bill(account, 2025, 5);

        store.save(bill, ReceivedBody.of("{}"), NOW, new IdempotencyKey("user:" + account, "key-1", requestSha));

        assertEquals(new IdempotencyRecord(requestSha, bill.invoiceNumber()),
                store.findIdempotencyKey("user:" + account, "key-1").orElseThrow());
        assertTrue(store.findIdempotencyKey("user:" + account + "x", "key-1").isEmpty());
        assertTrue(store.findIdempotencyKey("user:" + account, "key-2").isEmpty());
    }

    @Test
    void idempotencyKey_isNotStoredWhenTheSnapshotClashes() {
        store.save(SampleSnapshots.bill(account, 2025, 5), ReceivedBody.of("{}"), NOW, null);
        Snapshot sameInvoice = SampleSnapshots.bill(account, 2025, 5);

        SaveResult result = store.save(sameInvoice, ReceivedBody.of("{}"), NOW,
                new IdempotencyKey("user:" + account, "late-key", Sha256.hex("other")));

        assertInstanceOf(SaveResult.AlreadyArchived.class, result);
        assertTrue(store.findIdempotencyKey("user:" + account, "late-key").isEmpty());
    }

    @Test
    void aKeyAlreadyTaken_keepsTheRequestItFirstCameWith_andStoresNothingNew() {
        String caller = "service:" + account;
        Snapshot first = SampleSnapshots.bill(account, 2025, 8);
        store.save(first, ReceivedBody.of("{}"), NOW, new IdempotencyKey(caller, "k", Sha256.hex("first")));
        Snapshot second = SampleSnapshots.bill(account, 2025, 9);

        SaveResult result = store.save(second, ReceivedBody.of("{}"), NOW, new IdempotencyKey(caller, "k",
                Sha256.hex("second")));

        assertInstanceOf(SaveResult.KeyTaken.class, result);
        assertTrue(store.findByInvoiceNumber(second.invoiceNumber()).isEmpty());
        assertEquals(new IdempotencyRecord(Sha256.hex("first"), first.invoiceNumber()),
                store.findIdempotencyKey(caller, "k").orElseThrow());
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
                return store.save(bill, ReceivedBody.of("{}"), NOW, null);
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
        assertEquals(1, store.findByAccount(new AccountNumber(account), 0, 100).size());
    }
}
