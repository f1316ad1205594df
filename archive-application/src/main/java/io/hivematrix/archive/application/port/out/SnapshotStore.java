package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where archived bills are kept: append-only, unique by invoice number and by company and period. */
public interface SnapshotStore {

    /**
     * Stores the snapshot and its line items atomically, unless a snapshot with the same invoice
     * number or the same company and period exists; then nothing is written and that one is returned.
     * Safe under any concurrency: of racing saves of clashing snapshots exactly one is {@link Saved}.
     */
    SaveResult save(Snapshot snapshot, String receivedBody, Instant archivedAt);

    Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber);

    Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account, BillingPeriod period);

    /** Every snapshot of one company, newest billing period first. */
    List<ArchivedSnapshot> findByAccount(AccountNumber account);

    /** Outcome of {@link #save}. */
    sealed interface SaveResult {
        /** The snapshot was stored as this. */
        record Saved(ArchivedSnapshot snapshot) implements SaveResult {
        }

        /** A clashing snapshot was already stored; the new one was not. */
        record AlreadyArchived(ArchivedSnapshot existing) implements SaveResult {
        }
    }
}
