/**
 * Decorators of in- and out-ports that record what happened (snapshots created, duplicates, Ledger calls, job
 * runs and their per-company outcomes) and the one registry that renders them for Prometheus.
 */
package io.hivematrix.archive.adapter.metrics;
