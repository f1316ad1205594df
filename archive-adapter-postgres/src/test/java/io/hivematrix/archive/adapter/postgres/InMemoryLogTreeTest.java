package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.testkit.InMemoryAuditLog;
import io.hivematrix.archive.testkit.InMemoryLogTree;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;

/** Holds the in-memory log tree to the same contract as the database's. */
class InMemoryLogTreeTest extends LogTreeContract {
    @Override
    protected Parts newParts() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        InMemoryAuditLog log = new InMemoryAuditLog(store);
        return new Parts(store, log, new InMemoryLogTree(log, store));
    }
}
