package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.InvoiceNumber;

/** Use case: what changed from one archived bill to another, by default the same company's previous one. */
public interface CompareBills {

    /**
     * Compares the bill {@code invoice} ({@code to}) with the bill {@code against} ({@code from}), or, when
     * {@code against} is null, with the latest bill its company has of an earlier period.
     */
    CompareBillsResult compare(InvoiceNumber invoice, InvoiceNumber against);
}
