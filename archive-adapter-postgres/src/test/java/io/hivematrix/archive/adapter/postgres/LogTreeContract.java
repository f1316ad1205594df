package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.application.port.out.AuditLog;
import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import io.hivematrix.archive.domain.NoteKey;
import io.hivematrix.archive.domain.SignedNote;
import io.hivematrix.archive.domain.Snapshot;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LogTree} must do, run against the in-memory fake and PostgreSQL: sealing appends each link's leaf,
 * the stored hashes give the RFC 9162 root (checked against a reference computed here from the leaves), and
 * checkpoints are kept append-only by one cutter at a time.
 */
abstract class LogTreeContract {
    private static final NoteKey.Signer KEY = NoteKey.signer(NoteKey.generate("test.example/log", new SecureRandom()));
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    /** The snapshot store, the audit log that seals from it, and the log tree over both. */
    protected record Parts(SnapshotStore store, AuditLog log, LogTree tree) {
    }

    protected abstract Parts newParts();

    /** New for each test, as JUnit makes a new instance for each: the first bill is number 1. */
    private final NumberedBills bills = new NumberedBills("T", n -> NOW.plus(n, ChronoUnit.MILLIS));
    private Parts parts;

    @BeforeEach
    void fresh() {
        parts = newParts();
    }

    private List<InvoiceNumber> save(int count) {
        return bills.save(parts.store(), count).stream().map(Snapshot::invoiceNumber).toList();
    }

    private List<AuditLink> links() {
        List<AuditLink> links = new ArrayList<>();
        parts.log().readChain(r -> links.add(r.link()));
        return links;
    }

    @Test
    void anEmptyLog_hasNoLeavesAndNoCheckpoint() {
        assertEquals(0, parts.tree().size());
        assertTrue(parts.tree().latestCheckpoint().isEmpty());
    }

    @Test
    void sealing_appendsEachLinksLeaf_andTheStoredHashesGiveTheReferenceRoot() {
        save(37);
        // Batches of several sizes, so that leaves complete subtrees across batch boundaries.
        assertEquals(5, parts.log().sealPending(5, NOW));
        assertEquals(1, parts.log().sealPending(1, NOW));
        assertEquals(31, parts.log().sealPending(100, NOW));
        List<AuditLink> links = links();
        assertEquals(37, parts.tree().size());
        for (int size = 1; size <= 37; size++) {
            List<byte[]> leaves = links.subList(0, size).stream().map(AuditLink::leafData).toList();
            assertEquals(Reference.mth(leaves), MerkleLog.treeHash(size, parts.tree()::read), "size " + size);
        }
        for (AuditLink link : links) {
            long index = MerkleLog.storedHashIndex(0, link.seq() - 1);
            assertEquals(link.leafHash(), parts.tree().read(new long[] {index}).getFirst());
            List<LogHash> proof = MerkleLog.inclusionProof(37, link.seq() - 1, parts.tree()::read);
            assertTrue(MerkleLog.includes(proof, 37, Reference.mth(links.stream().map(AuditLink::leafData).toList()),
                    link.seq() - 1, link.leafHash()));
        }
    }

    @Test
    void readingAnIndexTheLogDoesNotStore_fails() {
        save(3);
        parts.log().sealPending(10, NOW);
        long stored = MerkleLog.storedHashCount(3);
        assertThrows(IllegalStateException.class, () -> parts.tree().read(new long[] {0, stored}));
    }

    @Test
    void aLeaf_isFoundByInvoice_sealedOrWaiting() {
        List<InvoiceNumber> invoices = save(3);
        parts.log().sealPending(2, NOW);
        assertTrue(parts.tree().leaf(new InvoiceNumber("INV-NOPE")).isEmpty());
        LogTree.Leaf second = parts.tree().leaf(invoices.get(1)).orElseThrow();
        assertTrue(second.sealed());
        assertEquals(2, second.link().seq());
        assertEquals(invoices.get(1), second.invoice());
        LogTree.Leaf third = parts.tree().leaf(invoices.get(2)).orElseThrow();
        assertFalse(third.sealed());
    }

    private SignedCheckpoint signed(long size) {
        Checkpoint c = new Checkpoint("test.example/log", size, MerkleLog.treeHash(size, parts.tree()::read));
        return new SignedCheckpoint(c, SignedNote.sign(c.text(), KEY), NOW.plusSeconds(size));
    }

    @Test
    void checkpoints_areKeptInOrder_andOneNoLargerThanTheLatestIsRefusedWithNothingSaved() {
        save(4);
        parts.log().sealPending(10, NOW);
        SignedCheckpoint two = signed(2);
        SignedCheckpoint four = signed(4);
        assertEquals(Optional.of(2L), parts.tree().asCutter(c -> {
            c.save(two);
            return c.latest().orElseThrow().checkpoint().size();
        }));
        assertEquals(Optional.of(4L), parts.tree().asCutter(c -> {
            c.save(four);
            return 4L;
        }));
        assertThrows(IllegalStateException.class, () -> parts.tree().asCutter(c -> {
            c.save(signed(3));
            return 3L;
        }));
        assertEquals(four, parts.tree().latestCheckpoint().orElseThrow());
        assertEquals(two, parts.tree().checkpoint(2).orElseThrow());
        assertTrue(parts.tree().checkpoint(3).isEmpty());
    }

    @Test
    void aCutterThatFails_savesNothing() {
        save(2);
        parts.log().sealPending(10, NOW);
        assertThrows(IllegalArgumentException.class, () -> parts.tree().asCutter(c -> {
            c.save(signed(2));
            throw new IllegalArgumentException("failed after saving");
        }));
        assertTrue(parts.tree().latestCheckpoint().isEmpty());
    }

    @Test
    void whileOneCutterWorks_anotherGetsNothingAndRunsNothing() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> parts.tree().asCutter(c -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "first";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        List<String> ran = new ArrayList<>();
        assertEquals(Optional.empty(), parts.tree().asCutter(c -> {
            ran.add("second");
            return "second";
        }));
        release.countDown();
        assertEquals(Optional.of("first"), first.get(10, TimeUnit.SECONDS));
        assertTrue(ran.isEmpty());
        assertEquals(Optional.of("third"), parts.tree().asCutter(c -> "third"));
    }

    /** RFC 9162 §2.1.1, written from the text and nothing else: the hash of a list of leaves. */
    static final class Reference {
        private Reference() {
        }

        static LogHash mth(List<byte[]> leaves) {
            if (leaves.isEmpty()) {
                return LogHash.of(sha256());
            }
            if (leaves.size() == 1) {
                return LogHash.of(sha256(new byte[] {0}, leaves.getFirst()));
            }
            int k = Integer.highestOneBit(leaves.size() - 1);
            return LogHash.of(sha256(new byte[] {1}, mth(leaves.subList(0, k)).bytes(),
                    mth(leaves.subList(k, leaves.size())).bytes()));
        }

        private static byte[] sha256(byte[]... parts) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (byte[] p : parts) {
                    sha.update(p);
                }
                return sha.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
