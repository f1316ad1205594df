/**
 * The monthly-run benchmark: the test kit's fake Core, Codex and Ledger on loopback that {@code bench/monthly}
 * points the real service at, so a run is timed end to end through its HTTP clients, job store and database.
 */
package io.hivematrix.archive.bench.monthly;
