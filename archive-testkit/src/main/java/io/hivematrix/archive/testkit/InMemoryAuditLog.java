package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.AuditLog;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** An {@link AuditLog} over an {@link InMemorySnapshotStore}: seals its snapshots in id order, like the database. */
public final class InMemoryAuditLog implements AuditLog {
    private final InMemorySnapshotStore store;
    private final List<AuditLink> chain = new ArrayList<>();
    private final Set<Long> sealedIds = new HashSet<>();
    /** The transparency log's stored hashes, appended as links are (see {@link InMemoryLogTree}). */
    private final List<LogHash> storedHashes = new ArrayList<>();
    private Instant lastSealedAt;

    public InMemoryAuditLog(InMemorySnapshotStore store) {
        this.store = store;
    }

    @Override
    public synchronized int sealPending(int maxBatch, Instant sealedAt) {
        int sealed = 0;
        for (Map.Entry<ArchivedSnapshot, String> row : store.snapshotsWithBodies()) {
            ArchivedSnapshot s = row.getKey();
            if (sealed == maxBatch) {
                break;
            }
            if (sealedIds.add(s.id())) {
                String prev = chain.isEmpty() ? AuditLink.GENESIS : chain.getLast().entryHash();
                AuditLink link = AuditLink.next(prev, chain.size() + 1L, s.id(), s.snapshot().invoiceNumber(),
                        s.contentSha256(), s.snapshot().recordSha256(), s.archivedAt());
                chain.add(link);
                storedHashes.addAll(MerkleLog.storedHashesForLeaf(link.seq() - 1, link.leafHash(),
                        indexes -> Arrays.stream(indexes).mapToObj(i -> storedHashes.get((int) i)).toList()));
                store.markSealed(s.id(), link.seq());
                sealed++;
                lastSealedAt = sealedAt;
            }
        }
        return sealed;
    }

    @Override
    public synchronized AuditHead head() {
        int total = store.size();
        return new AuditHead(chain.isEmpty() ? null : chain.getLast(), lastSealedAt, total, total - chain.size());
    }

    @Override
    public void readChain(Consumer<ChainedRecord> sink) {
        List<AuditLink> links;
        synchronized (this) {
            links = List.copyOf(chain);
        }
        Map<Long, Map.Entry<ArchivedSnapshot, String>> byId = new java.util.HashMap<>();
        store.snapshotsWithBodies().forEach(e -> byId.put(e.getKey().id(), e));
        for (AuditLink link : links) {
            Map.Entry<ArchivedSnapshot, String> row = byId.get(link.snapshotId());
            sink.accept(new ChainedRecord(link, Optional.of(row.getKey().snapshot()), null, row.getValue(),
                    row.getKey().contentSha256(), row.getKey().archivedAt()));
        }
    }

    synchronized List<LogHash> storedHashes() {
        return List.copyOf(storedHashes);
    }

    synchronized Optional<AuditLink> link(long snapshotId) {
        return chain.stream().filter(l -> l.snapshotId() == snapshotId).findFirst();
    }

    @Override
    public long countUnaccounted() {
        return 0; // every snapshot saved through the store is either sealed here or waiting
    }

    @Override
    public Optional<TotalsDrift> firstTotalsDrift() {
        return Optional.empty(); // the in-memory report adds up the bills themselves: nothing is kept apart to drift
    }
}
