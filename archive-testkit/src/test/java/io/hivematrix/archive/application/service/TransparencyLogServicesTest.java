package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemoryAuditLog;
import io.hivematrix.archive.testkit.InMemoryLogTree;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.in.ProveLog.ConsistencyResult;
import io.hivematrix.archive.application.port.in.ProveLog.InclusionResult;
import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.MerkleLog;
import io.hivematrix.archive.domain.NoteKey;
import io.hivematrix.archive.domain.SignedNote;
import io.hivematrix.archive.testkit.SettableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Cutting checkpoints (interval, growth, forks refused, witnesses) and proving from them, over the in-memory log. */
class TransparencyLogServicesTest {
    private static final String ORIGIN = "archive.hivematrix/test";
    private static final NoteKey.Signer KEY = NoteKey.signer(NoteKey.generate(ORIGIN, new SecureRandom()));
    private static final NoteKey.Verifier VERIFIER = NoteKey.verifier(KEY.verifierKey());
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final InMemoryAuditLog log = new InMemoryAuditLog(store);
    private final InMemoryLogTree tree = new InMemoryLogTree(log, store);
    private final List<SignedCheckpoint> witnessed = new ArrayList<>();
    private final SettableClock clock = new SettableClock(T0);
    private final CutCheckpointService cutter = new CutCheckpointService(tree, ORIGIN, KEY, Duration.ofSeconds(60),
            List.of(witnessed::add), clock);
    private final ProveLogService prove = new ProveLogService(tree, KEY.verifierKey());
    private int bills;

    private void archiveAndSeal(int count) {
        for (int i = 0; i < count; i++) {
            bills++;
            store.save(SampleSnapshots.bill("INV-" + bills, "ACC-" + bills, 2025, 1), ReceivedBody.of("{}"), T0, null);
        }
        log.sealPending(10_000, T0);
    }

    @Test
    void nothingIsCut_whileTheLogIsEmpty() {
        assertTrue(cutter.cut().isEmpty());
        assertTrue(witnessed.isEmpty());
    }

    @Test
    void aCheckpoint_isSignedOverTheRoot_andCutAgainOnlyWhenTheLogGrewAndTheIntervalPassed() {
        archiveAndSeal(5);
        SignedCheckpoint first = cutter.cut().orElseThrow();
        assertEquals(5, first.checkpoint().size());
        assertEquals(MerkleLog.treeHash(5, tree::read), first.checkpoint().root());
        assertEquals(Optional.of(first.checkpoint().text()), SignedNote.verifiedText(first.note(), VERIFIER));
        assertEquals(first.checkpoint(), Checkpoint.parse(first.checkpoint().text()));

        clock.advance(Duration.ofSeconds(120));
        assertTrue(cutter.cut().isEmpty(), "no new leaves");
        archiveAndSeal(2);
        clock.set(first.cutAt().plusSeconds(59));
        assertTrue(cutter.cut().isEmpty(), "interval not yet over");
        clock.set(first.cutAt().plusSeconds(60));
        SignedCheckpoint second = cutter.cut().orElseThrow();
        assertEquals(7, second.checkpoint().size());
        assertEquals(second, tree.latestCheckpoint().orElseThrow());
    }

    @Test
    void everyWitness_isOfferedTheLatest_onEveryCall() {
        archiveAndSeal(3);
        cutter.cut();
        cutter.cut();
        assertEquals(2, witnessed.size());
        assertEquals(witnessed.get(0), witnessed.get(1));
        assertEquals(3, witnessed.getFirst().checkpoint().size());
    }

    @Test
    void aLogThatNoLongerExtendsTheLatestCheckpoint_isNotSigned() {
        archiveAndSeal(4);
        // A checkpoint of these four leaves whose root the log does not have: as if the stored hashes were rewritten.
        Checkpoint forged = new Checkpoint(ORIGIN, 4, MerkleLog.leafHash(new byte[] {1}));
        tree.asCutter(c -> {
            c.save(new SignedCheckpoint(forged, SignedNote.sign(forged.text(), KEY), T0));
            return null;
        });
        archiveAndSeal(1);
        clock.advance(Duration.ofHours(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, cutter::cut);
        assertTrue(e.getMessage().contains("does not extend checkpoint 4"), e.getMessage());
        assertEquals(forged, tree.latestCheckpoint().orElseThrow().checkpoint());
    }

    @Test
    void anotherCutterAtWork_meansNoCutHere() {
        archiveAndSeal(2);
        LogTree busy = new DelegatingTree(tree) {
            @Override
            public <T> Optional<T> asCutter(Function<Cutter, T> work) {
                return Optional.empty();
            }
        };
        assertTrue(new CutCheckpointService(busy, ORIGIN, KEY, Duration.ZERO, List.of(), clock).cut().isEmpty());
        assertTrue(tree.latestCheckpoint().isEmpty());
    }

    @Test
    void anInclusionProof_checksAgainstTheCheckpointsRoot() {
        archiveAndSeal(11);
        SignedCheckpoint checkpoint = cutter.cut().orElseThrow();
        for (int i = 1; i <= 11; i++) {
            InclusionResult.Proved p = assertInstanceOf(InclusionResult.Proved.class,
                    prove.inclusion(new InvoiceNumber("INV-" + i), OptionalLong.empty()));
            assertEquals(i - 1, p.leafIndex());
            assertEquals(11, p.treeSize());
            assertEquals(checkpoint.checkpoint().root(), p.rootHash());
            assertTrue(MerkleLog.includes(p.path(), 11, p.rootHash(), i - 1, p.leafHash()));
        }
        InclusionResult.Proved atFive = assertInstanceOf(InclusionResult.Proved.class,
                prove.inclusion(new InvoiceNumber("INV-3"), OptionalLong.of(5)));
        assertEquals(MerkleLog.treeHash(5, tree::read), atFive.rootHash());
        assertTrue(MerkleLog.includes(atFive.path(), 5, atFive.rootHash(), 2, atFive.leafHash()));
    }

    @Test
    void inclusion_saysWhyThereIsNoProof() {
        assertInstanceOf(InclusionResult.NotArchived.class, prove.inclusion(new InvoiceNumber("INV-1"),
                OptionalLong.empty()));
        archiveAndSeal(3);
        assertInstanceOf(InclusionResult.NoCheckpoint.class, prove.inclusion(new InvoiceNumber("INV-1"),
                OptionalLong.empty()));
        cutter.cut();
        store.save(SampleSnapshots.bill("INV-waiting", "ACC-waiting", 2025, 2), ReceivedBody.of("{}"), T0, null);
        InclusionResult.NotYetIncluded waiting = assertInstanceOf(InclusionResult.NotYetIncluded.class,
                prove.inclusion(new InvoiceNumber("INV-waiting"), OptionalLong.empty()));
        assertEquals(-1, waiting.leafIndex());
        InclusionResult.NotYetIncluded later = assertInstanceOf(InclusionResult.NotYetIncluded.class,
                prove.inclusion(new InvoiceNumber("INV-3"), OptionalLong.of(2)));
        assertEquals(2, later.leafIndex());
        assertEquals(new InclusionResult.BadTreeSize(4, 3), prove.inclusion(new InvoiceNumber("INV-1"),
                OptionalLong.of(4)));
        assertEquals(new InclusionResult.BadTreeSize(0, 3), prove.inclusion(new InvoiceNumber("INV-1"),
                OptionalLong.of(0)));
    }

    @Test
    void aConsistencyProof_linksTwoCheckpoints() {
        archiveAndSeal(6);
        SignedCheckpoint old = cutter.cut().orElseThrow();
        archiveAndSeal(7);
        clock.advance(Duration.ofMinutes(2));
        SignedCheckpoint now = cutter.cut().orElseThrow();
        ConsistencyResult.Proved p = assertInstanceOf(ConsistencyResult.Proved.class,
                prove.consistency(6, OptionalLong.empty()));
        assertEquals(13, p.to());
        assertTrue(MerkleLog.extendsTo(p.path(), 13, now.checkpoint().root(), 6, old.checkpoint().root()));
        assertEquals(List.of(), assertInstanceOf(ConsistencyResult.Proved.class,
                prove.consistency(13, OptionalLong.of(13))).path());
    }

    @Test
    void consistency_namesTheParameterThatIsOutOfRange() {
        assertInstanceOf(ConsistencyResult.NoCheckpoint.class, prove.consistency(1, OptionalLong.empty()));
        archiveAndSeal(4);
        assertEquals("to", assertInstanceOf(ConsistencyResult.BadRange.class,
                prove.consistency(1, OptionalLong.of(5))).field());
        assertEquals("to", assertInstanceOf(ConsistencyResult.BadRange.class,
                prove.consistency(1, OptionalLong.of(0))).field());
        assertEquals("from", assertInstanceOf(ConsistencyResult.BadRange.class,
                prove.consistency(0, OptionalLong.of(4))).field());
        assertEquals("from", assertInstanceOf(ConsistencyResult.BadRange.class,
                prove.consistency(4, OptionalLong.of(3))).field());
    }

    @Test
    void proofsReachTheEdgesOfTheLog_theFirstLeafAndTheWholeTree() {
        archiveAndSeal(4);
        InclusionResult.Proved first = assertInstanceOf(InclusionResult.Proved.class,
                prove.inclusion(new InvoiceNumber("INV-1"), OptionalLong.of(1)));
        assertEquals(0, first.leafIndex());
        assertEquals(List.of(), first.path(), "a one-leaf tree's root is the leaf");
        assertEquals(first.leafHash(), first.rootHash());
        InclusionResult.Proved whole = assertInstanceOf(InclusionResult.Proved.class,
                prove.inclusion(new InvoiceNumber("INV-4"), OptionalLong.of(4)));
        assertTrue(MerkleLog.includes(whole.path(), 4, whole.rootHash(), 3, whole.leafHash()));

        ConsistencyResult.Proved fromOne = assertInstanceOf(ConsistencyResult.Proved.class,
                prove.consistency(1, OptionalLong.of(4)));
        assertTrue(MerkleLog.extendsTo(fromOne.path(), 4, MerkleLog.treeHash(4, tree::read), 1,
                MerkleLog.treeHash(1, tree::read)));
        assertEquals(List.of(), assertInstanceOf(ConsistencyResult.Proved.class,
                prove.consistency(1, OptionalLong.of(1))).path());
    }

    @Test
    void badRanges_sayWhatTheRangeIs() {
        archiveAndSeal(4);
        assertEquals(new ConsistencyResult.BadRange("to", "must be between 1 and the log's size, 4"),
                prove.consistency(1, OptionalLong.of(5)));
        assertEquals(new ConsistencyResult.BadRange("from", "must be between 1 and to (3)"),
                prove.consistency(4, OptionalLong.of(3)));
    }

    @Test
    void theLatestCheckpointAndTheKeyThatVerifiesIt_areServed() {
        assertTrue(prove.latestCheckpoint().isEmpty());
        archiveAndSeal(2);
        SignedCheckpoint cut = cutter.cut().orElseThrow();
        assertEquals(Optional.of(cut), prove.latestCheckpoint());
        assertEquals(KEY.verifierKey(), prove.verifierKey());
        assertEquals(Optional.of(cut.checkpoint().text()),
                SignedNote.verifiedText(prove.latestCheckpoint().orElseThrow().note(),
                        NoteKey.verifier(prove.verifierKey())));
    }
}
