package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.rest.HealthCheck;
import io.hivematrix.archive.testkit.InMemoryAuditLog;
import io.hivematrix.archive.testkit.InMemoryLogTree;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.out.AuditLog;
import io.hivematrix.archive.application.service.AuditTrailService;
import io.hivematrix.archive.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seal lag counts from the sealer's last full run while snapshots wait, and readiness turns DOWN past its limit. */
class OperationsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T00:00:00Z"));
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final AtomicInteger heads = new AtomicInteger();
    private final InMemoryAuditLog inner = new InMemoryAuditLog(store);
    private final AuditLog log = new CountingAuditLog(inner, heads);
    private final Operations operations = new Operations(new AuditTrailService(log, new InMemoryLogTree(inner, store),
            clock), Duration.ofSeconds(1), clock);

    @AfterEach
    void close() {
        operations.close();
    }

    @Test
    void lagIsZeroWhileNothingWaits_andGrowsFromTheLastFullSealWhileSomethingDoes() {
        HealthCheck lag = sealLag();
        clock.advance(Duration.ofMinutes(10)); // idle for long: no lag, nothing waits
        assertEquals(0.0, operations.sealLagSeconds(operations.pending()));
        assertTrue(lag.isUp());

        operations.sealer().run();
        store.save(SampleSnapshots.bill("620547", 2025, 10), "{}", clock.instant());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, operations.pending());
        assertEquals(2.0, operations.sealLagSeconds(1));
        assertTrue(lag.isUp());

        clock.advance(Duration.ofSeconds(59)); // the sealer stopped working: 61 s > the 60 s limit
        assertFalse(lag.isUp());
        assertEquals(61.0, lag.details().get("lag_seconds"));
        assertEquals(60L, lag.details().get("limit_seconds"));

        operations.sealer().run();
        assertEquals(0, operations.pending());
        assertTrue(lag.isUp());
    }

    @Test
    void theUnsealedCount_isReadAtMostOnceASecond() {
        HealthCheck lag = sealLag();
        heads.set(0);
        lag.isUp();
        lag.details();
        operations.pending();
        assertEquals(1, heads.get(), "one reading serves the health check and the gauges");
        clock.advance(Duration.ofSeconds(1));
        operations.pending();
        assertEquals(2, heads.get());
    }

    @Test
    void readiness_turnsDownOnceStopping() {
        HealthCheck accepting = operations.observability(() -> true, () -> true, false).readiness().getFirst();
        assertEquals("accepting", accepting.name());
        assertTrue(accepting.isUp());
        operations.stopping();
        assertFalse(accepting.isUp());
    }

    private HealthCheck sealLag() {
        return operations.observability(() -> true, () -> true, false).readiness().stream()
                .filter(c -> c.name().equals("seal_lag")).findFirst().orElseThrow();
    }

    /** Counts how often the head is read. */
    private record CountingAuditLog(AuditLog inner, AtomicInteger heads) implements AuditLog {
        @Override
        public int sealPending(int maxBatch, Instant sealedAt) {
            return inner.sealPending(maxBatch, sealedAt);
        }

        @Override
        public Head head() {
            heads.incrementAndGet();
            return inner.head();
        }

        @Override
        public void readChain(java.util.function.Consumer<ChainedRecord> sink) {
            inner.readChain(sink);
        }

        @Override
        public long countUnaccounted() {
            return inner.countUnaccounted();
        }
    }
}
