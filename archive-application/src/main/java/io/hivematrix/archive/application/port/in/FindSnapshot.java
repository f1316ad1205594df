package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.ArchivedSnapshot;
import java.util.Optional;

/** Use case: read one archived bill by its invoice number. */
public interface FindSnapshot {
    /** Empty when no bill has that invoice number (including a text that cannot be an invoice number). */
    Optional<ArchivedSnapshot> byInvoiceNumber(String invoiceNumber);
}
