package io.hivematrix.archive.application.port.in;

/** Use case: how big the archive is, for its overview page. */
public interface ReadArchiveTotals {
    Totals totals();

    /**
     * @param snapshots every archived bill
     * @param companies every company with at least one
     */
    record Totals(long snapshots, long companies) {
    }
}
