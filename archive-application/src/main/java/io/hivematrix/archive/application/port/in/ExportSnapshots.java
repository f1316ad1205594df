package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.function.Consumer;

/** Use case: hand every matching bill, newest first, to a sink as it is read (constant memory). */
public interface ExportSnapshots {
    void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink);
}
