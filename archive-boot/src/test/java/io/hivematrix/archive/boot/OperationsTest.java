package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.rest.observe.HealthCheck;
import io.hivematrix.archive.application.service.AuditTrailService;
import io.hivematrix.archive.testkit.InMemoryAuditLog;
import io.hivematrix.archive.testkit.InMemoryLogTree;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness turns DOWN as soon as a graceful stop begins (the seal lag check is SealLagTest's, in the REST adapter). */
class OperationsTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final InMemoryAuditLog log = new InMemoryAuditLog(store);
    private final Operations operations = new Operations(new AuditTrailService(log, new InMemoryLogTree(log, store),
            clock), Duration.ofSeconds(1), clock);

    @AfterEach
    void close() {
        operations.close();
    }

    @Test
    void readiness_turnsDownOnceStopping() {
        HealthCheck accepting = operations.observability(() -> true, () -> true, false).readiness().getFirst();
        assertEquals("accepting", accepting.name());
        assertTrue(accepting.isUp());
        operations.stopping();
        assertFalse(accepting.isUp());
    }
}
