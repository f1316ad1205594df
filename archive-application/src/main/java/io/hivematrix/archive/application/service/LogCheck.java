package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.AuditTrail.Broken;
import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the transparency log from the chain's links, as a verification walks them, in O(log n) memory: compares
 * every stored hash with the one the links give (in batches, so reads stay few), and the root at each checkpoint's
 * size with that checkpoint's root.
 */
final class LogCheck {
    /** Leaves whose stored hashes are compared in one read. */
    private static final int BATCH = 500;

    private final LogTree tree;
    private final long logSize;
    private final List<Checkpoint> checkpoints;
    private final MerkleLog.Frontier frontier = new MerkleLog.Frontier();
    /** The recomputed roots of the frontier's subtrees, by stored index: all that a next leaf's hashes read. */
    private final Map<Long, LogHash> edge = new HashMap<>();
    private final List<Expected> pending = new ArrayList<>();
    private int nextCheckpoint;
    private int matched;
    /** The largest checkpoint size that matched, to bracket a rewrite that a later checkpoint finds. */
    private long lastMatchedSize;

    private record Expected(long index, LogHash hash, AuditLink link) {
    }

    LogCheck(LogTree tree, long logSize, List<Checkpoint> checkpoints) {
        this.tree = tree;
        this.logSize = logSize;
        this.checkpoints = checkpoints.stream().sorted(Comparator.comparingLong(Checkpoint::size)).toList();
    }

    int matched() {
        return matched;
    }

    /** Adds the next link's leaf; returns what no longer matches, or null. */
    Broken add(AuditLink link) {
        long n = frontier.size();
        List<LogHash> hashes = MerkleLog.storedHashesForLeaf(n, link.leafHash(),
                indexes -> java.util.Arrays.stream(indexes).mapToObj(edge::get).toList());
        long index = MerkleLog.storedHashCount(n);
        for (LogHash hash : hashes) {
            edge.put(index, hash);
            if (n < logSize) {
                pending.add(new Expected(index, hash, link));
            }
            index++;
        }
        frontier.append(link.leafHash());
        keepOnlyTheEdge(frontier.size());
        Broken broken = pending.size() >= 2 * BATCH ? compareStored() : null;
        return broken != null ? broken : checkpointsAt(link);
    }

    /** After the last link: what is left to compare, and checkpoints larger than the chain. */
    Broken finish(long links) {
        Broken broken = compareStored();
        if (broken != null) {
            return broken;
        }
        if (logSize > links) {
            return new Broken(links + 1, null, "transparency log has leaves the chain does not",
                    links + " leaves", logSize + " leaves");
        }
        while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).size() == 0) {
            nextCheckpoint++; // the empty tree: nothing to compare
        }
        if (nextCheckpoint < checkpoints.size()) {
            Checkpoint c = checkpoints.get(nextCheckpoint);
            return new Broken(links, null, "checkpoint " + c.size() + " is larger than the log (was it cut short?)",
                    "at least " + c.size() + " leaves", links + " leaves");
        }
        return null;
    }

    private Broken checkpointsAt(AuditLink link) {
        while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).size() <= frontier.size()) {
            Checkpoint c = checkpoints.get(nextCheckpoint++);
            if (c.size() < frontier.size()) {
                continue; // size 0, or a repeat of a size already checked
            }
            LogHash root = frontier.root();
            if (!root.equals(c.root())) {
                return new Broken(link.seq(), link.invoiceNumber().value(), "root at checkpoint " + c.size()
                        + ": a record among leaves " + lastMatchedSize + " to " + (c.size() - 1)
                        + " was rewritten after that checkpoint was cut", c.root().base64(), root.base64());
            }
            matched++;
            lastMatchedSize = c.size();
        }
        return null;
    }

    private Broken compareStored() {
        if (pending.isEmpty()) {
            return null;
        }
        List<LogHash> stored = tree.read(pending.stream().mapToLong(Expected::index).toArray());
        for (int i = 0; i < pending.size(); i++) {
            Expected e = pending.get(i);
            if (!e.hash().equals(stored.get(i))) {
                pending.clear();
                return new Broken(e.link().seq(), e.link().invoiceNumber().value(),
                        "transparency log hash " + e.index(), e.hash().base64(), stored.get(i).base64());
            }
        }
        pending.clear();
        return null;
    }

    /** Drops recomputed hashes that no later leaf will read: only the complete subtrees of the tree so far. */
    private void keepOnlyTheEdge(long size) {
        List<Long> keep = new ArrayList<>();
        for (int level = 0; level < Long.SIZE - 1; level++) {
            if ((size >> level & 1) == 1) {
                keep.add(MerkleLog.storedHashIndex(level, (size >> level) - 1));
            }
        }
        edge.keySet().retainAll(keep);
    }
}
