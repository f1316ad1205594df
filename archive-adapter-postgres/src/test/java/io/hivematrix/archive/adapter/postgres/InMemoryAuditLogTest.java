package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.testkit.InMemoryAuditLog;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;

/** Holds the in-memory audit log to the same contract as the database's. */
class InMemoryAuditLogTest extends AuditLogContract {
    @Override
    protected Parts newParts() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        return new Parts(store, new InMemoryAuditLog(store));
    }
}
