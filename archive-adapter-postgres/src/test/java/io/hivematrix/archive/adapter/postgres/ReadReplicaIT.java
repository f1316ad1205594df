package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.testing.ReplicatedPostgres;
import io.hivematrix.archive.application.port.out.SnapshotSearch;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import io.hivematrix.archive.testkit.SampleSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads on a real streaming replica (two PostgreSQL 17 servers on loopback): a bill reads back at once after its
 * create however far behind the replica is; a replica too far behind, or gone, sends reads to the primary, and they
 * come back when it recovers; and the replica answers every read as the primary does.
 */
class ReadReplicaIT {
    private static final Duration MAX_LAG = Duration.ofSeconds(1);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static ReplicatedPostgres servers;
    private static PostgresDatabase primary;
    private static ReadReplica reads;
    private static SnapshotStore store;
    private static int accounts = 700_000;

    @BeforeAll
    static void start() {
        servers = ReplicatedPostgres.start();
        primary = PostgresDatabase.connect(servers.primary(""));
        primary.migrate();
        servers.awaitCaughtUp(CATCH_UP);
        reads = ReadReplica.open(primary, servers.replica(), 1, MAX_LAG);
        store = reads.snapshotStore();
    }

    @AfterAll
    static void stop() {
        if (reads != null) {
            reads.close();
        }
        if (primary != null) {
            primary.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void aBillJustCreated_readsBackAtOnce_whileTheReplicaHasNotReplayedIt() {
        String account = nextAccount();
        servers.pauseReplay();
        try {
            save(account, 2025, 10);
            reads.check();
            assertTrue(reads.status().serving(), "within the allowed lag: " + reads.status());

            InvoiceNumber invoice = new InvoiceNumber(account + "-202510");
            assertTrue(store.findByInvoiceNumber(invoice).isPresent(), "read your own write: the primary has it");
            assertTrue(store.findCsv(invoice).isPresent());
            assertTrue(store.findByAccountAndPeriod(new AccountNumber(account), new BillingPeriod(2025, 10))
                    .isPresent());
            // Lists come from the replica, which has not replayed the bill yet.
            assertEquals(0, store.findByAccount(new AccountNumber(account), 0, 10).size());
        } finally {
            servers.resumeReplay();
        }
        servers.awaitCaughtUp(CATCH_UP);
        assertEquals(1, store.findByAccount(new AccountNumber(account), 0, 10).size());
    }

    @Test
    void aReplicaBehindByMoreThanAllowed_sendsReadsToThePrimary_untilItCatchesUp() throws InterruptedException {
        String account = nextAccount();
        servers.pauseReplay();
        try {
            save(account, 2025, 11);
            reads.check(); // samples the primary's position with the bill in it
            Thread.sleep(MAX_LAG.plusMillis(300));
            reads.check();

            ReadReplica.Status status = reads.status();
            assertFalse(status.serving(), status.toString());
            assertEquals("degraded: replica", status.state());
            assertTrue(status.reason().contains("behind") && status.reason().contains("replay is paused"),
                    status.reason());
            assertTrue(status.lagSeconds() > MAX_LAG.toSeconds(), status.toString());
            assertEquals(1, store.findByAccount(new AccountNumber(account), 0, 10).size(), "read on the primary");
        } finally {
            servers.resumeReplay();
        }
        servers.awaitCaughtUp(CATCH_UP);
        reads.check();
        assertTrue(reads.status().serving(), reads.status().toString());
        assertEquals(0.0, reads.status().lagSeconds(), 0.5);
    }

    @Test
    void aStoppedReplica_sendsReadsToThePrimaryAtOnce_andTakesThemBackWhenItIsUpAgain() {
        String account = nextAccount();
        save(account, 2024, 1);
        servers.awaitCaughtUp(CATCH_UP);
        reads.check();
        assertTrue(reads.status().serving());

        servers.stopReplica();
        try {
            save(account, 2024, 2);
            // No check ran since: the read itself finds the replica gone and asks the primary.
            assertEquals(2L, (long) reads.withReads(database -> database.snapshotStore().count(byAccount(account))));
            assertEquals("unreachable", reads.status().reason());
            assertEquals(2, store.findByAccount(new AccountNumber(account), 0, 10).size());
            reads.check();
            assertFalse(reads.status().serving());
            assertEquals(2, store.count(byAccount(account)));
            assertEquals(2, searchAll(store, byAccount(account)).size());
        } finally {
            servers.startReplica();
        }
        servers.awaitCaughtUp(CATCH_UP);
        awaitServing(); // the pool reconnects to the replica in its own time: a check or a few later
        servers.pauseReplay(); // now only a read on the replica misses the next bill in lists
        try {
            save(account, 2024, 3);
            assertEquals(2, store.findByAccount(new AccountNumber(account), 0, 10).size());
        } finally {
            servers.resumeReplay();
        }
    }

    @Test
    void aFrozenReplica_failsItsCheckInSeconds_andReadsGoToThePrimaryMeanwhile() {
        String account = nextAccount();
        save(account, 2021, 7);
        servers.awaitCaughtUp(CATCH_UP);
        reads.check();
        assertTrue(reads.status().serving());

        servers.freezeReplica(); // accepts connections, answers nothing
        try {
            long started = System.nanoTime();
            reads.check();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals("unreachable", reads.status().reason(), reads.status().toString());
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "the check gave up rather than hang: " + took);
            assertEquals(1, store.findByAccount(new AccountNumber(account), 0, 10).size(), "read on the primary");
        } finally {
            servers.thawReplica();
        }
        awaitServing();
    }

    @Test
    void theReplicaAnswersEveryReadAsThePrimaryDoes() {
        String first = nextAccount();
        String second = nextAccount();
        for (int month = 1; month <= 12; month++) {
            save(first, 2023, month);
            if (month % 3 == 0) {
                save(second, 2023, month);
            }
        }
        servers.awaitCaughtUp(CATCH_UP);
        reads.check();
        assertTrue(reads.status().serving());
        try (PostgresDatabase replicaOnly = PostgresDatabase.connectReplica(servers.replica(), 1)) {
            SnapshotStore onPrimary = primary.snapshotStore();
            SnapshotStore onReplica = replicaOnly.snapshotStore();
            for (SnapshotFilter filter : List.of(SnapshotFilter.ALL, byAccount(first), byAccount(second),
                    new SnapshotFilter(null, 2023, null, null, null, "acme", null, null, null, null),
                    new SnapshotFilter(null, null, null, null, null, null, new BillingPeriod(2023, 3),
                            new BillingPeriod(2023, 6), null, null))) {
                assertEquals(searchAll(onPrimary, filter), searchAll(onReplica, filter), filter.toString());
                assertEquals(searchAll(onPrimary, filter), searchAll(store, filter), "routed: " + filter);
                assertEquals(onPrimary.count(filter), store.count(filter));
                assertEquals(exportAll(onPrimary, filter), exportAll(store, filter));
            }
            assertEquals(onPrimary.findByAccount(new AccountNumber(first), 2, 5),
                    store.findByAccount(new AccountNumber(first), 2, 5));
            assertEquals(onPrimary.countCompanies(), store.countCompanies());
            assertEquals(primary.monthlyTotals().allCompanies(new BillingPeriod(2023, 1), new BillingPeriod(2023, 12)),
                    reads.monthlyTotals().allCompanies(new BillingPeriod(2023, 1), new BillingPeriod(2023, 12)));
            assertEquals(primary.monthlyTotals().ofCompany(new AccountNumber(second), new BillingPeriod(2023, 1),
                    new BillingPeriod(2023, 12)), reads.monthlyTotals().ofCompany(new AccountNumber(second),
                    new BillingPeriod(2023, 1), new BillingPeriod(2023, 12)));
        }
    }

    @Test
    void aServerThatIsNotAStandby_isNeverReadFrom() {
        try (ReadReplica notAReplica = ReadReplica.open(primary, servers.primary(""), 1, MAX_LAG)) {
            assertFalse(notAReplica.status().serving());
            assertTrue(notAReplica.status().reason().startsWith("not a standby"), notAReplica.status().reason());
        }
    }

    @Test
    void writesNeverGoToTheReplica() {
        String account = nextAccount();
        save(account, 2022, 5); // the replica is read-only: this passes only because the save went to the primary
        servers.awaitCaughtUp(CATCH_UP);
        assertEquals(1, store.count(byAccount(account)));
        assertTrue(store.invoicesFor(new BillingPeriod(2022, 5)).containsKey(new AccountNumber(account)));
    }

    /** Checks as the service does (once a second, here more often) until the replica serves again. */
    private static void awaitServing() {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        reads.check();
        while (!reads.status().serving() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            reads.check();
        }
        assertTrue(reads.status().serving(), reads.status().toString());
    }

    private static List<SnapshotSummary> searchAll(SnapshotStore on, SnapshotFilter filter) {
        SnapshotSearch.Search search = on.searchFor(filter);
        List<SnapshotSummary> all = new ArrayList<>();
        for (int offset = 0; ; offset += 5) {
            List<SnapshotSummary> page = search.page(null, offset, 5);
            all.addAll(page);
            if (page.size() < 5) {
                return all;
            }
        }
    }

    private static List<SnapshotSummary> exportAll(SnapshotStore on, SnapshotFilter filter) {
        List<SnapshotSummary> rows = new ArrayList<>();
        on.export(filter, rows::add);
        return rows;
    }

    private static SnapshotFilter byAccount(String account) {
        return new SnapshotFilter(new AccountNumber(account), null, null, null, null, null, null, null, null, null);
    }

    private static void save(String account, int year, int month) {
        var result = store.save(SampleSnapshots.bill(account, year, month), ReceivedBody.of("{}"), Instant.now(), null);
        assertTrue(result instanceof SnapshotStore.SaveResult.Saved, result.toString());
    }

    private static synchronized String nextAccount() {
        return Integer.toString(++accounts);
    }
}
