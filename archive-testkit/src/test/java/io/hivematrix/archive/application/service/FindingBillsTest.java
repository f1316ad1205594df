package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.application.port.in.Input;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult;
import io.hivematrix.archive.application.port.out.SnapshotReader;
import io.hivematrix.archive.application.port.out.SnapshotSearch;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Sha256;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.function.Consumer;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FindingBillsTest {
    private static final Instant ARCHIVED_AT = Instant.parse("2025-11-01T02:00:00Z");

    private final CountingStore store = new CountingStore(new InMemorySnapshotStore());
    private final ReadSnapshotsService find = new ReadSnapshotsService(store, new NoSearch());

    @Test
    void aStoredBill_isFoundByItsInvoiceNumber() {
        ArchivedSnapshot stored = save(SampleSnapshots.bill("620547-202510", "620547", 2025, 10));

        assertEquals(Optional.of(stored), find.byInvoiceNumber("620547-202510"));
    }

    @Test
    void theRightBill_isFoundAmongSeveral() {
        save(SampleSnapshots.bill("620547", 2025, 9));
        ArchivedSnapshot october = save(SampleSnapshots.bill("620547", 2025, 10));
        save(SampleSnapshots.bill("777", 2025, 10));

        ArchivedSnapshot found = find.byInvoiceNumber("620547-202510").orElseThrow();

        assertEquals(october, found);
        assertEquals(new BillingPeriod(2025, 10), found.snapshot().period());
    }

    @Test
    void aBillArchivedThroughTheCreateUseCase_isFound_exactlyAsCreated() {
        InMemorySnapshotStore shared = new InMemorySnapshotStore();
        CreateSnapshotService create = new CreateSnapshotService(shared, shared, Clock.fixed(ARCHIVED_AT, ZoneOffset.UTC));
        Snapshot sample = SampleSnapshots.bill("A-1", "1", 2024, 12);
        ArchivedSnapshot created = ((CreateSnapshotResult.Created) create.create(commandFor(sample))).snapshot();

        ArchivedSnapshot found = new ReadSnapshotsService(shared, shared).byInvoiceNumber("A-1").orElseThrow();

        assertEquals(created, found);
        assertEquals(ARCHIVED_AT, found.archivedAt());
        assertEquals(Sha256.hex("{}"), found.contentSha256());
    }

    @Test
    void anUnknownInvoiceNumber_isEmpty() {
        save(SampleSnapshots.bill("620547", 2025, 10));

        assertEquals(Optional.empty(), find.byInvoiceNumber("620547-202511"));
    }

    @Test
    void anEmptyStore_findsNothing() {
        assertEquals(Optional.empty(), find.byInvoiceNumber("620547-202510"));
        assertEquals(1, store.invoiceLookups);
    }

    @Test
    void invoiceNumbers_matchExactly_notIgnoringCase() {
        save(SampleSnapshots.bill("INV-abc", "620547", 2025, 10));

        assertEquals(Optional.empty(), find.byInvoiceNumber("inv-ABC"));
        assertTrue(find.byInvoiceNumber("INV-abc").isPresent());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a b", " 620547-202510", "620547-202510 ", "../620547", "620547/202510",
            "620547%2D202510", "6205\u00e47", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aMalformedInvoiceNumber_isEmpty_withoutAskingTheStore(String malformed) {
        save(SampleSnapshots.bill("620547", 2025, 10));

        assertEquals(Optional.empty(), find.byInvoiceNumber(malformed));
        assertEquals(0, store.invoiceLookups);
    }

    @Test
    void fiftyOneCharacters_isMalformed_butFifty_isLookedUp() {
        String fifty = "A".repeat(50);
        ArchivedSnapshot stored = save(SampleSnapshots.bill(fifty, "620547", 2025, 10));

        assertEquals(Optional.empty(), find.byInvoiceNumber(fifty + "A"));
        assertEquals(0, store.invoiceLookups);
        assertEquals(Optional.of(stored), find.byInvoiceNumber(fifty));
        assertEquals(1, store.invoiceLookups);
    }

    /** The create command that says exactly what a sample snapshot says. */
    private static CreateSnapshotCommand commandFor(Snapshot s) {
        List<Input<CreateSnapshotCommand.LineItemInput>> items = s.lineItems().stream()
                .map(i -> Input.of(new CreateSnapshotCommand.LineItemInput(Input.of(i.lineType().code()),
                        Input.of(i.itemName()), Input.of(i.description()), Input.of(i.quantity()),
                        Input.of(i.rate()), Input.of(i.amount().amount()))))
                .toList();
        return new CreateSnapshotCommand(Input.of(s.accountNumber().value()), Input.of(s.companyName()),
                Input.of(s.period().year()), Input.of(s.period().month()), Input.of(s.invoiceNumber().value()),
                Input.of(s.invoiceDate().toString()), Input.of(s.dueDate().toString()),
                        Input.of(s.terms().billingPlan()),
                Input.of(s.terms().contractTerm()), Input.of(s.terms().supportLevel()),
                        Input.of(s.charges().total().amount()),
                Input.of(s.charges().userCharges().amount()), Input.of(s.charges().assetCharges().amount()),
                Input.of(s.charges().backupCharges().amount()), Input.of(s.charges().ticketCharges().amount()),
                Input.of(s.charges().lineItemCharges().amount()), Input.of(s.usage().billableHours()),
                        Input.of(s.usage().userCount()),
                Input.of(s.usage().assetCount()), Input.of(s.billingData()), Input.of(s.invoiceCsv()), Input.of(items),
                Input.of(s.createdBy()), Input.of(s.notes()),
                new CreateSnapshotCommand.Submission("{}", "service:test", s.submittedBy(), null));
    }

    private ArchivedSnapshot save(Snapshot snapshot) {
        SnapshotStore.SaveResult result = store.delegate.save(snapshot, ReceivedBody.of("{}"), ARCHIVED_AT, null);
        return ((SnapshotStore.SaveResult.Saved) result).snapshot();
    }

    /**
     * The real in-memory store as a reader, counting the look-ups the use case makes; the narrow port is all it
     * gets, so it cannot search, list or write.
     */
    private static final class CountingStore implements SnapshotReader {
        final InMemorySnapshotStore delegate;
        int invoiceLookups;

        CountingStore(InMemorySnapshotStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber) {
            invoiceLookups++;
            return delegate.findByInvoiceNumber(invoiceNumber);
        }

        @Override
        public Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account, BillingPeriod period) {
            throw new AssertionError("finding by invoice must not search by account and period");
        }

        @Override
        public Optional<StoredCsv> findCsv(InvoiceNumber invoiceNumber) {
            invoiceLookups++;
            return delegate.findCsv(invoiceNumber);
        }

        @Override
        public Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period) {
            throw new AssertionError("finding by invoice must not look up a company's period");
        }

        @Override
        public Map<AccountNumber, InvoiceNumber> invoicesFor(BillingPeriod period) {
            throw new AssertionError("finding by invoice must not list a period");
        }

        @Override
        public Optional<InvoiceNumber> previousInvoice(AccountNumber account, BillingPeriod before) {
            throw new AssertionError("finding by invoice must not look for a previous bill");
        }
    }

    /** Finding by invoice number must never list, count or export. */
    private static final class NoSearch implements SnapshotSearch {
        @Override
        public Search searchFor(SnapshotFilter filter) {
            throw new AssertionError("finding by invoice must not search");
        }

        @Override
        public List<SnapshotSummary> findByAccount(AccountNumber account, int offset, int limit) {
            throw new AssertionError("finding by invoice must not list an account");
        }

        @Override
        public long count(SnapshotFilter filter) {
            throw new AssertionError("finding by invoice must not count");
        }

        @Override
        public void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink) {
            throw new AssertionError("finding by invoice must not export");
        }

        @Override
        public long countCompanies() {
            throw new AssertionError("finding by invoice must not count companies");
        }
    }
}
