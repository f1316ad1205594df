package io.hivematrix.archive.application.fake;

import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A {@link SnapshotStore} in memory, with the same uniqueness and ordering rules as the database. */
public final class InMemorySnapshotStore implements SnapshotStore {
    private final List<ArchivedSnapshot> rows = new ArrayList<>();
    private long nextId = 1;

    @Override
    public synchronized SaveResult save(Snapshot snapshot, String receivedBody, Instant archivedAt) {
        Optional<ArchivedSnapshot> clash = findByInvoiceNumber(snapshot.invoiceNumber())
                .or(() -> findByAccountAndPeriod(snapshot.accountNumber(), snapshot.period()));
        if (clash.isPresent()) {
            return new SaveResult.AlreadyArchived(clash.get());
        }
        ArchivedSnapshot stored = new ArchivedSnapshot(nextId++, archivedAt, snapshot.contentSha256(), snapshot);
        rows.add(stored);
        return new SaveResult.Saved(stored);
    }

    @Override
    public synchronized Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber) {
        return rows.stream().filter(r -> r.snapshot().invoiceNumber().equals(invoiceNumber)).findFirst();
    }

    @Override
    public synchronized Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account,
                                                                          BillingPeriod period) {
        return rows.stream()
                .filter(r -> r.snapshot().accountNumber().equals(account) && r.snapshot().period().equals(period))
                .findFirst();
    }

    @Override
    public synchronized List<ArchivedSnapshot> findByAccount(AccountNumber account) {
        return rows.stream()
                .filter(r -> r.snapshot().accountNumber().equals(account))
                .sorted(Comparator.comparing((ArchivedSnapshot r) -> r.snapshot().period()).reversed()
                        .thenComparing(Comparator.comparingLong(ArchivedSnapshot::id).reversed()))
                .toList();
    }

    /** How many snapshots are stored; for tests that check nothing was written. */
    public synchronized int size() {
        return rows.size();
    }
}
