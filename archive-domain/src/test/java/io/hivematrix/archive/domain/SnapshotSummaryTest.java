package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SnapshotSummaryTest {
    private static final Instant AT = Instant.parse("2025-11-01T02:00:00.5Z");

    @Test
    void theSummaryOfAnArchivedBill_carriesItsListedFieldsExactly() {
        Snapshot s = new SnapshotBuilder().build();
        SnapshotSummary summary = SnapshotSummary.of(new ArchivedSnapshot(12, AT, "c".repeat(64), s));
        assertEquals(12, summary.id());
        assertEquals(AT, summary.archivedAt());
        assertEquals("c".repeat(64), summary.contentSha256());
        assertEquals(new InvoiceNumber("620547-202510"), summary.invoiceNumber());
        assertEquals(new AccountNumber("620547"), summary.accountNumber());
        assertEquals("Acme Widgets", summary.companyName());
        assertEquals(new BillingPeriod(2025, 10), summary.period());
        assertEquals(LocalDate.of(2025, 11, 1), summary.invoiceDate());
        assertEquals(LocalDate.of(2025, 12, 1), summary.dueDate());
        assertEquals("Standard", summary.billingPlan());
        assertEquals("Month-to-Month", summary.contractTerm());
        assertEquals("Gold", summary.supportLevel());
        assertEquals("1250.00", summary.totalAmount().toString());
        assertEquals("1000.00", summary.totalUserCharges().toString());
        assertEquals("150.00", summary.totalAssetCharges().toString());
        assertEquals("50.00", summary.totalBackupCharges().toString());
        assertEquals("25.00", summary.totalTicketCharges().toString());
        assertEquals("25.00", summary.totalLineItemCharges().toString());
        assertEquals(10, summary.userCount());
        assertEquals(3, summary.assetCount());
        assertEquals(0, new BigDecimal("2.5").compareTo(summary.billableHours()));
        assertEquals("service:ledger", summary.createdBy());
    }

    @Test
    void hoursReadBackWithMoreZeros_stillMakeAnEqualSummary() {
        Snapshot s = new SnapshotBuilder().build();
        SnapshotSummary stored = SnapshotSummary.of(new ArchivedSnapshot(12, AT, "c".repeat(64), s));
        SnapshotSummary readBack = new SnapshotSummary(12, AT, "c".repeat(64), s.invoiceNumber(), s.accountNumber(),
                s.companyName(), s.period(), s.invoiceDate(), s.dueDate(), s.terms().billingPlan(),
                        s.terms().contractTerm(),
                s.terms().supportLevel(), s.charges().total(), s.charges().userCharges(), s.charges().assetCharges(),
                s.charges().backupCharges(), s.charges().ticketCharges(), s.charges().lineItemCharges(),
                        s.usage().userCount(),
                s.usage().assetCount(), new BigDecimal("2.500000"), s.createdBy());
        assertEquals(stored, readBack);
    }

    @Test
    void itsCursor_isItsPlaceInTheNewestFirstOrder() {
        Snapshot s = new SnapshotBuilder().build();
        SnapshotSummary summary = SnapshotSummary.of(new ArchivedSnapshot(12, AT, "c".repeat(64), s));
        assertEquals(new SnapshotCursor(AT, 12), summary.cursor());
    }
}
