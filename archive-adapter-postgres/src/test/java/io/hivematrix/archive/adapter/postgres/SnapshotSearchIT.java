package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.GeneratedBills.Planned;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's search against the reference semantics over 10,000 generated snapshots: for each of three
 * value sets, every one of the 2^10 combinations of the ten filters must give the same count, the same
 * first page and the same keyset second page as the in-memory store holding the same data.
 */
class SnapshotSearchIT {
    private static final int PAGE = 50;
    private static PostgresDatabase database;
    private static SnapshotStore postgres;
    private static InMemorySnapshotStore memory;

    @BeforeAll
    static void loadTenThousand() throws Exception {
        // The generated bills' archive times spread over years, so that the date filters select something.
        database = TestPostgres.migratedChoosingArchiveTimes(SnapshotSearchIT.class);
        postgres = database.snapshotStore();
        memory = new InMemorySnapshotStore();
        long start = System.nanoTime();
        List<Planned> plan = new GeneratedBills(42).plan("S", 250, 40);
        List<ArchivedSnapshot> saved = GeneratedBills.saveAll(postgres, plan, 4);
        // The fake numbers rows 1, 2, 3… in save order: replaying in PostgreSQL's id order gives both the same ids.
        for (ArchivedSnapshot s : saved) {
            ArchivedSnapshot copy = ((SnapshotStore.SaveResult.Saved) memory.save(s.snapshot(),
                    ReceivedBody.of("{}"), s.archivedAt(), null))
                    .snapshot();
            assertEquals(s.id(), copy.id(), "PostgreSQL ids must run 1..n without gaps for the comparison");
        }
        database.dbClient().execute().dml("ANALYZE billing_snapshots");
        System.out.printf("loaded %d snapshots in %d ms%n", saved.size(), (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void everyFilterCombination_agreesWithTheInMemoryReference() {
        List<SnapshotFilter> values = List.of(
                new SnapshotFilter(new AccountNumber("S-0007"), 2024, 6, LocalDate.of(2024, 3, 15),
                        LocalDate.of(2024, 11, 30), "acme", new BillingPeriod(2021, 3), new BillingPeriod(2025, 10),
                        Money.of("1000.00"), Money.of("6000.00")),
                new SnapshotFilter(new AccountNumber("S-0123"), 2022, 12, LocalDate.of(2024, 6, 1),
                        LocalDate.of(2024, 6, 1), "_", new BillingPeriod(2022, 12), new BillingPeriod(2022, 12),
                        Money.of("-20.00"), Money.of("0.00")),
                new SnapshotFilter(new AccountNumber("S-0200"), 2026, 1, LocalDate.of(2024, 12, 31),
                        LocalDate.of(2025, 2, 28), "ünï", new BillingPeriod(2019, 1), new BillingPeriod(2020, 6),
                        Money.of("0.00"), Money.of("99.99")));
        long start = System.nanoTime();
        int combinations = 0;
        int nonEmpty = 0;
        int multiPage = 0;
        for (SnapshotFilter all : values) {
            for (int mask = 0; mask < 1 << 10; mask++) {
                SnapshotFilter f = subset(all, mask);
                long count = memory.count(f);
                assertEquals(count, postgres.count(f), () -> "count for " + f);
                List<SnapshotSummary> first = memory.searchFor(f).page(null, 0, PAGE);
                assertEquals(ids(first), ids(postgres.searchFor(f).page(null, 0, PAGE)), () -> "first page for " + f);
                if (first.size() == PAGE) {
                    SnapshotCursor after = first.getLast().cursor();
                    assertEquals(ids(memory.searchFor(f).page(after, 0, PAGE)),
                            ids(postgres.searchFor(f).page(after, 0, PAGE)),
                            () -> "second page for " + f);
                    multiPage++;
                }
                combinations++;
                nonEmpty += count > 0 ? 1 : 0;
            }
        }
        System.out.printf("%d combinations (%d non-empty, %d with a second page) in %d ms%n", combinations, nonEmpty,
                multiPage, (System.nanoTime() - start) / 1_000_000);
        // Guards against a vacuous pass: the value sets must actually select rows in many combinations.
        assertTrue(nonEmpty > combinations / 4, "only " + nonEmpty + " non-empty combinations");
        assertTrue(multiPage > 100, "only " + multiPage + " combinations with a second page");
    }

    @Test
    void wholeResult_agreesForTheUnfilteredSearchAndExport() {
        assertEquals(10_000, postgres.count(SnapshotFilter.ALL));
        assertEquals(memory.searchFor(SnapshotFilter.ALL).page(null, 0, 10_000),
                postgres.searchFor(SnapshotFilter.ALL).page(null, 0, 10_000));
        List<SnapshotSummary> exported = new ArrayList<>();
        postgres.export(SnapshotFilter.ALL, exported::add);
        assertEquals(memory.searchFor(SnapshotFilter.ALL).page(null, 0, 10_000), exported);
    }

    @Test
    void cursorPaging_visitsEveryExistingRowOnce_whileNewSnapshotsArrive() throws Exception {
        // Its own database: the rows arriving here must not disturb the comparison above.
        try (PostgresDatabase own = PostgresDatabase.connect(TestPostgres.newDatabase(SnapshotSearchIT.class))) {
            own.migrate();
            SnapshotStore store = own.snapshotStore();
            GeneratedBills generator = new GeneratedBills(7);
            Set<Long> existing = idSet(GeneratedBills.saveAll(store, generator.plan("P", 60, 50), 4));
            AtomicInteger arrived = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = Thread.ofPlatform().name("arriving-snapshots").start(() -> {
                try {
                    // New bills land anywhere in the order (archive times span the same 400 days), also behind the cursor.
                    for (int i = 0; !stop.get(); i++) {
                        Planned p = generator.next("NEW-" + i, new BillingPeriod(2025, 1));
                        store.save(p.snapshot(), ReceivedBody.of("{}"), p.archivedAt(), null);
                        arrived.incrementAndGet();
                    }
                } catch (Throwable t) {
                    writerFailure.set(t);
                }
            });
            List<SnapshotSummary> visited = new ArrayList<>();
            try {
                SnapshotCursor cursor = null;
                List<SnapshotSummary> page;
                do {
                    int before = arrived.get();
                    page = store.searchFor(SnapshotFilter.ALL).page(cursor, 0, 100);
                    visited.addAll(page);
                    cursor = page.isEmpty() ? cursor : page.getLast().cursor();
                    awaitMore(arrived, before); // so that every page boundary really has writes in between
                } while (page.size() == 100);
            } finally {
                stop.set(true);
                writer.join();
            }

            assertNull(writerFailure.get(), "the writer failed");
            List<Long> visitedIds = ids(visited);
            assertEquals(visitedIds.size(), new HashSet<>(visitedIds).size(), "a row was visited twice");
            assertTrue(new HashSet<>(visitedIds).containsAll(existing), "a pre-existing row was skipped");
            for (int i = 1; i < visited.size(); i++) {
                SnapshotSummary prev = visited.get(i - 1);
                SnapshotSummary cur = visited.get(i);
                assertTrue(prev.cursor().isBefore(cur.archivedAt(), cur.id()), "order broke at " + i);
            }
            assertTrue(arrived.get() >= 30, "only " + arrived.get() + " snapshots arrived during the walk");
            System.out.printf("walked %d rows (%d pre-existing) while %d arrived%n", visited.size(), existing.size(),
                    arrived.get());
        }
    }

    private static void awaitMore(AtomicInteger counter, int than) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (counter.get() <= than && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** The filter with only the fields whose bit is set in {@code mask}. */
    static SnapshotFilter subset(SnapshotFilter f, int mask) {
        return new SnapshotFilter(
                (mask & 1) != 0 ? f.account() : null,
                (mask & 2) != 0 ? f.year() : null,
                (mask & 4) != 0 ? f.month() : null,
                (mask & 8) != 0 ? f.fromDate() : null,
                (mask & 16) != 0 ? f.toDate() : null,
                (mask & 32) != 0 ? f.companyContains() : null,
                (mask & 64) != 0 ? f.fromPeriod() : null,
                (mask & 128) != 0 ? f.toPeriod() : null,
                (mask & 256) != 0 ? f.minTotal() : null,
                (mask & 512) != 0 ? f.maxTotal() : null);
    }

    static List<Long> ids(List<SnapshotSummary> page) {
        return page.stream().map(SnapshotSummary::id).toList();
    }

    static Set<Long> idSet(List<ArchivedSnapshot> saved) {
        Set<Long> ids = new HashSet<>();
        saved.forEach(s -> ids.add(s.id()));
        return ids;
    }
}
