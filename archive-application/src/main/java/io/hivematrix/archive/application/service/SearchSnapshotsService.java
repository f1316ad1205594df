package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.PageRequest;
import io.hivematrix.archive.application.port.in.SearchSnapshots;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.List;
import java.util.Objects;

/** Searches archived bills and says where the next page starts. */
public final class SearchSnapshotsService implements SearchSnapshots {
    private final SnapshotStore store;

    public SearchSnapshotsService(SnapshotStore store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public SearchResult search(SnapshotFilter filter, PageRequest page) {
        List<SnapshotSummary> results = store.search(filter, page.cursor(), page.offset(), page.limit());
        long total = store.count(filter);
        // A full page may have a successor; a short one is certainly the last.
        SnapshotCursor next = results.size() == page.limit() ? results.getLast().cursor() : null;
        return new SearchResult(total, page.limit(), page.offset(), results, next);
    }
}
