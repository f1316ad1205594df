package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Instant;
import java.util.Optional;

/** Where bills are written: append-only, unique by invoice number and by company and period, retries by key. */
public interface SnapshotArchive {

    /**
     * Stores the snapshot, its line items, the body it came in and (when given) the idempotency key atomically,
     * unless a snapshot with the same invoice number or the same company and period exists; then nothing is
     * written and that one is returned; likewise nothing is written when the caller's key is already taken. Of
     * racing saves of clashing snapshots (or under one key) exactly one is {@link SaveResult.Saved}.
     *
     * @param body       the request body, with the fingerprint the use case took of it (stored, never recomputed)
     * @param archivedAt the service's reading of its clock; a store whose database keeps the time itself records the
     *                   database's instead (PostgreSQL does, see migration V13). Either way {@link SaveResult.Saved}
     *                   carries the time as stored, and that is the one to report.
     * @param key        the caller's idempotency key, or null
     */
    SaveResult save(Snapshot snapshot, ReceivedBody body, Instant archivedAt, IdempotencyKey key);

    /** The request a caller's idempotency key was first used with, if any. */
    Optional<IdempotencyRecord> findIdempotencyKey(String caller, String key);

    /** Outcome of {@link #save}. */
    sealed interface SaveResult {
        /** The snapshot was stored as this. */
        record Saved(ArchivedSnapshot snapshot) implements SaveResult {
        }

        /** A clashing snapshot was already stored; the new one was not. */
        record AlreadyArchived(ArchivedSnapshot existing) implements SaveResult {
        }

        /** The caller's idempotency key was already used (perhaps by a racing request); nothing was stored. */
        record KeyTaken() implements SaveResult {
        }
    }

    /** A remembered idempotency key: the body fingerprint it came with and the snapshot it created. */
    record IdempotencyRecord(String requestSha256, InvoiceNumber invoiceNumber) {
    }
}
