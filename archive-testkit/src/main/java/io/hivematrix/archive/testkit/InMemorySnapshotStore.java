package io.hivematrix.archive.testkit;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A {@link SnapshotStore} in memory, with the same uniqueness and ordering rules as the database. */
public final class InMemorySnapshotStore implements SnapshotStore {
    private static final Comparator<SnapshotSummary> NEWEST_FIRST = Comparator
            .comparing(SnapshotSummary::archivedAt).thenComparingLong(SnapshotSummary::id).reversed();

    private final List<ArchivedSnapshot> rows = new ArrayList<>();
    private final Map<String, IdempotencyRecord> keys = new HashMap<>();
    private final Map<Long, String> bodies = new HashMap<>();
    private final Map<Long, Long> auditSeqs = new HashMap<>();
    private long nextId = 1;

    @Override
    public synchronized SaveResult save(Snapshot snapshot, ReceivedBody body, Instant archivedAt,
                                        IdempotencyKey key) {
        Objects.requireNonNull(body, "received body");
        Optional<ArchivedSnapshot> clash = findByInvoiceNumber(snapshot.invoiceNumber())
                .or(() -> findByAccountAndPeriod(snapshot.accountNumber(), snapshot.period()));
        if (clash.isPresent()) {
            return new SaveResult.AlreadyArchived(clash.get());
        }
        if (key != null && keys.containsKey(key.caller() + "\n" + key.key())) {
            return new SaveResult.KeyTaken();
        }
        // Microseconds, as PostgreSQL keeps them, so both stores order and compare alike.
        ArchivedSnapshot stored = new ArchivedSnapshot(nextId++, archivedAt.truncatedTo(ChronoUnit.MICROS),
                body.sha256(), snapshot);
        rows.add(stored);
        bodies.put(stored.id(), body.text());
        if (key != null) {
            keys.put(key.caller() + "\n" + key.key(),
                    new IdempotencyRecord(key.requestSha256(), snapshot.invoiceNumber()));
        }
        return new SaveResult.Saved(stored);
    }

    @Override
    public synchronized Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber) {
        return rows.stream().filter(r -> r.snapshot().invoiceNumber().equals(invoiceNumber)).findFirst()
                .map(this::withSeal);
    }

    private ArchivedSnapshot withSeal(ArchivedSnapshot r) {
        return new ArchivedSnapshot(r.id(), r.archivedAt(), r.contentSha256(), r.snapshot(), auditSeqs.get(r.id()));
    }

    /** Snapshots in id order with their bodies, for the in-memory audit log. */
    synchronized List<Map.Entry<ArchivedSnapshot, String>> snapshotsWithBodies() {
        return rows.stream().map(r -> Map.entry(r, bodies.get(r.id()))).toList();
    }

    synchronized void markSealed(long id, long seq) {
        auditSeqs.put(id, seq);
    }

    @Override
    public synchronized Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account,
                                                                          BillingPeriod period) {
        return rows.stream()
                .filter(r -> r.snapshot().accountNumber().equals(account) && r.snapshot().period().equals(period))
                .findFirst().map(this::withSeal);
    }

    @Override
    public synchronized Optional<StoredCsv> findCsv(InvoiceNumber invoiceNumber) {
        return findByInvoiceNumber(invoiceNumber).map(r -> new StoredCsv(r.snapshot().companyName(),
                r.snapshot().period(), r.snapshot().invoiceCsv(), r.contentSha256()));
    }

    @Override
    public synchronized List<SnapshotSummary> findByAccount(AccountNumber account, int offset, int limit) {
        return summaries()
                .filter(s -> s.accountNumber().equals(account))
                .sorted(Comparator.comparing(SnapshotSummary::period).thenComparingLong(SnapshotSummary::id).reversed())
                .skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized long count(SnapshotFilter filter) {
        return summaries().filter(filter::matches).count();
    }

    @Override
    public synchronized long countCompanies() {
        return summaries().map(SnapshotSummary::accountNumber).distinct().count();
    }

    @Override
    public Search searchFor(SnapshotFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return new Search() {
            @Override
            public List<SnapshotSummary> page(SnapshotCursor after, int offset, int limit) {
                synchronized (InMemorySnapshotStore.this) {
                    Stream<SnapshotSummary> matching = summaries().filter(filter::matches).sorted(NEWEST_FIRST);
                    if (after != null) {
                        return matching.filter(s -> after.isBefore(s.archivedAt(), s.id())).limit(limit).toList();
                    }
                    return matching.skip(offset).limit(limit).toList();
                }
            }

            @Override
            public long countAtMost(long atMost) {
                synchronized (InMemorySnapshotStore.this) {
                    return summaries().filter(filter::matches).limit(Math.max(0, atMost)).count();
                }
            }
        };
    }

    @Override
    public synchronized Map<AccountNumber, InvoiceNumber> invoicesFor(BillingPeriod period) {
        Map<AccountNumber, InvoiceNumber> invoices = new HashMap<>();
        rows.stream().filter(r -> r.snapshot().period().equals(period))
                .forEach(r -> invoices.put(r.snapshot().accountNumber(), r.snapshot().invoiceNumber()));
        return invoices;
    }

    @Override
    public synchronized Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period) {
        return findByAccountAndPeriod(account, period).map(r -> r.snapshot().invoiceNumber());
    }

    @Override
    public synchronized Optional<InvoiceNumber> previousInvoice(AccountNumber account, BillingPeriod before) {
        return rows.stream().map(ArchivedSnapshot::snapshot)
                .filter(s -> s.accountNumber().equals(account) && s.period().compareTo(before) < 0)
                .max(Comparator.comparing(Snapshot::period)).map(Snapshot::invoiceNumber);
    }

    @Override
    public void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink) {
        List<SnapshotSummary> matching;
        synchronized (this) {
            matching = summaries().filter(filter::matches).sorted(NEWEST_FIRST).toList();
        }
        matching.forEach(sink);
    }

    @Override
    public synchronized Optional<IdempotencyRecord> findIdempotencyKey(String caller, String key) {
        return Optional.ofNullable(keys.get(caller + "\n" + key));
    }

    /** How many snapshots are stored; for tests that check nothing was written. */
    public synchronized int size() {
        return rows.size();
    }

    private Stream<SnapshotSummary> summaries() {
        return rows.stream().map(SnapshotSummary::of);
    }
}
