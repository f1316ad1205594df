package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.SignedCheckpoint;

/** Somewhere outside the database that keeps the log's checkpoints, so a later rewrite cannot hide. */
public interface CheckpointWitness {

    /** Hands over a checkpoint; offering one already kept again is harmless. */
    void offer(SignedCheckpoint checkpoint);
}
