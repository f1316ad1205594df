package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import io.hivematrix.archive.domain.SignedCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** A {@link LogTree} over an {@link InMemoryAuditLog}'s stored hashes; one cutter at a time, like the database. */
public final class InMemoryLogTree implements LogTree {
    private final InMemoryAuditLog log;
    private final InMemorySnapshotStore store;
    private final List<SignedCheckpoint> checkpoints = new ArrayList<>();
    private final ReentrantLock cutter = new ReentrantLock();

    public InMemoryLogTree(InMemoryAuditLog log, InMemorySnapshotStore store) {
        this.log = log;
        this.store = store;
    }

    @Override
    public long size() {
        return MerkleLog.leafCount(log.storedHashes().size());
    }

    @Override
    public List<LogHash> read(long[] indexes) {
        List<LogHash> stored = log.storedHashes();
        List<LogHash> hashes = new ArrayList<>(indexes.length);
        for (long index : indexes) {
            if (index < 0 || index >= stored.size()) {
                throw new IllegalStateException("the log stores no hash at index " + index);
            }
            hashes.add(stored.get((int) index));
        }
        return hashes;
    }

    @Override
    public Optional<Leaf> leaf(InvoiceNumber invoice) {
        return store.findByInvoiceNumber(invoice)
                .map(s -> new Leaf(s.snapshot().invoiceNumber(), log.link(s.id()).orElse(null)));
    }

    @Override
    public synchronized Optional<SignedCheckpoint> latestCheckpoint() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.getLast());
    }

    @Override
    public synchronized Optional<SignedCheckpoint> checkpoint(long treeSize) {
        return checkpoints.stream().filter(c -> c.checkpoint().size() == treeSize).findFirst();
    }

    @Override
    public <T> Optional<T> asCutter(Function<Cutter, T> work) {
        if (!cutter.tryLock()) {
            return Optional.empty();
        }
        try {
            List<SignedCheckpoint> saved = new ArrayList<>();
            T result = work.apply(new Cutter() {
                @Override
                public long size() {
                    return InMemoryLogTree.this.size();
                }

                @Override
                public List<LogHash> read(long[] indexes) {
                    return InMemoryLogTree.this.read(indexes);
                }

                @Override
                public Optional<SignedCheckpoint> latest() {
                    return saved.isEmpty() ? latestCheckpoint() : Optional.of(saved.getLast());
                }

                @Override
                public void save(SignedCheckpoint c) {
                    Cutter.requireAfter(latest(), c);
                    saved.add(c);
                }
            });
            // Kept only when the work returns, as a committed transaction would be.
            synchronized (this) {
                checkpoints.addAll(saved);
            }
            return Optional.ofNullable(result);
        } finally {
            cutter.unlock();
        }
    }
}
