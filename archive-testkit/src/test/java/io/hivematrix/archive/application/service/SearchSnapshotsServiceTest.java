package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.in.PageRequest;
import io.hivematrix.archive.application.port.in.SearchSnapshots.SearchResult;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import io.hivematrix.archive.domain.SnapshotCursor;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Totals are exact up to the bound and a lower bound beyond it; the next cursor follows full pages only. */
class SearchSnapshotsServiceTest {
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final AtomicInteger counts = new AtomicInteger();
    private final SnapshotStore counting = new DelegatingStore(store) {
        @Override
        public Search searchFor(SnapshotFilter filter) {
            Search search = super.searchFor(filter);
            return new Search() {
                @Override
                public List<SnapshotSummary> page(SnapshotCursor after, int offset, int limit) {
                    return search.page(after, offset, limit);
                }

                @Override
                public long countAtMost(long atMost) {
                    counts.incrementAndGet();
                    return search.countAtMost(atMost);
                }
            };
        }
    };
    private final SearchSnapshotsService search = new SearchSnapshotsService(counting, 3);

    private void archive(int bills) {
        for (int month = 1; month <= bills; month++) {
            store.save(SampleSnapshots.bill("620547", 2025, month), ReceivedBody.of("{}"),
                    Instant.parse("2025-12-01T00:00:00Z")
                    .plusSeconds(month), null);
        }
    }

    /** The bound is 3: up to it the total is exact; beyond it the total is the bound, marked as a lower bound. */
    @ParameterizedTest(name = "{0} bills, a page of {1}: total {2}, exact {3}")
    @CsvSource({"3, 2, 3, true", "5, 4, 3, false"})
    void theTotal_isExactUpToTheBound_andTheBoundBeyondIt(int bills, int pageSize, long total, boolean exact) {
        archive(bills);

        SearchResult result = search.search(SnapshotFilter.ALL, new PageRequest(pageSize, 0, null));

        assertEquals(total, result.total());
        assertEquals(exact, result.totalExact());
        assertEquals(pageSize, result.results().size(), "the page itself is never cut by the bound");
        assertNotNull(result.nextCursor(), "a full page may have a successor");
    }

    @Test
    void theLastPageByOffset_tellsTheTotal_withoutCounting() {
        archive(5);

        SearchResult first = search.search(SnapshotFilter.ALL, new PageRequest(10, 0, null));
        SearchResult tail = search.search(SnapshotFilter.ALL, new PageRequest(2, 4, null));

        assertEquals(5, first.total());
        assertTrue(first.totalExact(), "known exactly, even beyond the bound of 3");
        assertEquals(5, tail.total());
        assertTrue(tail.totalExact());
        assertEquals(0, counts.get());
    }

    @Test
    void aFullPage_aPagePastTheEnd_andACursorPage_areCounted() {
        archive(2);

        assertEquals(2, search.search(SnapshotFilter.ALL, new PageRequest(2, 0, null)).total());
        assertEquals(2, search.search(SnapshotFilter.ALL, new PageRequest(2, 7, null)).total(), "past the end");
        SearchResult page = search.search(SnapshotFilter.ALL, new PageRequest(1, 0, null));
        assertEquals(2, search.search(SnapshotFilter.ALL, new PageRequest(1, 0, page.nextCursor())).total());
        assertEquals(4, counts.get());
    }

    @Test
    void theServiceDefault_isOneThousand() {
        assertEquals(1_000, SearchSnapshotsService.EXACT_TOTAL_UP_TO);
        archive(4);
        SearchResult result = new SearchSnapshotsService(store).search(SnapshotFilter.ALL, new PageRequest(1, 0, null));
        assertEquals(4, result.total());
        assertTrue(result.totalExact());
    }
}
