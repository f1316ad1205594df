package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.List;
import java.util.function.Consumer;

/** Use case: find archived bills by any combination of criteria, newest first: a page at a time, or all of them. */
public interface SearchSnapshots {
    SearchResult search(SnapshotFilter filter, PageRequest page);

    /** Hands every matching bill, newest first, to {@code sink} as it is read (constant memory). */
    void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink);

    /**
     * One page of matches.
     *
     * @param total      how many snapshots match in all, or at least, when {@code totalExact} is false
     * @param totalExact whether {@code total} is the exact count rather than a lower bound
     * @param nextCursor where the next page starts, or null when this page is the last
     */
    record SearchResult(long total, boolean totalExact, int limit, int offset, List<SnapshotSummary> results,
                        SnapshotCursor nextCursor) {
        public SearchResult {
            results = List.copyOf(results);
        }
    }
}
