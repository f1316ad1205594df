package io.hivematrix.archive.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** An archived snapshot without its bulky parts (breakdown, CSV, lines, notes): what lists, searches and exports show. */
public record SnapshotSummary(
        long id,
        Instant archivedAt,
        String contentSha256,
        InvoiceNumber invoiceNumber,
        AccountNumber accountNumber,
        String companyName,
        BillingPeriod period,
        LocalDate invoiceDate,
        LocalDate dueDate,
        String billingPlan,
        String contractTerm,
        String supportLevel,
        Money totalAmount,
        Money totalUserCharges,
        Money totalAssetCharges,
        Money totalBackupCharges,
        Money totalTicketCharges,
        Money totalLineItemCharges,
        int userCount,
        int assetCount,
        BigDecimal billableHours,
        String createdBy) {

    public SnapshotSummary {
        // Same normal form as Snapshot's, so 2.5 read back as 2.500000 still compares equal.
        billableHours = Decimal.requireNonNegative(billableHours, "billable hours");
    }

    /** The summary of a full archived snapshot. */
    public static SnapshotSummary of(ArchivedSnapshot archived) {
        Snapshot s = archived.snapshot();
        return new SnapshotSummary(archived.id(), archived.archivedAt(), archived.contentSha256(), s.invoiceNumber(),
                s.accountNumber(), s.companyName(), s.period(), s.invoiceDate(), s.dueDate(), s.terms().billingPlan(),
                s.terms().contractTerm(), s.terms().supportLevel(), s.charges().total(), s.charges().userCharges(),
                        s.charges().assetCharges(),
                s.charges().backupCharges(), s.charges().ticketCharges(), s.charges().lineItemCharges(),
                        s.usage().userCount(),
                s.usage().assetCount(), s.usage().billableHours(), s.createdBy());
    }

    /** Where this snapshot stands in the newest-first order, for keyset paging. */
    public SnapshotCursor cursor() {
        return new SnapshotCursor(archivedAt, id);
    }
}
