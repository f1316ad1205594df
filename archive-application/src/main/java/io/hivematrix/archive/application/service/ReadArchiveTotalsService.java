package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.ReadArchiveTotals;
import io.hivematrix.archive.application.port.out.SnapshotSearch;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.util.Objects;

/** Counts the archive's bills and companies. */
public final class ReadArchiveTotalsService implements ReadArchiveTotals {
    private final SnapshotSearch store;

    public ReadArchiveTotalsService(SnapshotSearch store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public Totals totals() {
        return new Totals(store.count(SnapshotFilter.ALL), store.countCompanies());
    }
}
