package io.hivematrix.archive.bench.data;

import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SettableClock;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult;
import io.hivematrix.archive.application.service.CreateSnapshotService;
import io.hivematrix.archive.bench.rest.BenchSnapshotRequests;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import java.time.Instant;

/**
 * Turns a Ledger body into the row the service would store, through the code {@code POST /api/snapshot}
 * runs: the REST adapter's body reading, then the create use case (validation, canonical record, hashes).
 * One instance per thread: its clock holds the bill in flight.
 */
final class ProductionPath {
    /** The service Ledger's token names; the default {@code created_by} is {@code service:ledger}. */
    private static final String SENDER = "ledger";

    private final SettableClock clock = new SettableClock(Instant.EPOCH);

    StoredSnapshot archive(long id, String body, Instant archivedAt) {
        clock.set(archivedAt);
        // A fresh copy of the service's in-memory store per bill: held to the same contract as the database
        // store (content_sha256 of the body, micros), it follows every change to the port, and is dropped at once.
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        CreateSnapshotService createSnapshot = new CreateSnapshotService(store, store, clock);
        CreateSnapshotResult result = createSnapshot.create(BenchSnapshotRequests.command(body, SENDER));
        if (!(result instanceof CreateSnapshotResult.Created created)) {
            throw new IllegalStateException("the service would not archive a generated bill: " + result);
        }
        ArchivedSnapshot stored = created.snapshot();
        // The store's own id is meaningless here: the row goes in under the id reserved from the database.
        return new StoredSnapshot(id, stored.archivedAt(), stored.snapshot(), body, stored.contentSha256());
    }
}
