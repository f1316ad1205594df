package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hivematrix.archive.testkit.InMemoryJobStore;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules the out-ports themselves carry, which every adapter inherits. */
class OutPortDefaultsTest {
    private static final Instant NOW = Instant.parse("2025-11-01T02:00:00Z");

    private static SignedCheckpoint checkpoint(long size) {
        return new SignedCheckpoint(new Checkpoint("archive.test/log", size, LogHash.EMPTY_TREE), "note", NOW);
    }

    @Test
    void checkpointsOnlyGrow_theFirstMayBeTheEmptyTree_andNoSizeComesTwice() {
        LogTree.Cutter.requireAfter(Optional.empty(), checkpoint(0));
        LogTree.Cutter.requireAfter(Optional.of(checkpoint(4)), checkpoint(5));
        assertEquals("a checkpoint of size 4 after one of 4", assertThrows(IllegalStateException.class,
                () -> LogTree.Cutter.requireAfter(Optional.of(checkpoint(4)), checkpoint(4))).getMessage());
        assertThrows(IllegalStateException.class,
                () -> LogTree.Cutter.requireAfter(Optional.of(checkpoint(4)), checkpoint(3)));
    }

    @Test
    void aJobStoreWithoutItsOwnCountingUpdate_storesTheJobAllTheSame() {
        InMemoryJobStore memory = new InMemoryJobStore();
        // Overrides no update: the counting one is the port's default.
        JobStore plain = new DelegatingJobStore(memory);
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, new BillingPeriod(2025, 10), 1, "admin",
                NOW);
        plain.create(job);
        SnapshotJob progressed = job.recordSuccess(new AccountNumber("A1"), "Alpha", "archived", 1);
        plain.update(progressed, 0);
        assertEquals(1, plain.find(job.id()).orElseThrow().successCount());
    }
}
