package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.CompareBills;
import io.hivematrix.archive.application.port.in.CompareBillsResult;
import io.hivematrix.archive.application.port.out.SnapshotReader;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillComparison;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Snapshot;
import java.util.Objects;
import java.util.Optional;

/** Finds the two bills of a comparison (the other one by default the company's previous) and compares them. */
public final class CompareBillsService implements CompareBills {
    private final SnapshotReader reader;

    public CompareBillsService(SnapshotReader reader) {
        this.reader = Objects.requireNonNull(reader);
    }

    @Override
    public CompareBillsResult compare(InvoiceNumber invoice, InvoiceNumber against) {
        Objects.requireNonNull(invoice, "invoice");
        Optional<ArchivedSnapshot> to = reader.findByInvoiceNumber(invoice);
        if (to.isEmpty()) {
            return new CompareBillsResult.NotFound(CompareBillsResult.Which.INVOICE, invoice);
        }
        Snapshot bill = to.get().snapshot();
        InvoiceNumber other = against;
        if (other == null) {
            Optional<InvoiceNumber> previous = reader.previousInvoice(bill.accountNumber(), bill.period());
            if (previous.isEmpty()) {
                return new CompareBillsResult.NoPrevious(invoice, bill.accountNumber(), bill.period());
            }
            other = previous.get();
        }
        Optional<ArchivedSnapshot> from = other.equals(invoice) ? to : reader.findByInvoiceNumber(other);
        if (from.isEmpty()) {
            // Only a named bill can be missing here: bills are never deleted, so a previous one found stays found.
            return new CompareBillsResult.NotFound(CompareBillsResult.Which.AGAINST, other);
        }
        return new CompareBillsResult.Found(BillComparison.of(from.get().snapshot(), bill));
    }
}
