package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.ExportSnapshots;
import io.hivematrix.archive.application.port.out.SnapshotSearch;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.Objects;
import java.util.function.Consumer;

/** Streams every matching bill to a sink straight from the store. */
public final class ExportSnapshotsService implements ExportSnapshots {
    private final SnapshotSearch store;

    public ExportSnapshotsService(SnapshotSearch store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink) {
        store.export(filter, sink);
    }
}
