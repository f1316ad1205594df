package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.testkit.InMemoryJobStore;
import io.hivematrix.archive.application.port.out.JobStore;

/** Holds the in-memory fake to the same contract as the real store. */
class InMemoryJobStoreTest extends JobStoreContract {
    @Override
    protected JobStore newStore() {
        return new InMemoryJobStore();
    }
}
