package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import java.util.Map;
import java.util.Optional;

/** Reads one archived bill, or its invoice number, by what identifies it: an invoice number, or a company and period. */
public interface SnapshotReader {

    Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber);

    Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account, BillingPeriod period);

    /** Just what the CSV download needs, without the rest of the snapshot. */
    Optional<StoredCsv> findCsv(InvoiceNumber invoiceNumber);

    /** The invoice number archived for a company and period, without reading the rest of the snapshot. */
    Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period);

    /**
     * The invoice number of every company archived for {@code period}: what a run skips, read once instead
     * of once per company.
     */
    Map<AccountNumber, InvoiceNumber> invoicesFor(BillingPeriod period);

    /**
     * The invoice number of the company's latest bill of a period strictly before {@code before}, without reading
     * the rest of it: what a bill is compared with by default. Empty when the company has no earlier bill.
     */
    Optional<InvoiceNumber> previousInvoice(AccountNumber account, BillingPeriod before);

    /** A stored invoice CSV with what its download name is made of. */
    record StoredCsv(String companyName, BillingPeriod period, String csv, String contentSha256) {
    }
}
