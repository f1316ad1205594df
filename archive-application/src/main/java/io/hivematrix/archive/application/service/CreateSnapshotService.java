package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.CreateSnapshot;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.application.port.out.SnapshotStore.SaveResult;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Clock;
import java.util.Objects;

/** Archives a bill once: validates it, then lets the store decide atomically whether it is new. */
public final class CreateSnapshotService implements CreateSnapshot {
    private final SnapshotStore store;
    private final Clock clock;
    private final SnapshotAssembler assembler = new SnapshotAssembler();

    public CreateSnapshotService(SnapshotStore store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public CreateSnapshotResult create(CreateSnapshotCommand command) {
        SnapshotAssembler.Assembled assembled = assembler.assemble(command);
        if (!assembled.errors().isEmpty()) {
            return new CreateSnapshotResult.Invalid(assembled.errors());
        }
        Snapshot snapshot = assembled.snapshot();
        // No look-up first: the store's unique constraints are the single source of truth, so
        // racing requests cannot both pass a check and both write.
        SaveResult result = store.save(snapshot, command.receivedBody(), clock.instant());
        return switch (result) {
            case SaveResult.Saved saved -> new CreateSnapshotResult.Created(saved.snapshot());
            case SaveResult.AlreadyArchived clash ->
                    new CreateSnapshotResult.Duplicate(clash.existing(), clash.existing().sameContentAs(snapshot));
        };
    }
}
