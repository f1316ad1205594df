package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.application.port.out.SnapshotArchive.SaveResult;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The search half of the {@link SnapshotStore} contract: filters, count, offset and keyset paging, export.
 * The stores under test may hold other tests' rows, so assertions look at this test's own rows only.
 */
abstract class SnapshotSearchContract extends SnapshotStoreContract {
    private static final LocalDate DAY = LocalDate.of(2031, 3, 10);
    private static final Instant START_OF_DAY = Instant.parse("2031-03-10T00:00:00Z");

    /** The rows of {@link #seedEight()}, by their number 1..8. */
    private final List<SnapshotSummary> seeded = new ArrayList<>();

    /**
     * Eight rows on the edges of every filter: archive times at the first and last microsecond of a UTC day,
     * names with LIKE's special characters, totals a cent either side of 100.00, periods across a year end.
     */
    private void seedEight() {
        String a = account + "-A";
        String b = account + "-B";
        add(1, a, "Acme Corp", 2024, 12, "100.00", START_OF_DAY);
        add(2, a, "ACME holdings", 2025, 1, "99.99", START_OF_DAY.minusNanos(1_000));
        add(3, a, "100% Pure", 2025, 2, "100.01", START_OF_DAY.plusSeconds(12 * 3600));
        add(4, a, "1000 Percent", 2025, 3, "250.00", START_OF_DAY.plusSeconds(86_400).minusNanos(1_000));
        add(5, b, "Under_Score", 2024, 11, "250.01", START_OF_DAY.plusSeconds(86_400));
        add(6, b, "UnderXScore", 2025, 12, "-5.00", START_OF_DAY.plusSeconds(12 * 3600));
        add(7, b, "Back\\slash", 2026, 1, "0.00", START_OF_DAY.plusSeconds(2 * 86_400 + 8 * 3600));
        add(8, b, "Ünïcode Straße", 2025, 1, "1000.00", START_OF_DAY.minusSeconds(3 * 86_400 - 8 * 3600));
    }

    private void add(int n, String acc, String company, int year, int month, String total, Instant at) {
        SaveResult result = store.save(Bills.bill(account + "-" + n, acc, company, new BillingPeriod(year, month),
                Money.of(total)), ReceivedBody.of("{}"), at, null);
        seeded.add(SnapshotSummary.of(((SaveResult.Saved) result).snapshot()));
    }

    @Test
    void eachFilterAlone_selectsExactlyTheRowsItShould() {
        seedEight();
        assertSelects(filter().account(account + "-A"), 1, 2, 3, 4);
        assertSelects(filter().year(2025), 2, 3, 4, 6, 8);
        assertSelects(filter().month(1), 2, 7, 8);
        assertSelects(filter().fromDate(DAY), 1, 3, 4, 5, 6, 7);
        assertSelects(filter().toDate(DAY), 1, 2, 3, 4, 6, 8);
        assertSelects(filter().fromDate(DAY).toDate(DAY), 1, 3, 4, 6);
        assertSelects(filter().company("acme"), 1, 2);
        assertSelects(filter().company("100%"), 3);
        assertSelects(filter().company("r_s"), 5);
        assertSelects(filter().company("k\\s"), 7);
        assertSelects(filter().company("ÜNÏCODE"), 8);
        assertSelects(filter().fromPeriod(2025, 1), 2, 3, 4, 6, 7, 8);
        assertSelects(filter().toPeriod(2024, 12), 1, 5);
        assertSelects(filter().minTotal("100.00"), 1, 3, 4, 5, 8);
        assertSelects(filter().maxTotal("100.00"), 1, 2, 6, 7);
    }

    @Test
    void filtersCombine_andCountAgreesWithSearch() {
        seedEight();
        assertSelects(filter().account(account + "-A").company("ACME"), 1, 2);
        assertSelects(filter().account(account + "-B").fromPeriod(2025, 1).maxTotal("0.00"), 6, 7);
        assertSelects(filter().year(2025).month(1).minTotal("100.00"), 8);

        assertEquals(4, store.count(filter().account(account + "-A").build()));
        assertEquals(2, store.count(filter().account(account + "-A").company("acme").build()));
        assertEquals(0, store.count(filter().account(account + "-A").company("Under").build()));
        SnapshotFilter wide = filter().fromDate(DAY).build();
        assertEquals(store.searchFor(wide).page(null, 0, 100_000).size(), store.count(wide));
    }

    @Test
    void countAtMost_stopsAtItsBound_andIsExactBelowIt() {
        seedEight();
        SnapshotFilter accountA = filter().account(account + "-A").build();
        assertEquals(4, store.searchFor(accountA).countAtMost(10));
        assertEquals(4, store.searchFor(accountA).countAtMost(4));
        assertEquals(2, store.searchFor(accountA).countAtMost(2));
        assertEquals(0, store.searchFor(accountA).countAtMost(0));
        assertEquals(1, store.searchFor(filter().account(account + "-A").company("acme").year(2025).build()).countAtMost(5));
    }

    @Test
    void aPreparedSearch_readsWhatSearchAndCountRead() {
        seedEight();
        for (SnapshotFilter f : List.of(filter().account(account + "-A").build(),
                filter().account(account + "-B").company("score").build(),
                filter().account(account + "-A").company("acme").build(),
                filter().account(account + "-B").company("no such name").build())) {
            SnapshotStore.Search search = store.searchFor(f);
            assertEquals(store.searchFor(f).page(null, 0, 100), search.page(null, 0, 100), () -> "page of " + f);
            assertEquals(store.searchFor(f).page(null, 1, 1), search.page(null, 1, 1), () -> "offset page of " + f);
            assertEquals(store.searchFor(f).countAtMost(10), search.countAtMost(10), () -> "count of " + f);
            assertEquals(store.searchFor(f).countAtMost(1), search.countAtMost(1), () -> "bounded count of " + f);
        }
        assertEquals(List.of(5, 6), mine(store.searchFor(filter().account(account + "-B").company("score").build())
                .page(null, 0, 100)), "the prepared search selects the right rows, not merely the same ones");
    }

    @Test
    void search_isNewestFirst_withIdBreakingTies() {
        seedEight();
        List<Integer> order = mine(store.searchFor(filter().build()).page(null, 0, 100_000));
        // Rows 3 and 6 share an archive time: the later id (6) comes first.
        assertEquals(List.of(7, 5, 4, 6, 3, 1, 2, 8), order);
    }

    @Test
    void keysetAndOffsetPaging_agree_andTheCursorNeverRepeatsARow() {
        String acc = account + "-K";
        Instant[] times = {NOW, NOW.minusSeconds(60), NOW, NOW.plusNanos(1_000), NOW.minusSeconds(60)};
        for (int i = 0; i < 23; i++) {
            store.save(Bills.bill(acc + "-" + i, acc, "Keyset Co", new BillingPeriod(2000 + i, 1 + i % 12),
                    Money.of(i + ".00")), ReceivedBody.of("{}"), times[i % times.length], null);
        }
        SnapshotFilter mineOnly = filter().account(acc).build();
        List<SnapshotSummary> all = store.searchFor(mineOnly).page(null, 0, 1000);

        List<SnapshotSummary> byOffset = new ArrayList<>();
        List<SnapshotSummary> byCursor = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 4) {
            byOffset.addAll(store.searchFor(mineOnly).page(null, offset, 4));
        }
        SnapshotCursor cursor = null;
        for (List<SnapshotSummary> page = store.searchFor(mineOnly).page(null, 0, 4); !page.isEmpty();
             page = store.searchFor(mineOnly).page(cursor, 0, 4)) {
            byCursor.addAll(page);
            cursor = page.getLast().cursor();
        }

        assertEquals(23, all.size());
        assertEquals(all, byOffset);
        assertEquals(all, byCursor);
        assertEquals(23, new HashSet<>(byCursor.stream().map(SnapshotSummary::id).toList()).size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).cursor().isBefore(all.get(i).archivedAt(), all.get(i).id()), "strictly older");
        }
        // A cursor (offset ignored) past the ties at NOW still yields both tied rows older than it.
        SnapshotCursor atNow = new SnapshotCursor(NOW.truncatedTo(java.time.temporal.ChronoUnit.MICROS), Long.MAX_VALUE);
        assertEquals(all.stream().filter(s -> !s.archivedAt().isAfter(NOW)).toList(),
                store.searchFor(mineOnly).page(atNow, 99, 1000));
    }

    @Test
    void export_handsOverTheSameRowsInTheSameOrderAsSearch() {
        seedEight();
        SnapshotFilter b = filter().account(account + "-B").build();
        List<SnapshotSummary> exported = new ArrayList<>();
        store.export(b, exported::add);
        assertEquals(store.searchFor(b).page(null, 0, 1000), exported);

        List<SnapshotSummary> everything = new ArrayList<>();
        store.export(SnapshotFilter.ALL, everything::add);
        assertEquals(mine(store.searchFor(SnapshotFilter.ALL).page(null, 0, 100_000)), mine(everything));
        assertEquals(store.count(SnapshotFilter.ALL), everything.size());
    }

    @Test
    void search_returnsSummariesEqualToTheSavedSnapshots() {
        seedEight();
        List<SnapshotSummary> found = store.searchFor(filter().account(account + "-A").build()).page(null, 0, 10);
        assertEquals(List.of(seeded.get(3), seeded.get(2), seeded.get(0), seeded.get(1)), found);
    }

    @Test
    void search_rejectsNegativePaging_andLimitZeroFindsNothing() {
        seedEight();
        assertThrows(IllegalArgumentException.class, () -> store.searchFor(SnapshotFilter.ALL).page(null, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> store.searchFor(SnapshotFilter.ALL).page(null, 0, -1));
        assertTrue(store.searchFor(SnapshotFilter.ALL).page(null, 0, 0).isEmpty());
    }

    private void assertSelects(FilterBuilder f, Integer... expected) {
        SnapshotFilter built = f.build();
        Set<Integer> byReference = new HashSet<>();
        for (int i = 0; i < seeded.size(); i++) {
            if (built.matches(seeded.get(i))) {
                byReference.add(i + 1);
            }
        }
        assertEquals(Set.of(expected), byReference, "the reference semantics themselves, for " + built);
        assertEquals(Set.of(expected), new HashSet<>(mine(store.searchFor(built).page(null, 0, 100_000))),
                built.toString());
    }

    /** This test's row numbers among the results, in result order. */
    private List<Integer> mine(List<SnapshotSummary> results) {
        String prefix = account + "-";
        return results.stream()
                .map(s -> s.invoiceNumber().value())
                .filter(inv -> inv.startsWith(prefix) && inv.substring(prefix.length()).matches("[1-8]"))
                .map(inv -> Integer.parseInt(inv.substring(prefix.length())))
                .toList();
    }

    static FilterBuilder filter() {
        return new FilterBuilder();
    }

    /** Sets one filter field at a time, so a test reads as the filter it means. */
    static final class FilterBuilder {
        private AccountNumber account;
        private Integer year;
        private Integer month;
        private LocalDate fromDate;
        private LocalDate toDate;
        private String company;
        private BillingPeriod fromPeriod;
        private BillingPeriod toPeriod;
        private Money minTotal;
        private Money maxTotal;

        FilterBuilder account(String value) {
            account = new AccountNumber(value);
            return this;
        }

        FilterBuilder year(int value) {
            year = value;
            return this;
        }

        FilterBuilder month(int value) {
            month = value;
            return this;
        }

        FilterBuilder fromDate(LocalDate value) {
            fromDate = value;
            return this;
        }

        FilterBuilder toDate(LocalDate value) {
            toDate = value;
            return this;
        }

        FilterBuilder company(String value) {
            company = value;
            return this;
        }

        FilterBuilder fromPeriod(int y, int m) {
            fromPeriod = new BillingPeriod(y, m);
            return this;
        }

        FilterBuilder toPeriod(int y, int m) {
            toPeriod = new BillingPeriod(y, m);
            return this;
        }

        FilterBuilder minTotal(String value) {
            minTotal = Money.of(value);
            return this;
        }

        FilterBuilder maxTotal(String value) {
            maxTotal = Money.of(value);
            return this;
        }

        SnapshotFilter build() {
            return new SnapshotFilter(account, year, month, fromDate, toDate, company, fromPeriod, toPeriod, minTotal,
                    maxTotal);
        }
    }
}
