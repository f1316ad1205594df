package io.hivematrix.archive.testkit;

import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.testkit.contract.CheckpointWitnessContract;
import java.util.List;

/** The recording witness keeps checkpoints as the directory and HTTP witnesses do. */
class RecordingWitnessTest extends CheckpointWitnessContract {
    @Override
    protected Subject witness() {
        RecordingWitness recording = new RecordingWitness();
        return new Subject(recording, () -> recording.kept().stream().map(SignedCheckpoint::note).toList());
    }
}
