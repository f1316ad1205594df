package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The archive's bills with reads on a streaming replica ({@link ReadReplica} decides while it serves): writes,
 * idempotency keys and what a monthly run skips go to the primary; lists, counts, searches and exports to the
 * replica. A bill looked up by what identifies it and not found on the replica is looked up again on the primary, so
 * a client that just got its 201 reads its bill at once however far behind the replica is ("read your own write").
 * Lists may lag by up to the replica's allowed lag.
 */
public final class ReplicaRoutedSnapshotStore implements SnapshotStore {
    private final ReadReplica reads;
    private final SnapshotStore primary;
    private final SnapshotStore replica;

    ReplicaRoutedSnapshotStore(ReadReplica reads, SnapshotStore primary, SnapshotStore replica) {
        this.reads = reads;
        this.primary = primary;
        this.replica = replica;
    }

    @Override
    public SaveResult save(Snapshot snapshot, ReceivedBody body, Instant archivedAt, IdempotencyKey key) {
        return primary.save(snapshot, body, archivedAt, key);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotencyKey(String caller, String key) {
        return primary.findIdempotencyKey(caller, key); // decides whether a retry writes: never from a lagging copy
    }

    @Override
    public Map<AccountNumber, InvoiceNumber> invoicesFor(BillingPeriod period) {
        return primary.invoicesFor(period); // what a run skips: a lagging copy would bill a company twice
    }

    @Override
    public Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber) {
        return lookup(store -> store.findByInvoiceNumber(invoiceNumber));
    }

    @Override
    public Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account, BillingPeriod period) {
        return lookup(store -> store.findByAccountAndPeriod(account, period));
    }

    @Override
    public Optional<StoredCsv> findCsv(InvoiceNumber invoiceNumber) {
        return lookup(store -> store.findCsv(invoiceNumber));
    }

    @Override
    public Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period) {
        return lookup(store -> store.invoiceFor(account, period));
    }

    @Override
    public Optional<InvoiceNumber> previousInvoice(AccountNumber account, BillingPeriod before) {
        return lookup(store -> store.previousInvoice(account, before));
    }

    /**
     * A bill the replica has not got (yet) is asked of the primary: bills are never deleted or changed, so a replica
     * that has one has the same, and only a miss can be out of date. A true miss costs a second query, on the primary.
     */
    private <T> Optional<T> lookup(Function<SnapshotStore, Optional<T>> find) {
        return reads.read(() -> find.apply(replica).or(() -> find.apply(primary)), () -> find.apply(primary));
    }

    @Override
    public List<SnapshotSummary> findByAccount(AccountNumber account, int offset, int limit) {
        return reads.read(primary, replica, store -> store.findByAccount(account, offset, limit));
    }

    @Override
    public long count(SnapshotFilter filter) {
        return reads.read(primary, replica, store -> store.count(filter));
    }

    @Override
    public long countCompanies() {
        return reads.read(primary, replica, SnapshotStore::countCompanies);
    }

    @Override
    public Search searchFor(SnapshotFilter filter) {
        if (!reads.serving()) {
            return primary.searchFor(filter);
        }
        Search chosen = reads.read(() -> replica.searchFor(filter), () -> primary.searchFor(filter));
        // Prepared on the replica: each read is handed to the primary should the replica be lost before it.
        return new Search() {
            @Override
            public List<SnapshotSummary> page(SnapshotCursor after, int offset, int limit) {
                return reads.read(() -> chosen.page(after, offset, limit),
                        () -> primary.searchFor(filter).page(after, offset, limit));
            }

            @Override
            public long countAtMost(long atMost) {
                return reads.read(() -> chosen.countAtMost(atMost), () -> primary.searchFor(filter).countAtMost(atMost));
            }
        };
    }

    /**
     * Streams from the replica while it serves; a replica lost before the first row hands the export to the primary,
     * one lost later fails it (the rows already sent cannot be taken back, and sending them twice would be worse).
     */
    @Override
    public void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink) {
        if (!reads.serving()) {
            primary.export(filter, sink);
            return;
        }
        boolean[] sent = {false};
        try {
            replica.export(filter, row -> {
                sent[0] = true;
                sink.accept(row);
            });
        } catch (RuntimeException e) {
            if (sent[0] || !reads.handsOver(e)) {
                throw e;
            }
            primary.export(filter, sink);
        }
    }
}
