package io.hivematrix.archive.application.port.in;

/** Use case: archive one finalized bill, exactly once. */
public interface CreateSnapshot {
    CreateSnapshotResult create(CreateSnapshotCommand command);
}
