/**
 * The billing archive's model: self-validating values ({@link io.hivematrix.archive.domain.InvoiceNumber},
 * {@link io.hivematrix.archive.domain.Money}, {@link io.hivematrix.archive.domain.BillingPeriod} ...),
 * the immutable {@link io.hivematrix.archive.domain.Snapshot} with its content hash, the monthly
 * {@link io.hivematrix.archive.domain.SnapshotJob} and the {@link io.hivematrix.archive.domain.SchedulePolicy}.
 * Depends on nothing but {@code java.base}.
 */
package io.hivematrix.archive.domain;
