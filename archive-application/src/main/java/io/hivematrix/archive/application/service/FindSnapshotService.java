package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.FindSnapshot;
import io.hivematrix.archive.application.port.out.SnapshotReader;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.InvoiceNumber;
import java.util.Objects;
import java.util.Optional;

/** Reads one archived bill, or its CSV, by invoice number. */
public final class FindSnapshotService implements FindSnapshot {
    private final SnapshotReader store;

    public FindSnapshotService(SnapshotReader store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public Optional<ArchivedSnapshot> byInvoiceNumber(String invoiceNumber) {
        return parse(invoiceNumber).flatMap(store::findByInvoiceNumber);
    }

    @Override
    public Optional<InvoiceCsv> csv(String invoiceNumber) {
        return parse(invoiceNumber).flatMap(store::findCsv)
                .map(c -> new InvoiceCsv(c.companyName(), c.period(), c.csv(), c.contentSha256()));
    }

    private static Optional<InvoiceNumber> parse(String invoiceNumber) {
        try {
            return Optional.of(new InvoiceNumber(invoiceNumber));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // no stored bill can have a malformed number
        }
    }
}
