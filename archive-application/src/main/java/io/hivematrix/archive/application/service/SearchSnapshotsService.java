package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.PageRequest;
import io.hivematrix.archive.application.port.in.SearchSnapshots;
import io.hivematrix.archive.application.port.out.SnapshotSearch;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Searches archived bills, saying where the next page starts, and streams every match for an export. */
public final class SearchSnapshotsService implements SearchSnapshots {
    /**
     * Totals are exact up to this many matches, and "at least this many" beyond (as Elasticsearch does, with
     * a larger bound): an exact count of every match cost far more than the page itself, on every page (at
     * 1,000,000 snapshots: 131 ms for all of them, ~1 s for a name fragment matching 180,000; counting
     * 10,001 of a common fragment's matches still took 23 ms, 1,001 take ~2 ms).
     */
    public static final long EXACT_TOTAL_UP_TO = 1_000;

    private final SnapshotSearch store;

    private final long exactUpTo;

    public SearchSnapshotsService(SnapshotSearch store) {
        this(store, EXACT_TOTAL_UP_TO);
    }

    /** With another bound for exact totals: for tests. */
    SearchSnapshotsService(SnapshotSearch store, long exactUpTo) {
        this.store = Objects.requireNonNull(store);
        this.exactUpTo = exactUpTo;
    }

    @Override
    public SearchResult search(SnapshotFilter filter, PageRequest page) {
        SnapshotSearch.Search search = store.searchFor(filter);
        List<SnapshotSummary> results = search.page(page.cursor(), page.offset(), page.limit());
        // A full page may have a successor; a short one is certainly the last.
        boolean last = results.size() < page.limit();
        SnapshotCursor next = last ? null : results.getLast().cursor();
        if (last && page.cursor() == null && (page.offset() == 0 || !results.isEmpty())) {
            // The last page by offset tells the total itself: no count needed (most searches by account).
            return new SearchResult(page.offset() + results.size(), true, page.limit(), page.offset(), results, null);
        }
        long counted = search.countAtMost(exactUpTo + 1);
        boolean exact = counted <= exactUpTo;
        return new SearchResult(exact ? counted : exactUpTo, exact, page.limit(), page.offset(), results, next);
    }

    @Override
    public void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink) {
        store.export(filter, sink);
    }
}
