package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.SignedCheckpoint;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Passes everything to another tree, for tests that change one behaviour. */
class DelegatingTree implements LogTree {
    private final LogTree tree;

    DelegatingTree(LogTree tree) {
        this.tree = tree;
    }

    @Override
    public long size() {
        return tree.size();
    }

    @Override
    public List<LogHash> read(long[] indexes) {
        return tree.read(indexes);
    }

    @Override
    public Optional<Leaf> leaf(InvoiceNumber invoice) {
        return tree.leaf(invoice);
    }

    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
        return tree.latestCheckpoint();
    }

    @Override
    public Optional<SignedCheckpoint> checkpoint(long treeSize) {
        return tree.checkpoint(treeSize);
    }

    @Override
    public <T> Optional<T> asCutter(Function<Cutter, T> work) {
        return tree.asCutter(work);
    }
}
