package io.hivematrix.archive.adapter.metrics;

import io.hivematrix.archive.application.port.in.CreateSnapshot;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult;
import io.micrometer.core.instrument.Counter;
import java.util.Objects;

/** Counts what became of each request to archive a bill: created, duplicate, replayed, key reused, invalid. */
public final class MeteredCreateSnapshot implements CreateSnapshot {
    private final CreateSnapshot inner;
    private final Counter created;
    private final Counter duplicateIdentical;
    private final Counter duplicateDifferent;
    private final Counter replayed;
    private final Counter keyReused;
    private final Counter invalid;

    public MeteredCreateSnapshot(CreateSnapshot inner, ArchiveMeters meters) {
        this.inner = Objects.requireNonNull(inner);
        created = counter(meters, "created");
        duplicateIdentical = counter(meters, "duplicate_identical");
        duplicateDifferent = counter(meters, "duplicate_different");
        replayed = counter(meters, "replayed");
        keyReused = counter(meters, "key_reused");
        invalid = counter(meters, "invalid");
    }

    private static Counter counter(ArchiveMeters meters, String outcome) {
        return Counter.builder("archive.snapshot.creates")
                .description("Requests to archive a bill, by outcome; created ones are the snapshots archived")
                .tag("outcome", outcome).register(meters.registry());
    }

    @Override
    public CreateSnapshotResult create(CreateSnapshotCommand command) {
        CreateSnapshotResult result = inner.create(command);
        switch (result) {
            case CreateSnapshotResult.Created c -> created.increment();
            case CreateSnapshotResult.Duplicate d -> (d.identical() ? duplicateIdentical : duplicateDifferent).increment();
            case CreateSnapshotResult.Replayed r -> replayed.increment();
            case CreateSnapshotResult.KeyReused k -> keyReused.increment();
            case CreateSnapshotResult.Invalid i -> invalid.increment();
        }
        return result;
    }
}
