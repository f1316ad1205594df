package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import java.util.Optional;

/** Use case: read one archived bill, or just its CSV invoice, by its invoice number. */
public interface FindSnapshot {
    /** Empty when no bill has that invoice number (including a text that cannot be an invoice number). */
    Optional<ArchivedSnapshot> byInvoiceNumber(String invoiceNumber);

    /** The stored CSV invoice, as it was received. */
    Optional<InvoiceCsv> csv(String invoiceNumber);

    /** A CSV invoice with what its download name is made of. */
    record InvoiceCsv(String companyName, BillingPeriod period, String csv, String contentSha256) {
    }
}
