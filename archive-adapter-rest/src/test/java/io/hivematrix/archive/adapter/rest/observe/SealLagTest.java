package io.hivematrix.archive.adapter.rest.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemoryAuditLog;
import io.hivematrix.archive.testkit.InMemoryLogTree;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.out.AuditLog;
import io.hivematrix.archive.application.service.AuditTrailService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Seal lag counts from the sealer's last full run while snapshots wait, and readiness turns DOWN past its limit. */
class SealLagTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T00:00:00Z"));
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final AtomicInteger heads = new AtomicInteger();
    private final InMemoryAuditLog inner = new InMemoryAuditLog(store);
    private final AuditLog log = new CountingAuditLog(inner, heads);
    private final SealLag sealLag = new SealLag(new AuditTrailService(log, new InMemoryLogTree(inner, store),
            clock), Duration.ofSeconds(1), clock);

    @Test
    void lagIsZeroWhileNothingWaits_andGrowsFromTheLastFullSealWhileSomethingDoes() {
        HealthCheck lag = sealLag.check();
        clock.advance(Duration.ofMinutes(10)); // idle for long: no lag, nothing waits
        assertEquals(0.0, sealLag.seconds(sealLag.pending()));
        assertTrue(lag.isUp());

        sealLag.sealer().getAsInt();
        store.save(SampleSnapshots.bill("620547", 2025, 10), ReceivedBody.of("{}"), clock.instant(), null);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, sealLag.pending());
        assertEquals(2.0, sealLag.seconds(1));
        assertTrue(lag.isUp());

        clock.advance(Duration.ofSeconds(59)); // the sealer stopped working: 61 s > the 60 s limit
        assertFalse(lag.isUp());
        assertEquals(61.0, lag.details().get("lag_seconds"));
        assertEquals(60L, lag.details().get("limit_seconds"));

        sealLag.sealer().getAsInt();
        assertEquals(0, sealLag.pending());
        assertTrue(lag.isUp());
    }

    @Test
    void theUnsealedCount_isReadAtMostOnceASecond() {
        HealthCheck lag = sealLag.check();
        heads.set(0);
        lag.isUp();
        lag.details();
        sealLag.pending();
        assertEquals(1, heads.get(), "one reading serves the health check and the gauges");
        clock.advance(Duration.ofSeconds(1));
        sealLag.pending();
        assertEquals(2, heads.get());
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Counts how often the head is read. */
    private record CountingAuditLog(AuditLog inner, AtomicInteger heads) implements AuditLog {
        @Override
        public int sealPending(int maxBatch, Instant sealedAt) {
            return inner.sealPending(maxBatch, sealedAt);
        }

        @Override
        public AuditHead head() {
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

        @Override
        public java.util.Optional<TotalsDrift> firstTotalsDrift() {
            return inner.firstTotalsDrift();
        }
    }
}
