package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.testkit.InMemoryScheduleStore;
import io.hivematrix.archive.application.port.out.ScheduleStore;

/** Holds the in-memory fake to the same contract as the real store. */
class InMemoryScheduleStoreTest extends ScheduleStoreContract {
    @Override
    protected ScheduleStore newStore() {
        return new InMemoryScheduleStore();
    }
}
