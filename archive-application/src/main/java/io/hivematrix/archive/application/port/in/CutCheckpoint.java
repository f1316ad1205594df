package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.SignedCheckpoint;
import java.util.Optional;

/** Cuts and signs a new checkpoint of the transparency log when it has grown and the interval has passed. */
public interface CutCheckpoint {

    /**
     * Cuts a checkpoint if the log holds leaves the latest does not, the latest is at least the interval old, and no
     * other instance is cutting right now; then offers the latest checkpoint to every witness.
     *
     * @return the checkpoint cut now, or empty when none was
     */
    Optional<SignedCheckpoint> cut();
}
