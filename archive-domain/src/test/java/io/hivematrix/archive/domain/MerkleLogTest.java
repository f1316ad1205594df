package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log's arithmetic against RFC 9162 itself: a test-only reference written from the RFC's definitions (the naive
 * recursive MTH, PATH and PROOF of §2.1.1, §2.1.3.1 and §2.1.4.1, over the leaves' data, with no stored hashes) and
 * its verification algorithms (§2.1.3.2 and §2.1.4.2, the iterative bit-shifting ones, unlike the production code's
 * recursion). Neither shares code with {@link MerkleLog} but for {@link LogHash} as a value.
 */
class MerkleLogTest {
    private static final int MAX_SIZE = 70;

    @Test
    void theEmptyTreeAndTheRfcsWorkedSizes_hashAsTheDefinitionSays() {
        Store store = new Store();
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", MerkleLog.treeHash(0, store).base64());
        for (int size = 1; size <= MAX_SIZE; size++) {
            store.append(data(size - 1));
            assertEquals(Rfc.mth(leaves(0, size)), MerkleLog.treeHash(size, store), "size " + size);
            assertEquals(MerkleLog.storedHashCount(size), store.hashes.size(), "stored hashes at size " + size);
        }
    }

    @Test
    void everyInclusionProof_isTheRfcsPath_andVerifiesByTheRfcsAlgorithm() {
        Store store = Store.of(MAX_SIZE);
        for (int size = 1; size <= MAX_SIZE; size++) {
            LogHash root = MerkleLog.treeHash(size, store);
            for (int leaf = 0; leaf < size; leaf++) {
                List<LogHash> proof = MerkleLog.inclusionProof(size, leaf, store);
                assertEquals(Rfc.path(leaf, leaves(0, size)), proof, "leaf " + leaf + " of " + size);
                LogHash leafHash = Rfc.leafHash(data(leaf));
                assertTrue(Rfc.verifyInclusion(leaf, size, leafHash, proof, root));
                assertTrue(MerkleLog.includes(proof, size, root, leaf, leafHash));
            }
        }
    }

    @Test
    void everyConsistencyProof_isTheRfcsProof_andVerifiesByTheRfcsAlgorithm() {
        Store store = Store.of(MAX_SIZE);
        for (int size = 1; size <= MAX_SIZE; size++) {
            LogHash root = MerkleLog.treeHash(size, store);
            for (int old = 1; old <= size; old++) {
                List<LogHash> proof = MerkleLog.consistencyProof(size, old, store);
                assertEquals(Rfc.proof(old, leaves(0, size)), proof, old + " to " + size);
                LogHash oldRoot = MerkleLog.treeHash(old, store);
                if (old < size) {
                    assertTrue(Rfc.verifyConsistency(old, size, oldRoot, root, proof), old + " to " + size);
                }
                assertTrue(MerkleLog.extendsTo(proof, size, root, old, oldRoot), old + " to " + size);
            }
        }
    }

    @Test
    void aProofWithAnyHashChanged_orOneTooFewOrTooMany_isRefused() {
        Store store = Store.of(MAX_SIZE);
        for (int size = 2; size <= MAX_SIZE; size += 7) {
            LogHash root = MerkleLog.treeHash(size, store);
            for (int leaf = 0; leaf < size; leaf += 3) {
                LogHash leafHash = Rfc.leafHash(data(leaf));
                List<LogHash> proof = MerkleLog.inclusionProof(size, leaf, store);
                for (List<LogHash> bad : tampered(proof)) {
                    assertFalse(MerkleLog.includes(bad, size, root, leaf, leafHash), leaf + " of " + size);
                }
                assertFalse(MerkleLog.includes(proof, size, root, leaf, Rfc.leafHash(data(leaf + 1))));
                assertFalse(MerkleLog.includes(proof, size, root, (leaf + 1) % size, leafHash));
            }
            for (int old = 1; old < size; old += 2) {
                LogHash oldRoot = MerkleLog.treeHash(old, store);
                List<LogHash> proof = MerkleLog.consistencyProof(size, old, store);
                for (List<LogHash> bad : tampered(proof)) {
                    assertFalse(MerkleLog.extendsTo(bad, size, root, old, oldRoot), old + " to " + size);
                }
                // A rewritten past: the same proof does not make another old root consistent.
                assertFalse(MerkleLog.extendsTo(proof, size, root, old, Rfc.leafHash(data(999))));
            }
        }
    }

    @Test
    void leafCount_invertsStoredHashCount_andRefusesACountCutShortMidLeaf() {
        long previous = 0;
        for (long n = 0; n <= 5_000; n++) {
            long count = MerkleLog.storedHashCount(n);
            assertEquals(n, MerkleLog.leafCount(count));
            for (long between = previous + 1; between < count; between++) {
                long cut = between;
                assertThrows(IllegalArgumentException.class, () -> MerkleLog.leafCount(cut), "count " + cut);
            }
            previous = count;
        }
        assertEquals(1L << 40, MerkleLog.leafCount(MerkleLog.storedHashCount(1L << 40)));
    }

    @Test
    void theFrontier_givesTheRootOfEverySizePassed() {
        MerkleLog.Frontier frontier = new MerkleLog.Frontier();
        assertEquals(Rfc.mth(List.of()), frontier.root());
        for (int size = 1; size <= MAX_SIZE; size++) {
            frontier.append(Rfc.leafHash(data(size - 1)));
            assertEquals(size, frontier.size());
            assertEquals(Rfc.mth(leaves(0, size)), frontier.root(), "size " + size);
        }
    }

    @Test
    void storedHashIndexes_areNumberedInTheOrderTheirSubtreesComplete() {
        // Leaf 0, leaf 1, their parent, leaf 2, leaf 3, their parent, the root of the first four, leaf 4, ...
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), List.of(MerkleLog.storedHashIndex(0, 0),
                MerkleLog.storedHashIndex(0, 1), MerkleLog.storedHashIndex(1, 0), MerkleLog.storedHashIndex(0, 2),
                MerkleLog.storedHashIndex(0, 3), MerkleLog.storedHashIndex(1, 1), MerkleLog.storedHashIndex(2, 0),
                MerkleLog.storedHashIndex(0, 4)));
        assertEquals(2 * 1_000_000 - Long.bitCount(1_000_000), MerkleLog.storedHashCount(1_000_000));
    }

    private static List<List<LogHash>> tampered(List<LogHash> proof) {
        List<List<LogHash>> bad = new ArrayList<>();
        for (int i = 0; i < proof.size(); i++) {
            List<LogHash> changed = new ArrayList<>(proof);
            byte[] bytes = changed.get(i).bytes();
            bytes[i % LogHash.SIZE] ^= 1;
            changed.set(i, LogHash.of(bytes));
            bad.add(changed);
        }
        List<LogHash> longer = new ArrayList<>(proof);
        longer.add(Rfc.leafHash(data(5)));
        bad.add(longer);
        if (!proof.isEmpty()) {
            bad.add(proof.subList(0, proof.size() - 1));
        }
        return bad;
    }

    static byte[] data(int i) {
        return ("leaf " + i).getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> leaves(int from, int to) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(data(i));
        }
        return out;
    }

    /** An in-memory store of a log's hashes, appended as the production log appends them. */
    static final class Store implements MerkleLog.HashReader {
        final List<LogHash> hashes = new ArrayList<>();
        private long size;

        static Store of(int size) {
            Store store = new Store();
            for (int i = 0; i < size; i++) {
                store.append(data(i));
            }
            return store;
        }

        void append(byte[] data) {
            assertEquals(MerkleLog.storedHashCount(size), hashes.size());
            hashes.addAll(MerkleLog.storedHashesForLeaf(size++, MerkleLog.leafHash(data), this));
        }

        @Override
        public List<LogHash> read(long[] indexes) {
            return Arrays.stream(indexes).mapToObj(i -> hashes.get(Math.toIntExact(i))).toList();
        }
    }

    /** RFC 9162, §2.1, as written there: definitions over the leaves' data, and the verification algorithms. */
    static final class Rfc {
        static LogHash leafHash(byte[] data) {
            return hash(new byte[] {0}, data);
        }

        static LogHash node(LogHash left, LogHash right) {
            return hash(new byte[] {1}, left.bytes(), right.bytes());
        }

        /** MTH(D[n]) of §2.1.1. */
        static LogHash mth(List<byte[]> d) {
            if (d.isEmpty()) {
                return hash();
            }
            if (d.size() == 1) {
                return leafHash(d.getFirst());
            }
            int k = largestPowerOfTwoBelow(d.size());
            return node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
        }

        /** PATH(m, D[n]) of §2.1.3.1. */
        static List<LogHash> path(int m, List<byte[]> d) {
            List<LogHash> out = new ArrayList<>();
            if (d.size() == 1) {
                return out;
            }
            int k = largestPowerOfTwoBelow(d.size());
            if (m < k) {
                out.addAll(path(m, d.subList(0, k)));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(path(m - k, d.subList(k, d.size())));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        /** PROOF(m, D[n]) of §2.1.4.1. */
        static List<LogHash> proof(int m, List<byte[]> d) {
            return subproof(m, d, true);
        }

        private static List<LogHash> subproof(int m, List<byte[]> d, boolean b) {
            List<LogHash> out = new ArrayList<>();
            if (m == d.size()) {
                if (!b) {
                    out.add(mth(d));
                }
                return out;
            }
            int k = largestPowerOfTwoBelow(d.size());
            if (m <= k) {
                out.addAll(subproof(m, d.subList(0, k), b));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(subproof(m - k, d.subList(k, d.size()), false));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        /** §2.1.3.2. */
        static boolean verifyInclusion(long leafIndex, long treeSize, LogHash hash, List<LogHash> path, LogHash root) {
            if (leafIndex >= treeSize) {
                return false;
            }
            long fn = leafIndex;
            long sn = treeSize - 1;
            LogHash r = hash;
            for (LogHash p : path) {
                if (sn == 0) {
                    return false;
                }
                if ((fn & 1) == 1 || fn == sn) {
                    r = node(p, r);
                    if ((fn & 1) == 0) {
                        while ((fn & 1) == 0 && fn != 0) {
                            fn >>= 1;
                            sn >>= 1;
                        }
                    }
                } else {
                    r = node(r, p);
                }
                fn >>= 1;
                sn >>= 1;
            }
            return sn == 0 && r.equals(root);
        }

        /** §2.1.4.2 (first < second). */
        static boolean verifyConsistency(long first, long second, LogHash firstHash, LogHash secondHash,
                                         List<LogHash> consistencyPath) {
            if (consistencyPath.isEmpty()) {
                return false;
            }
            List<LogHash> path = new ArrayList<>(consistencyPath);
            if (Long.bitCount(first) == 1) {
                path.addFirst(firstHash);
            }
            long fn = first - 1;
            long sn = second - 1;
            while ((fn & 1) == 1) {
                fn >>= 1;
                sn >>= 1;
            }
            LogHash fr = path.getFirst();
            LogHash sr = path.getFirst();
            for (LogHash c : path.subList(1, path.size())) {
                if (sn == 0) {
                    return false;
                }
                if ((fn & 1) == 1 || fn == sn) {
                    fr = node(c, fr);
                    sr = node(c, sr);
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                } else {
                    sr = node(sr, c);
                }
                fn >>= 1;
                sn >>= 1;
            }
            return fr.equals(firstHash) && sr.equals(secondHash) && sn == 0;
        }

        private static int largestPowerOfTwoBelow(int n) {
            int k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return k;
        }

        private static LogHash hash(byte[]... pieces) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (byte[] piece : pieces) {
                    digest.update(piece);
                }
                return LogHash.of(digest.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void argumentsOutsideTheTree_areAnsweredNoOrRefused_neverProvedByAccident() {
        Store store = Store.of(5);
        LogHash root = MerkleLog.treeHash(5, store);
        LogHash leafHash = Rfc.leafHash(data(4));
        List<LogHash> proof = MerkleLog.inclusionProof(5, 4, store);
        assertFalse(MerkleLog.includes(proof, 5, root, 5, leafHash), "leaf 5 is not in a tree of 5");
        assertFalse(MerkleLog.includes(proof, 5, root, -1, leafHash));
        assertEquals("leaf 5 is not in a tree of 5", Rejection.of(() -> MerkleLog.inclusionProof(5, 5, store)));
        assertEquals(List.of(), MerkleLog.inclusionProof(1, 0, store), "a one-leaf tree's root is the leaf");
        assertTrue(MerkleLog.includes(List.of(), 1, Rfc.leafHash(data(0)), 0, Rfc.leafHash(data(0))));
        List<LogHash> consistency = MerkleLog.consistencyProof(5, 2, store);
        LogHash oldRoot = MerkleLog.treeHash(2, store);
        assertFalse(MerkleLog.extendsTo(consistency, 5, root, 0, oldRoot), "no tree is a prefix from size 0");
        assertFalse(MerkleLog.extendsTo(consistency, 5, root, 6, oldRoot), "nor from one larger than the tree");
        assertEquals(List.of(), MerkleLog.consistencyProof(5, 5, store));
    }
}
