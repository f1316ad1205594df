package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.application.fake.InMemorySnapshotStore;
import io.hivematrix.archive.application.fake.SampleSnapshots;
import io.hivematrix.archive.application.port.in.PageRequest;
import io.hivematrix.archive.application.port.in.SearchSnapshots.SearchResult;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Totals are exact up to the bound and a lower bound beyond it; the next cursor follows full pages only. */
class SearchSnapshotsServiceTest {
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final SearchSnapshotsService search = new SearchSnapshotsService(store, 3);

    private void archive(int bills) {
        for (int month = 1; month <= bills; month++) {
            store.save(SampleSnapshots.bill("620547", 2025, month), "{}", Instant.parse("2025-12-01T00:00:00Z")
                    .plusSeconds(month));
        }
    }

    @Test
    void upToTheBound_theTotalIsExact() {
        archive(3);

        SearchResult result = search.search(SnapshotFilter.ALL, new PageRequest(2, 0, null));

        assertEquals(3, result.total());
        assertTrue(result.totalExact());
        assertEquals(2, result.results().size());
        assertNotNull(result.nextCursor(), "a full page may have a successor");
    }

    @Test
    void beyondTheBound_theTotalIsTheBound_markedAsALowerBound() {
        archive(5);

        SearchResult result = search.search(SnapshotFilter.ALL, new PageRequest(10, 0, null));

        assertEquals(3, result.total());
        assertFalse(result.totalExact());
        assertEquals(5, result.results().size(), "the page itself is never cut by the bound");
        assertNull(result.nextCursor(), "a short page is the last");
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
