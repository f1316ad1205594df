package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.CheckpointWitness;
import io.hivematrix.archive.domain.SignedCheckpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CheckpointWitness} that keeps, in memory, each checkpoint offered (once, as the real witnesses do). */
public final class RecordingWitness implements CheckpointWitness {
    private final List<SignedCheckpoint> kept = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void offer(SignedCheckpoint checkpoint) {
        if (!kept.contains(checkpoint)) {
            kept.add(checkpoint);
        }
    }

    /** The checkpoints kept, oldest first. */
    public List<SignedCheckpoint> kept() {
        return List.copyOf(kept);
    }
}
