package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.testing.ReplicatedPostgres;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The snapshot-store contract against the store that writes to a primary and reads from its streaming replica. The
 * primary's sessions commit with {@code synchronous_commit=remote_apply}, so each write is on the replica when the
 * contract reads it back; every read below is served by the replica (the lag tests are in ReadReplicaIT).
 */
class ReplicaRoutedSnapshotStoreIT extends SnapshotSearchContract {
    private static final ReplicatedPostgres servers = ReplicatedPostgres.start();
    private static final PostgresDatabase primary = migrated();
    private static final ReadReplica reads = ReadReplica.open(primary, servers.replica(), 1, Duration.ofSeconds(30));

    private static PostgresDatabase migrated() {
        PostgresDatabase database = PostgresDatabase.connect(servers.primary("-c synchronous_commit=remote_apply"));
        database.migrate();
        TestPostgres.letTestsChooseArchiveTimes(servers.primary(""));
        servers.awaitCaughtUp(Duration.ofSeconds(30));
        return database;
    }

    @Override
    protected SnapshotStore newStore() {
        return reads.snapshotStore();
    }

    @Test
    void theReadsAboveWereServedByTheReplica() {
        assertTrue(reads.status().serving(), reads.status().toString());
    }

    @AfterAll
    static void stop() {
        reads.close();
        primary.close();
        servers.close();
    }
}
