package io.hivematrix.archive.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hivematrix.archive.application.port.out.CheckpointWitness;
import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.MerkleLog;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CheckpointWitness} does, the recording fake, the directory and the HTTP witness alike: keeps
 * the signed note of each checkpoint offered, once, however often it is offered again.
 */
public abstract class CheckpointWitnessContract {
    private static final Instant CUT = Instant.parse("2026-12-01T00:00:00Z");

    /** A witness under test, and how to read the signed notes it has kept so far, each once, oldest first. */
    public record Subject(CheckpointWitness witness, Supplier<List<String>> keptNotes) {
        List<String> kept() {
            return keptNotes.get();
        }
    }

    protected abstract Subject witness();

    /** Stops whatever the witnesses made here started: a hook for subclasses, run after each test. */
    protected void tearDown() {
    }

    @AfterEach
    final void stop() {
        tearDown();
    }

    protected static SignedCheckpoint checkpoint(long size) {
        Checkpoint c = new Checkpoint("archive.test/log", size, MerkleLog.leafHash(new byte[] {(byte) size}));
        return new SignedCheckpoint(c, c.text() + "\n\u2014 archive.test/log AAAA\n", CUT.plusSeconds(size));
    }

    @Test
    void anOfferedCheckpoint_isKept_asItsSignedNote() {
        Subject subject = witness();
        subject.witness().offer(checkpoint(3));
        assertEquals(List.of(checkpoint(3).note()), subject.kept());
    }

    @Test
    void offeringTheSameCheckpointAgain_isHarmless_andKeepsItOnce() {
        Subject subject = witness();
        subject.witness().offer(checkpoint(3));
        subject.witness().offer(checkpoint(3));
        assertEquals(List.of(checkpoint(3).note()), subject.kept());
    }

    @Test
    void aLaterCheckpoint_isKeptToo() {
        Subject subject = witness();
        subject.witness().offer(checkpoint(3));
        subject.witness().offer(checkpoint(7));
        assertEquals(List.of(checkpoint(3).note(), checkpoint(7).note()), subject.kept());
    }
}
