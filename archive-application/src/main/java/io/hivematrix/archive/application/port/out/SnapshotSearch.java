package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.List;
import java.util.function.Consumer;

/** Lists archived bills: a filter's page and its bounded count, a company's history, every match streamed, totals. */
public interface SnapshotSearch {

    /**
     * A filter made ready for a page and its count: a store that has to look something up for a filter (the
     * accounts behind a company text) does it once here rather than for each read.
     */
    Search searchFor(SnapshotFilter filter);

    /** One company's snapshots, newest billing period first. */
    List<SnapshotSummary> findByAccount(AccountNumber account, int offset, int limit);

    /** How many snapshots match. */
    long count(SnapshotFilter filter);

    /** Hands every matching snapshot, newest first, to {@code sink} while reading: constant memory. */
    void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink);

    /** How many companies (account numbers) have at least one archived snapshot. */
    long countCompanies();

    /** One filter's reads. */
    interface Search {
        /**
         * Matching snapshots newest first ({@code archived_at DESC, id DESC}): those after {@code after}
         * when a cursor is given (keyset paging, {@code offset} ignored), else from {@code offset}.
         */
        List<SnapshotSummary> page(SnapshotCursor after, int offset, int limit);

        /** How many snapshots match, counting no further than {@code atMost}: the cost stays bounded however many do. */
        long countAtMost(long atMost);
    }
}
