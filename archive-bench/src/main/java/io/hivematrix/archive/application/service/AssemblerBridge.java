package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.domain.Snapshot;

/**
 * Bench-only door to the package-private {@link SnapshotAssembler}, so benchmarks in the REST adapter's
 * package run the very validation {@link CreateSnapshotService} runs, without a store behind it.
 */
public final class AssemblerBridge {
    private static final SnapshotAssembler ASSEMBLER = new SnapshotAssembler();

    private AssemblerBridge() {
    }

    /** The snapshot the service would store; a benchmark fixture that fails validation is a bug, so it throws. */
    public static Snapshot assemble(CreateSnapshotCommand command) {
        SnapshotAssembler.Assembled assembled = ASSEMBLER.assemble(command);
        if (!assembled.errors().isEmpty()) {
            throw new IllegalArgumentException("fixture does not validate: " + assembled.errors());
        }
        return assembled.snapshot();
    }
}
