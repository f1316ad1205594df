package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** The append-only audit chain over archived snapshots, and the queue of snapshots waiting to join it. */
public interface AuditLog {

    /**
     * Appends up to {@code maxBatch} waiting snapshots to the chain, oldest first, in one transaction,
     * if no other sealer (in any instance) holds the chain right now.
     *
     * @return how many were sealed, or -1 when another sealer was busy
     */
    int sealPending(int maxBatch, Instant sealedAt);

    /** The newest link with the chain's totals, or empty while nothing is sealed. */
    AuditHead head();

    /**
     * Hands every link, in sequence order, with the snapshot as it is stored now, to {@code sink}
     * while reading: constant memory at any length.
     */
    void readChain(Consumer<ChainedRecord> sink);

    /** Snapshots that are neither sealed nor waiting to be: rows that entered around the service. */
    long countUnaccounted();

    /**
     * The first billing period whose kept totals (the monthly report's summary, maintained as bills arrive) are not
     * what its bills add up to, recomputed from the bills; empty when every period agrees or the store keeps none.
     */
    Optional<TotalsDrift> firstTotalsDrift();

    /**
     * A period whose kept totals disagree with its bills.
     *
     * @param expected what the bills add up to, e.g. {@code snapshots=3 total_amount=1875.00 …}
     * @param found    what the summary holds, in the same form
     */
    record TotalsDrift(BillingPeriod period, String expected, String found) {
    }


    /**
     * A link together with the stored snapshot it names, as the database holds it today.
     *
     * @param snapshot          the stored snapshot, or empty when its row is gone or no longer readable
     * @param unreadable        why the row could not be read as a snapshot, or null
     * @param receivedBody      the stored body, or null when the row is gone
     * @param rowContentSha256  the snapshot row's own content_sha256 column, or null when the row is gone
     */
    record ChainedRecord(AuditLink link, Optional<Snapshot> snapshot, String unreadable, String receivedBody,
                         String rowContentSha256, Instant rowArchivedAt) {
    }
}
