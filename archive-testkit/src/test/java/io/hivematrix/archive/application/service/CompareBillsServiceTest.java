package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.application.port.in.CompareBillsResult;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillComparison;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.testkit.BillBuilder;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which two bills a comparison finds, and what it answers when one of them is not there. */
class CompareBillsServiceTest {
    private static final Instant NOW = Instant.parse("2025-12-01T02:00:00Z");

    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final CompareBillsService service = new CompareBillsService(store);

    private void archive(Snapshot bill) {
        store.save(bill, ReceivedBody.of("{}"), NOW, null);
    }

    private static InvoiceNumber invoice(String number) {
        return new InvoiceNumber(number);
    }

    private BillComparison found(String invoice, String against) {
        return assertInstanceOf(CompareBillsResult.Found.class,
                service.compare(invoice(invoice), against == null ? null : invoice(against))).comparison();
    }

    @Test
    void byDefault_aBillIsComparedWithItsCompanysLatestEarlierBill() {
        archive(SampleSnapshots.bill("620547", 2025, 7));
        archive(SampleSnapshots.bill("620547", 2025, 8)); // September was never billed
        archive(SampleSnapshots.bill("620547", 2025, 10));
        archive(SampleSnapshots.bill("620547", 2025, 11)); // a later bill is never "previous"
        archive(SampleSnapshots.bill("777001", 2025, 9)); // another company's bill in between

        BillComparison diff = found("620547-202510", null);

        assertEquals(invoice("620547-202508"), diff.from().invoiceNumber());
        assertEquals(new BillingPeriod(2025, 8), diff.from().period());
        assertEquals(invoice("620547-202510"), diff.to().invoiceNumber());
        assertTrue(diff.sameAccount());
    }

    @Test
    void theComparison_saysWhatChanged() {
        Snapshot october = SampleSnapshots.bill("620547", 2025, 10);
        List<LineItem> lines = new ArrayList<>(october.lineItems());
        lines.add(new LineItem(LineType.USER, "User 1", null, BigDecimal.ONE, new BigDecimal("100"),
                Money.of("100.00")));
        archive(october);
        archive(BillBuilder.sample("620547", 2025, 11).withLineItems(lines).withUserCount(2)
                .withTotalAmount(Money.of("500.00")).build());

        BillComparison diff = found("620547-202511", null);

        assertEquals(List.of("User 1"), diff.added().stream().map(LineItem::itemName).toList());
        assertTrue(diff.removed().isEmpty());
        assertTrue(diff.changed().isEmpty());
        assertEquals(new BigDecimal("100.00"), diff.charges().total().change()); // 500.00 - 400.00
        assertEquals(1, diff.users().change());
    }

    @Test
    void aNamedBill_ofAnyCompany_isComparedWith() {
        archive(SampleSnapshots.bill("620547", 2025, 10));
        archive(SampleSnapshots.bill("777001", 2025, 12));

        BillComparison diff = found("620547-202510", "777001-202512");

        // The named bill is "from" even when it is the later one: the caller chose the direction.
        assertEquals(invoice("777001-202512"), diff.from().invoiceNumber());
        assertEquals(new AccountNumber("777001"), diff.from().accountNumber());
        assertEquals(invoice("620547-202510"), diff.to().invoiceNumber());
        assertFalse(diff.sameAccount());
    }

    @Test
    void aBillComparedWithItself_changesNothing() {
        archive(SampleSnapshots.bill("620547", 2025, 10));

        BillComparison diff = found("620547-202510", "620547-202510");

        assertTrue(diff.added().isEmpty() && diff.removed().isEmpty() && diff.changed().isEmpty());
        assertEquals(new BigDecimal("0.00"), diff.charges().total().change());
    }

    @Test
    void anUnknownInvoice_isNotFound_andNamedAsTheBill() {
        archive(SampleSnapshots.bill("620547", 2025, 10));

        assertEquals(new CompareBillsResult.NotFound(CompareBillsResult.Which.INVOICE, invoice("NOPE-1")),
                service.compare(invoice("NOPE-1"), invoice("620547-202510")));
        assertEquals(new CompareBillsResult.NotFound(CompareBillsResult.Which.INVOICE, invoice("NOPE-1")),
                service.compare(invoice("NOPE-1"), null));
    }

    @Test
    void anUnknownBillToCompareWith_isNotFound_andNamedAsAgainst() {
        archive(SampleSnapshots.bill("620547", 2025, 10));

        assertEquals(new CompareBillsResult.NotFound(CompareBillsResult.Which.AGAINST, invoice("NOPE-2")),
                service.compare(invoice("620547-202510"), invoice("NOPE-2")));
    }

    @Test
    void aCompanysFirstBill_hasNoPrevious() {
        archive(SampleSnapshots.bill("620547", 2025, 10));
        archive(SampleSnapshots.bill("777001", 2025, 9)); // earlier, but another company's

        assertEquals(new CompareBillsResult.NoPrevious(invoice("620547-202510"), new AccountNumber("620547"),
                new BillingPeriod(2025, 10)), service.compare(invoice("620547-202510"), null));
    }
}
