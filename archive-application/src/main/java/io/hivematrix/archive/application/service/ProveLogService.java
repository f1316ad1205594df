package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.ProveLog;
import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Serves checkpoints and proves inclusion and consistency from the stored hashes, O(log n) reads per proof. */
public final class ProveLogService implements ProveLog {
    private final LogTree tree;
    private final String verifierKey;

    public ProveLogService(LogTree tree, String verifierKey) {
        this.tree = Objects.requireNonNull(tree);
        this.verifierKey = Objects.requireNonNull(verifierKey);
    }

    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
        return tree.latestCheckpoint();
    }

    @Override
    public String verifierKey() {
        return verifierKey;
    }

    @Override
    public InclusionResult inclusion(InvoiceNumber invoice, OptionalLong treeSize) {
        Optional<LogTree.Leaf> leaf = tree.leaf(invoice);
        if (leaf.isEmpty()) {
            return new InclusionResult.NotArchived(invoice);
        }
        // Against the latest checkpoint (the usual request) its signed root is the root: no need to recompute it.
        Optional<SignedCheckpoint> latest = treeSize.isPresent() ? Optional.empty() : tree.latestCheckpoint();
        if (treeSize.isEmpty() && latest.isEmpty()) {
            return new InclusionResult.NoCheckpoint();
        }
        long t = treeSize.isPresent() ? treeSize.getAsLong() : latest.get().checkpoint().size();
        if (treeSize.isPresent()) {
            long logSize = tree.size();
            if (t < 1 || t > logSize) {
                return new InclusionResult.BadTreeSize(t, logSize);
            }
        }
        if (!leaf.get().sealed() || leaf.get().link().seq() > t) {
            return new InclusionResult.NotYetIncluded(leaf.get().invoice(),
                    leaf.get().sealed() ? leaf.get().link().seq() - 1 : -1, t);
        }
        long index = leaf.get().link().seq() - 1;
        List<LogHash> path = MerkleLog.inclusionProof(t, index, tree::read);
        LogHash root = latest.isPresent() ? latest.get().checkpoint().root() : MerkleLog.treeHash(t, tree::read);
        return new InclusionResult.Proved(index, t, leaf.get().link().leafHash(), root, path);
    }

    @Override
    public ConsistencyResult consistency(long from, OptionalLong to) {
        OptionalLong size = to.isPresent() ? to : latestSize();
        if (size.isEmpty()) {
            return new ConsistencyResult.NoCheckpoint();
        }
        long t = size.getAsLong();
        if (to.isPresent()) { // a checkpoint's size is one the log has had
            long logSize = tree.size();
            if (t < 1 || t > logSize) {
                return new ConsistencyResult.BadRange("to", "must be between 1 and the log's size, " + logSize);
            }
        }
        if (from < 1 || from > t) {
            return new ConsistencyResult.BadRange("from", "must be between 1 and to (" + t + ")");
        }
        return new ConsistencyResult.Proved(from, t, MerkleLog.consistencyProof(t, from, tree::read));
    }

    private OptionalLong latestSize() {
        return tree.latestCheckpoint().map(c -> OptionalLong.of(c.checkpoint().size())).orElse(OptionalLong.empty());
    }
}
