package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.BillBuilder;
import io.hivematrix.archive.testkit.InMemoryAuditLog;
import io.hivematrix.archive.testkit.InMemoryLogTree;
import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.MerkleLog;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.in.AuditTrail;
import io.hivematrix.archive.application.port.out.AuditLog;
import io.hivematrix.archive.application.port.out.AuditLog.ChainedRecord;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Sealing in batches and the verifier's verdicts, over the in-memory chain and over doctored records. */
class AuditTrailServiceTest {
    private static final Instant NOW = Instant.parse("2025-11-01T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final InMemoryAuditLog storeLog = new InMemoryAuditLog(store);
    private final AuditTrailService audit = new AuditTrailService(storeLog, new InMemoryLogTree(storeLog, store),
            CLOCK);
    private InMemoryAuditLog sealedLog;

    @Test
    void sealingTakesEverythingWaiting_inBatches_andTheChainVerifies() {
        for (int i = 0; i < 2_500; i++) {
            store.save(SampleSnapshots.bill("S" + i, 2025, 1), ReceivedBody.of("{\"n\":" + i + "}"),
                    NOW.plusSeconds(i), null);
        }
        assertEquals(2_500, audit.sealPending());
        assertEquals(0, audit.sealPending());

        AuditHead head = audit.head();
        assertEquals(2_500, head.last().seq());
        assertEquals(0, head.pending());
        AuditTrail.Verification verification = audit.verify();
        assertTrue(verification.ok());
        assertEquals(2_500, verification.checked());
        assertNull(verification.firstBroken());
        assertEquals(2_500L, store.findByInvoiceNumber(new InvoiceNumber("S2499-202501")).orElseThrow().auditSeq());
    }

    @Test
    void anEmptyArchive_verifiesWithNothingChecked() {
        AuditTrail.Verification verification = audit.verify();
        assertTrue(verification.ok());
        assertEquals(0, verification.checked());
        assertNull(verification.head().last());
    }

    @Test
    void aChangedBody_isNamed() {
        assertBroken(r -> new ChainedRecord(r.link(), r.snapshot(), null, r.receivedBody() + " ", r.rowContentSha256(),
                r.rowArchivedAt()), "received body");
    }

    @Test
    void aChangedSubmitter_isNamed() {
        assertBroken(r -> new ChainedRecord(r.link(), r.snapshot().map(s -> s.withSubmittedBy("user:mallory@example.com")),
                null, r.receivedBody(), r.rowContentSha256(), r.rowArchivedAt()), "stored record (columns or line items)");
    }

    @Test
    void aSubmitterRemoved_isNamed() {
        // Dropping the submitter turns the record into an old-shape one, whose fingerprint is another.
        assertBroken(r -> new ChainedRecord(r.link(), r.snapshot().map(s -> s.withSubmittedBy(null)), null,
                r.receivedBody(), r.rowContentSha256(), r.rowArchivedAt()), "stored record (columns or line items)");
    }

    @Test
    void oldShapeRecords_withoutSubmitter_sealAndVerifyBesideNewOnes() {
        store.save(SampleSnapshots.bill("OLD", 2025, 1).withSubmittedBy(null), ReceivedBody.of("{}"), NOW, null);
        store.save(SampleSnapshots.bill("NEW", 2025, 1), ReceivedBody.of("{}"), NOW, null);
        assertEquals(2, audit.sealPending());
        AuditTrail.Verification verification = audit.verify();
        assertTrue(verification.ok(), () -> "broken: " + verification.firstBroken());
        assertEquals(2, verification.checked());
    }

    @Test
    void aChangedColumn_isNamed() {
        assertBroken(r -> new ChainedRecord(r.link(), r.snapshot().map(s -> BillBuilder.from(s).withNotes("edited").build()), null,
                r.receivedBody(), r.rowContentSha256(), r.rowArchivedAt()), "stored record (columns or line items)");
    }

    @Test
    void aMissingRow_isNamed() {
        assertBroken(r -> new ChainedRecord(r.link(), Optional.empty(), "the row is gone", null, null, null),
                "snapshot row is missing");
    }

    @Test
    void anUnreadableRow_isNamed() {
        assertBroken(r -> new ChainedRecord(r.link(), Optional.empty(), "company name is required", r.receivedBody(),
                r.rowContentSha256(), r.rowArchivedAt()), "stored record is unreadable");
    }

    @Test
    void aRewrittenLink_isNamed() {
        assertBroken(r -> new ChainedRecord(relinked(r.link(), "f".repeat(64)), r.snapshot(), null, r.receivedBody(),
                r.rowContentSha256(), r.rowArchivedAt()), "link to the previous entry");
    }

    @Test
    void aForgedEntryHash_isNamed() {
        assertBroken(r -> new ChainedRecord(new AuditLink(r.link().seq(), r.link().snapshotId(), r.link().invoiceNumber(),
                        r.link().contentSha256(), r.link().recordSha256(), r.link().archivedAt(), r.link().prevHash(),
                        "e".repeat(64)), r.snapshot(), null, r.receivedBody(), r.rowContentSha256(), r.rowArchivedAt()),
                "entry hash");
    }

    @Test
    void aChangedContentShaColumn_isNamed() {
        assertBroken(r -> new ChainedRecord(r.link(), r.snapshot(), null, r.receivedBody(), "d".repeat(64),
                r.rowArchivedAt()), "content_sha256 column");
    }

    @Test
    void aChangedArchiveTime_isNamed() {
        assertBroken(r -> new ChainedRecord(r.link(), r.snapshot(), null, r.receivedBody(), r.rowContentSha256(),
                r.rowArchivedAt().plusSeconds(3600)), "archived_at");
    }

    @Test
    void anotherBillsRecordUnderThisInvoiceNumber_isNamed() {
        // The row holds bill A0's record, and the link (recomputed to match) fingerprints it: only the number differs.
        List<ChainedRecord> records = sealedRecords(3);
        ChainedRecord first = records.get(0);
        ChainedRecord second = records.get(1);
        AuditLink l = second.link();
        AuditLink swapped = AuditLink.next(l.prevHash(), l.seq(), l.snapshotId(), l.invoiceNumber(), l.contentSha256(),
                first.snapshot().orElseThrow().recordSha256(), l.archivedAt());
        records.set(1, new ChainedRecord(swapped, first.snapshot(), null, second.receivedBody(),
                second.rowContentSha256(), second.rowArchivedAt()));
        AuditTrail.Verification v = verifyOver(records, 0);
        assertFalse(v.ok());
        assertEquals("invoice number", v.firstBroken().problem());
        assertEquals("A1-202501", v.firstBroken().expected());
        assertEquals("A0-202501", v.firstBroken().found());
    }

    @Test
    void aRemovedLink_isASequenceGap() {
        List<ChainedRecord> records = sealedRecords(3);
        records.remove(1);
        AuditTrail.Verification v = verifyOver(records, 0);
        assertFalse(v.ok());
        assertEquals("sequence gap", v.firstBroken().problem());
        assertEquals(3, v.firstBroken().seq());
    }

    @Test
    void rowsThatBypassedTheQueue_areReported() {
        AuditTrail.Verification v = verifyOver(sealedRecords(2), 1);
        assertFalse(v.ok());
        assertEquals("snapshots that are neither sealed nor queued", v.firstBroken().problem());
    }

    @Test
    void keptTotalsThatDisagreeWithTheBills_breakTheVerification() {
        AuditLog.TotalsDrift drift = new AuditLog.TotalsDrift(new BillingPeriod(2025, 1), "snapshots=2",
                "snapshots=3");
        AuditTrail.Verification v = verifyOver(sealedRecords(2), 0, drift);
        assertFalse(v.ok());
        assertEquals("monthly totals of 2025-01 differ from its bills", v.firstBroken().problem());
        assertEquals("snapshots=2", v.firstBroken().expected());
        assertEquals("snapshots=3", v.firstBroken().found());
        assertEquals(2, v.firstBroken().seq(), "named after the whole chain was checked");
        assertNull(v.firstBroken().invoiceNumber());
    }

    @Test
    void aBrokenChain_isReportedBeforeDriftedTotals() {
        AuditLog.TotalsDrift drift = new AuditLog.TotalsDrift(new BillingPeriod(2025, 1), "a", "b");
        AuditTrail.Verification v = verifyOver(sealedRecords(2), 1, drift);
        assertEquals("snapshots that are neither sealed nor queued", v.firstBroken().problem());
    }

    /** Archives and seals bills 0..n-1 in a world of their own; {@code notesOf} gives bill i's notes. */
    private static World world(int n, java.util.function.IntFunction<String> notesOf) {
        InMemorySnapshotStore s = new InMemorySnapshotStore();
        for (int i = 0; i < n; i++) {
            s.save(BillBuilder.sample("W" + i, 2025, 1).withNotes(notesOf.apply(i)).build(), ReceivedBody.of("{\"i\":" + i + "}"),
                    NOW.plusSeconds(i), null);
        }
        InMemoryAuditLog log = new InMemoryAuditLog(s);
        log.sealPending(n, NOW);
        return new World(s, log, new InMemoryLogTree(log, s));
    }

    private record World(InMemorySnapshotStore store, InMemoryAuditLog log, InMemoryLogTree tree) {
        Checkpoint checkpoint(long size) {
            return new Checkpoint("archive.test/log", size, MerkleLog.treeHash(size, tree::read));
        }

        AuditTrail.Verification verify(LogTree over, List<Checkpoint> checkpoints) {
            return new AuditTrailService(log, over, CLOCK).verify(checkpoints);
        }
    }

    @Test
    void theLogRebuiltFromTheRecords_matchesItsStoredHashesAndEveryCheckpoint() {
        World w = world(1_100, i -> null);
        AuditTrail.Verification v = w.verify(w.tree(), List.of(w.checkpoint(1_100), w.checkpoint(1), w.checkpoint(700)));
        assertTrue(v.ok(), () -> "first broken: " + v.firstBroken());
        assertEquals(3, v.checkpointsMatched());
        assertEquals(1_100, v.checked());
    }

    @Test
    void aRewriteThatRecomputedEveryHash_passesThePlainCheck_butNotASavedCheckpoint() {
        World before = world(10, i -> null);
        Checkpoint saved = before.checkpoint(10);
        Checkpoint early = before.checkpoint(4);
        // Bill 6 rewritten, and the chain and the log recomputed over it: everything inside is consistent.
        World after = world(10, i -> i == 6 ? "rewritten" : null);
        assertTrue(after.verify(after.tree(), List.of()).ok());

        AuditTrail.Verification v = after.verify(after.tree(), List.of(early, saved));
        assertFalse(v.ok());
        assertEquals(1, v.checkpointsMatched(), "the checkpoint before the rewritten leaf still matches");
        assertTrue(v.firstBroken().problem().startsWith("root at checkpoint 10: a record among leaves 4 to 9"),
                v.firstBroken().problem());
        assertEquals(saved.root().base64(), v.firstBroken().expected());
    }

    @Test
    void aStoredLogHashThatTheRecordsDoNotGive_namesItsLeaf() {
        World records = world(10, i -> null);
        World otherLog = world(10, i -> i == 6 ? "other" : null);
        AuditTrail.Verification v = records.verify(otherLog.tree(), List.of());
        assertFalse(v.ok());
        assertEquals(7, v.firstBroken().seq(), "leaf 6 is link 7");
        assertEquals("transparency log hash " + MerkleLog.storedHashIndex(0, 6), v.firstBroken().problem());
    }

    @Test
    void aCheckpointLargerThanTheLog_isReported() {
        World w = world(3, i -> null);
        World larger = world(5, i -> null);
        AuditTrail.Verification v = w.verify(w.tree(), List.of(larger.checkpoint(5)));
        assertFalse(v.ok());
        assertTrue(v.firstBroken().problem().startsWith("checkpoint 5 is larger than the log"),
                v.firstBroken().problem());
    }

    @Test
    void aLogWithLeavesTheChainDoesNotHave_isReportedAfterTheLastLink() {
        World chain = world(3, i -> null);
        World longerLog = world(5, i -> null);
        AuditTrail.Verification v = chain.verify(longerLog.tree(), List.of());
        assertFalse(v.ok());
        assertEquals(4, v.firstBroken().seq(), "the first leaf past the chain's end");
        assertEquals("transparency log has leaves the chain does not", v.firstBroken().problem());
        assertEquals("3 leaves", v.firstBroken().expected());
        assertEquals("5 leaves", v.firstBroken().found());
    }

    @Test
    void theEmptyTreesCheckpoint_holdsForAnyLog_withNothingToCompare() {
        Checkpoint empty = new Checkpoint("archive.test/log", 0, io.hivematrix.archive.domain.LogHash.EMPTY_TREE);
        World none = world(0, i -> null);
        AuditTrail.Verification v = none.verify(none.tree(), List.of(empty));
        assertTrue(v.ok(), () -> "first broken: " + v.firstBroken());
        assertEquals(0, v.checkpointsMatched());
        World two = world(2, i -> null);
        AuditTrail.Verification v2 = two.verify(two.tree(), List.of(empty, two.checkpoint(2)));
        assertTrue(v2.ok(), () -> "first broken: " + v2.firstBroken());
        assertEquals(1, v2.checkpointsMatched());
    }

    @Test
    void verifying_readsEachStoredHashOnce_inAFewLargeReads() {
        World w = world(1_100, i -> null);
        CountingTree counting = new CountingTree(w.tree());

        AuditTrail.Verification v = w.verify(counting, List.of(w.checkpoint(1_100)));

        assertTrue(v.ok(), () -> "first broken: " + v.firstBroken());
        long stored = MerkleLog.storedHashCount(1_100);
        assertEquals(stored, counting.indexesRead.size(), "every stored hash compared once");
        assertEquals(stored, counting.indexesRead.stream().distinct().count(), "none read twice");
        assertTrue(counting.reads <= 3, stored + " hashes in batches of about 1000, not " + counting.reads + " reads");
    }

    @Test
    void linksSealedAfterTheLogsSizeWasRead_areNotComparedWithHashesThatLogDidNotHaveYet() {
        World chain = world(5, i -> null);
        World logWhenVerifyingBegan = world(4, i -> null); // the same first four bills, so the same four leaves

        AuditTrail.Verification v = chain.verify(logWhenVerifyingBegan.tree(), List.of());

        assertTrue(v.ok(), () -> "first broken: " + v.firstBroken());
        assertEquals(5, v.checked());
    }

    /** The log tree, noting every index the verifier reads, and in how many reads. */
    private static final class CountingTree implements LogTree {
        final List<Long> indexesRead = new ArrayList<>();
        int reads;
        private final LogTree delegate;

        CountingTree(LogTree delegate) {
            this.delegate = delegate;
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public List<io.hivematrix.archive.domain.LogHash> read(long[] indexes) {
            reads++;
            for (long index : indexes) {
                indexesRead.add(index);
            }
            return delegate.read(indexes);
        }

        @Override
        public Optional<Leaf> leaf(InvoiceNumber invoice) {
            return delegate.leaf(invoice);
        }

        @Override
        public Optional<io.hivematrix.archive.domain.SignedCheckpoint> latestCheckpoint() {
            return delegate.latestCheckpoint();
        }

        @Override
        public Optional<io.hivematrix.archive.domain.SignedCheckpoint> checkpoint(long treeSize) {
            return delegate.checkpoint(treeSize);
        }

        @Override
        public <T> Optional<T> asCutter(java.util.function.Function<Cutter, T> work) {
            return delegate.asCutter(work);
        }
    }

    private void assertBroken(UnaryOperator<ChainedRecord> tamper, String problem) {
        List<ChainedRecord> records = sealedRecords(3);
        records.set(1, tamper.apply(records.get(1)));
        AuditTrail.Verification v = verifyOver(records, 0);
        assertFalse(v.ok());
        assertEquals(2, v.firstBroken().seq());
        assertEquals("A1-202501", v.firstBroken().invoiceNumber());
        assertEquals(problem, v.firstBroken().problem());
        assertEquals(1, v.checked() - 1, "verification stops at the first break");
    }

    private List<ChainedRecord> sealedRecords(int n) {
        for (int i = 0; i < n; i++) {
            store.save(SampleSnapshots.bill("A" + i, 2025, 1), ReceivedBody.of("{\"i\":" + i + "}"),
                    NOW.plusSeconds(i), null);
        }
        InMemoryAuditLog log = new InMemoryAuditLog(store);
        log.sealPending(100, NOW);
        sealedLog = log;
        List<ChainedRecord> records = new ArrayList<>();
        log.readChain(records::add);
        return records;
    }

    private AuditTrail.Verification verifyOver(List<ChainedRecord> records, long unaccounted) {
        return verifyOver(records, unaccounted, null);
    }

    private AuditTrail.Verification verifyOver(List<ChainedRecord> records, long unaccounted,
                                               AuditLog.TotalsDrift drift) {
        AuditLog doctored = new AuditLog() {
            @Override
            public int sealPending(int maxBatch, Instant sealedAt) {
                return 0;
            }

            @Override
            public AuditHead head() {
                return new AuditHead(records.isEmpty() ? null : records.getLast().link(), NOW, records.size(), 0);
            }

            @Override
            public void readChain(Consumer<ChainedRecord> sink) {
                records.forEach(sink);
            }

            @Override
            public long countUnaccounted() {
                return unaccounted;
            }

            @Override
            public Optional<AuditLog.TotalsDrift> firstTotalsDrift() {
                return Optional.ofNullable(drift);
            }
        };
        return new AuditTrailService(doctored, new InMemoryLogTree(sealedLog, store), CLOCK).verify();
    }

    private static AuditLink relinked(AuditLink l, String prevHash) {
        return AuditLink.next(prevHash, l.seq(), l.snapshotId(), l.invoiceNumber(), l.contentSha256(), l.recordSha256(),
                l.archivedAt());
    }
}
