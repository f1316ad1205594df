package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.SnapshotJob;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Use case: see snapshot jobs, newest first, or one with its per-company results. */
public interface ListJobs {
    List<SnapshotJob> list(int limit, int offset);

    Optional<SnapshotJob> find(UUID id);
}
