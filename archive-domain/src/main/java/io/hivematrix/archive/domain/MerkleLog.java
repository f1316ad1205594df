package io.hivematrix.archive.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The transparency log's arithmetic: RFC 9162 Merkle tree hashes, and inclusion and consistency proofs, computed from
 * the log's stored hashes so that each costs O(log n) of them.
 *
 * <p>Stored hashes are the roots of every complete subtree, numbered as Go's checksum database numbers them
 * (golang.org/x/mod/sumdb/tlog, whose algorithms these are, rewritten in Java): leaf {@code n} and the subtrees it
 * completes are stored when it is appended, never changed after, and a log of {@code n} leaves holds about
 * {@code 2n} hashes. A tree whose size is no power of two is hashed from the complete subtrees that make it up.
 * Proofs are ordered from the leaf upward, as RFC 9162 §2.1.3 and §2.1.4 give them.
 */
public final class MerkleLog {
    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};

    /** Reads stored hashes by their index ({@link #storedHashIndex}), in the order asked. */
    @FunctionalInterface
    public interface HashReader {
        List<LogHash> read(long[] indexes);
    }

    private MerkleLog() {
    }

    /** A leaf's hash: SHA-256 of 0x00 and its data (RFC 9162 §2.1.1). */
    public static LogHash leafHash(byte[] data) {
        return LogHash.of(Sha256.digest(LEAF_PREFIX, data));
    }

    /** An inner node's hash: SHA-256 of 0x01 and its children's hashes (RFC 9162 §2.1.1). */
    public static LogHash nodeHash(LogHash left, LogHash right) {
        byte[] both = new byte[2 * LogHash.SIZE];
        left.copyInto(both, 0);
        right.copyInto(both, LogHash.SIZE);
        return LogHash.of(Sha256.digest(NODE_PREFIX, both));
    }

    /** The index of the stored hash of the complete subtree at {@code level} whose leaves start at {@code n << level}. */
    public static long storedHashIndex(int level, long n) {
        // Stored hashes are written in the order their subtrees complete: leaf n, then every subtree it completes.
        long m = n;
        for (int l = level; l > 0; l--) {
            m = 2 * m + 1;
        }
        long index = 0;
        for (; m > 0; m >>= 1) {
            index += m;
        }
        return index + level;
    }

    /** How many hashes a log of {@code n} leaves stores. */
    public static long storedHashCount(long n) {
        if (n == 0) {
            return 0;
        }
        long count = storedHashIndex(0, n - 1) + 1;
        for (long i = n - 1; (i & 1) != 0; i >>= 1) {
            count++;
        }
        return count;
    }

    /**
     * How many leaves a log storing {@code count} hashes holds: the inverse of {@link #storedHashCount}, which is
     * {@code 2n - bitCount(n)}, so n lies within 64 of {@code count / 2}.
     *
     * @throws IllegalArgumentException when no log stores exactly that many hashes (a log cut short mid-leaf)
     */
    public static long leafCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a negative number of stored hashes");
        }
        for (long n = count / 2; n <= count / 2 + Long.SIZE; n++) {
            long stored = storedHashCount(n);
            if (stored == count) {
                return n;
            }
            if (stored > count) {
                break;
            }
        }
        throw new IllegalArgumentException("no log stores exactly " + count + " hashes");
    }

    /**
     * What appending leaf {@code n} (counted from 0) with this hash stores: the leaf's hash, then the root of each
     * subtree it completes, at indexes {@code storedHashCount(n)} onward. Reads the left siblings it needs.
     */
    public static List<LogHash> storedHashesForLeaf(long n, LogHash leafHash, HashReader reader) {
        int completed = Long.numberOfTrailingZeros(n + 1);
        long[] indexes = new long[completed];
        for (int i = 0; i < completed; i++) {
            indexes[completed - 1 - i] = storedHashIndex(i, (n >> i) - 1);
        }
        List<LogHash> siblings = read(reader, indexes);
        List<LogHash> hashes = new ArrayList<>(completed + 1);
        LogHash hash = leafHash;
        hashes.add(hash);
        for (int i = 0; i < completed; i++) {
            hash = nodeHash(siblings.get(completed - 1 - i), hash);
            hashes.add(hash);
        }
        return hashes;
    }

    /** The root hash of the tree of the first {@code n} leaves (RFC 9162 §2.1.1). */
    public static LogHash treeHash(long n, HashReader reader) {
        if (n == 0) {
            return LogHash.EMPTY_TREE;
        }
        Cursor hashes = new Cursor(read(reader, toArray(subtreeIndexes(0, n, new ArrayList<>()))));
        LogHash root = subtreeHash(0, n, hashes);
        hashes.expectEnd();
        return root;
    }

    /**
     * The inclusion proof of leaf {@code n} in the tree of the first {@code t} leaves (RFC 9162 §2.1.3), from the
     * leaf upward.
     */
    public static List<LogHash> inclusionProof(long t, long n, HashReader reader) {
        if (n < 0 || n >= t) {
            throw new IllegalArgumentException("leaf " + n + " is not in a tree of " + t);
        }
        Cursor hashes = new Cursor(read(reader, toArray(inclusionIndexes(0, t, n, new ArrayList<>()))));
        List<LogHash> proof = new ArrayList<>();
        inclusion(0, t, n, hashes, proof);
        hashes.expectEnd();
        return proof;
    }

    /**
     * The consistency proof that the tree of the first {@code n} leaves is a prefix of the tree of the first
     * {@code t} (RFC 9162 §2.1.4); empty when they are the same size.
     */
    public static List<LogHash> consistencyProof(long t, long n, HashReader reader) {
        if (n < 1 || n > t) {
            throw new IllegalArgumentException("a tree of " + n + " cannot be proved a prefix of one of " + t);
        }
        Cursor hashes = new Cursor(read(reader, toArray(consistencyIndexes(0, t, n, new ArrayList<>()))));
        List<LogHash> proof = new ArrayList<>();
        consistency(0, t, n, hashes, proof);
        hashes.expectEnd();
        return proof;
    }

    /** Whether the proof shows leaf {@code n} with this hash in the tree of {@code t} leaves with this root. */
    public static boolean includes(List<LogHash> proof, long t, LogHash root, long n, LogHash leafHash) {
        if (n < 0 || n >= t) {
            return false;
        }
        LogHash computed = runInclusion(proof, proof.size(), 0, t, n, leafHash);
        return root.equals(computed);
    }

    /** Whether the proof shows the tree of {@code n} leaves with {@code oldRoot} a prefix of the one of {@code t}. */
    public static boolean extendsTo(List<LogHash> proof, long t, LogHash newRoot, long n, LogHash oldRoot) {
        if (n < 1 || n > t) {
            return false;
        }
        LogHash[] roots = runConsistency(proof, proof.size(), 0, t, n, oldRoot);
        return roots != null && roots[0].equals(oldRoot) && roots[1].equals(newRoot);
    }

    /** The largest power of two below {@code n} (n > 1), the split of RFC 9162's MTH. */
    private static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** The stored hashes of the complete subtrees that make up leaves [lo, hi), largest first. */
    private static List<Long> subtreeIndexes(long lo, long hi, List<Long> need) {
        long at = lo;
        while (at < hi) {
            long size = Long.highestOneBit(hi - at);
            int level = Long.numberOfTrailingZeros(size);
            if ((at & (size - 1)) != 0) {
                throw new IllegalStateException("subtree at " + at + " is not aligned");
            }
            need.add(storedHashIndex(level, at >> level));
            at += size;
        }
        return need;
    }

    /** The hash of leaves [lo, hi) from the hashes read for {@link #subtreeIndexes}. */
    private static LogHash subtreeHash(long lo, long hi, Cursor hashes) {
        List<LogHash> parts = new ArrayList<>();
        for (long at = lo; at < hi; at += Long.highestOneBit(hi - at)) {
            parts.add(hashes.next());
        }
        LogHash hash = parts.getLast();
        for (int i = parts.size() - 2; i >= 0; i--) {
            hash = nodeHash(parts.get(i), hash);
        }
        return hash;
    }

    private static List<Long> inclusionIndexes(long lo, long hi, long n, List<Long> need) {
        if (lo + 1 == hi) {
            return need;
        }
        long k = split(hi - lo);
        if (n < lo + k) {
            inclusionIndexes(lo, lo + k, n, need);
            subtreeIndexes(lo + k, hi, need);
        } else {
            subtreeIndexes(lo, lo + k, need);
            inclusionIndexes(lo + k, hi, n, need);
        }
        return need;
    }

    private static void inclusion(long lo, long hi, long n, Cursor hashes, List<LogHash> proof) {
        if (lo + 1 == hi) {
            return;
        }
        long k = split(hi - lo);
        LogHash sibling;
        if (n < lo + k) {
            inclusion(lo, lo + k, n, hashes, proof);
            sibling = subtreeHash(lo + k, hi, hashes);
        } else {
            sibling = subtreeHash(lo, lo + k, hashes);
            inclusion(lo + k, hi, n, hashes, proof);
        }
        proof.add(sibling);
    }

    /** The root of [lo, hi) from the leaf's hash and the first {@code used} hashes of the proof; null if it fails. */
    private static LogHash runInclusion(List<LogHash> proof, int used, long lo, long hi, long n, LogHash leaf) {
        if (lo + 1 == hi) {
            return used == 0 ? leaf : null;
        }
        if (used == 0) {
            return null;
        }
        long k = split(hi - lo);
        LogHash sibling = proof.get(used - 1);
        if (n < lo + k) {
            LogHash left = runInclusion(proof, used - 1, lo, lo + k, n, leaf);
            return left == null ? null : nodeHash(left, sibling);
        }
        LogHash right = runInclusion(proof, used - 1, lo + k, hi, n, leaf);
        return right == null ? null : nodeHash(sibling, right);
    }

    private static List<Long> consistencyIndexes(long lo, long hi, long n, List<Long> need) {
        if (n == hi) {
            return lo == 0 ? need : subtreeIndexes(lo, hi, need);
        }
        long k = split(hi - lo);
        if (n <= lo + k) {
            consistencyIndexes(lo, lo + k, n, need);
            subtreeIndexes(lo + k, hi, need);
        } else {
            subtreeIndexes(lo, lo + k, need);
            consistencyIndexes(lo + k, hi, n, need);
        }
        return need;
    }

    private static void consistency(long lo, long hi, long n, Cursor hashes, List<LogHash> proof) {
        if (n == hi) {
            if (lo != 0) {
                proof.add(subtreeHash(lo, hi, hashes));
            }
            return;
        }
        long k = split(hi - lo);
        LogHash sibling;
        if (n <= lo + k) {
            consistency(lo, lo + k, n, hashes, proof);
            sibling = subtreeHash(lo + k, hi, hashes);
        } else {
            sibling = subtreeHash(lo, lo + k, hashes);
            consistency(lo + k, hi, n, hashes, proof);
        }
        proof.add(sibling);
    }

    /**
     * The roots of [lo, n) and [lo, hi) from the first {@code used} hashes of the proof, the old tree's root given
     * for when [lo, n) is the whole old tree; null if the proof does not fit.
     */
    private static LogHash[] runConsistency(List<LogHash> proof, int used, long lo, long hi, long n, LogHash old) {
        if (n == hi) {
            if (lo == 0) {
                return used == 0 ? new LogHash[] {old, old} : null;
            }
            return used == 1 ? new LogHash[] {proof.getFirst(), proof.getFirst()} : null;
        }
        if (used == 0) {
            return null;
        }
        long k = split(hi - lo);
        LogHash sibling = proof.get(used - 1);
        if (n <= lo + k) {
            LogHash[] left = runConsistency(proof, used - 1, lo, lo + k, n, old);
            return left == null ? null : new LogHash[] {left[0], nodeHash(left[1], sibling)};
        }
        LogHash[] right = runConsistency(proof, used - 1, lo + k, hi, n, old);
        return right == null ? null : new LogHash[] {nodeHash(sibling, right[0]), nodeHash(sibling, right[1])};
    }

    private static List<LogHash> read(HashReader reader, long[] indexes) {
        if (indexes.length == 0) {
            return List.of();
        }
        List<LogHash> hashes = reader.read(indexes);
        if (hashes.size() != indexes.length) {
            throw new IllegalStateException("asked for " + indexes.length + " stored hashes, got " + hashes.size());
        }
        return hashes;
    }

    private static long[] toArray(List<Long> indexes) {
        return indexes.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The log's right edge as leaves are appended one by one: the roots of the complete subtrees that make up the tree
     * so far, largest first, so that the root of the tree of every size passed can be had in O(log n) memory. How
     * a whole log is rebuilt from its records to be checked against saved checkpoints.
     */
    public static final class Frontier {
        private final List<LogHash> subtrees = new ArrayList<>();
        private long size;

        public void append(LogHash leafHash) {
            LogHash hash = leafHash;
            // Each trailing one bit of the old size is a complete subtree of the same height to merge with.
            for (long s = size; (s & 1) == 1; s >>= 1) {
                hash = nodeHash(subtrees.removeLast(), hash);
            }
            subtrees.add(hash);
            size++;
        }

        public long size() {
            return size;
        }

        /** The root hash of the tree of the leaves appended so far. */
        public LogHash root() {
            if (subtrees.isEmpty()) {
                return LogHash.EMPTY_TREE;
            }
            LogHash hash = subtrees.getLast();
            for (int i = subtrees.size() - 2; i >= 0; i--) {
                hash = nodeHash(subtrees.get(i), hash);
            }
            return hash;
        }
    }

    /** Hashes read, taken in order. */
    private static final class Cursor {
        private final List<LogHash> hashes;
        private int next;

        Cursor(List<LogHash> hashes) {
            this.hashes = hashes;
        }

        LogHash next() {
            return hashes.get(next++);
        }

        void expectEnd() {
            if (next != hashes.size()) {
                throw new IllegalStateException("read " + hashes.size() + " stored hashes, used " + next);
            }
        }
    }
}
