package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.List;
import java.util.Optional;

/** Use case: read what is archived — one bill or its CSV invoice, one company's bills, the archive's totals. */
public interface ReadSnapshots {

    /** Empty when no bill has that invoice number (including a text that cannot be an invoice number). */
    Optional<ArchivedSnapshot> byInvoiceNumber(String invoiceNumber);

    /** The stored CSV invoice, as it was received. */
    Optional<InvoiceCsv> csv(String invoiceNumber);

    /** One company's archived bills, newest billing period first. */
    CompanyHistory history(AccountNumber account, int limit, int offset);

    /** How big the archive is, for its overview page. */
    Totals totals();

    /** A CSV invoice with what its download name is made of. */
    record InvoiceCsv(String companyName, BillingPeriod period, String csv, String contentSha256) {
    }

    /**
     * @param companyName the name on the company's newest bill, or null when it has none
     * @param total       how many bills the company has in all
     */
    record CompanyHistory(AccountNumber account, String companyName, long total, List<SnapshotSummary> snapshots) {
        public CompanyHistory {
            snapshots = List.copyOf(snapshots);
        }
    }

    /**
     * @param snapshots every archived bill
     * @param companies every company with at least one
     */
    record Totals(long snapshots, long companies) {
    }
}
