package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.port.out.MonthlyTotals;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.testkit.InMemoryMonthlyTotals;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;

/** The in-memory report, which adds up its bills at every call, held to the contract PostgreSQL's kept totals meet. */
class InMemoryMonthlyTotalsTest extends MonthlyTotalsContract {
    @Override
    protected SnapshotStore newStore() {
        return new InMemorySnapshotStore();
    }

    @Override
    protected MonthlyTotals totalsOver(SnapshotStore store) {
        return new InMemoryMonthlyTotals(store);
    }
}
