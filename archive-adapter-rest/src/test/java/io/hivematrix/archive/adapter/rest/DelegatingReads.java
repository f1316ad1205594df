package io.hivematrix.archive.adapter.rest;

import io.hivematrix.archive.application.port.in.ReadSnapshots;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import java.util.Optional;

/** Forwards every read to the real use case, so a test can override the one read it counts or breaks. */
public class DelegatingReads implements ReadSnapshots {
    private final ReadSnapshots delegate;

    public DelegatingReads(ReadSnapshots delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<ArchivedSnapshot> byInvoiceNumber(String invoiceNumber) {
        return delegate.byInvoiceNumber(invoiceNumber);
    }

    @Override
    public Optional<InvoiceCsv> csv(String invoiceNumber) {
        return delegate.csv(invoiceNumber);
    }

    @Override
    public CompanyHistory history(AccountNumber account, int limit, int offset) {
        return delegate.history(account, limit, offset);
    }

    @Override
    public Totals totals() {
        return delegate.totals();
    }
}
