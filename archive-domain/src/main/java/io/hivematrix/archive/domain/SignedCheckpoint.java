package io.hivematrix.archive.domain;

import java.time.Instant;
import java.util.Objects;

/** A checkpoint of the transparency log as cut: its parsed body, the whole signed note as served, and when it was cut. */
public record SignedCheckpoint(Checkpoint checkpoint, String note, Instant cutAt) {
    public SignedCheckpoint {
        Objects.requireNonNull(checkpoint);
        Objects.requireNonNull(note);
        Objects.requireNonNull(cutAt);
    }
}
