package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.application.port.out.SnapshotStore;

/** Holds the in-memory fake to the same contract as the real store, so tests over the fake mean something. */
class InMemorySnapshotStoreTest extends SnapshotSearchContract {
    @Override
    protected SnapshotStore newStore() {
        return new InMemorySnapshotStore();
    }
}
