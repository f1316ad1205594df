package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.Checkpoint;
import java.util.List;

/** Use cases of the audit trail: seal what is waiting, show the head, verify the whole chain. */
public interface AuditTrail {

    /** Seals everything waiting now (in batches); returns how many snapshots were sealed. */
    int sealPending();

    AuditHead head();

    /** Recomputes every fingerprint and link and names the first record that no longer matches. */
    default Verification verify() {
        return verify(List.of());
    }

    /**
     * As {@link #verify()}, and also rebuilds the transparency log from the records: every stored hash of the log must
     * be what the records give, and the root at each checkpoint's size must be that checkpoint's (checkpoints saved
     * outside the database catch a rewrite by someone who recomputed every hash inside it).
     */
    Verification verify(List<Checkpoint> checkpoints);

    /**
     * The outcome of a full verification.
     *
     * @param checked     how many links were checked before stopping
     * @param firstBroken the first record that no longer matches, or null when all do
     * @param checkpointsMatched how many of the checkpoints given the rebuilt log matched
     */
    record Verification(boolean ok, long checked, AuditHead head, Broken firstBroken, int checkpointsMatched) {
    }

    /** The first mismatch: where it is, what was expected and what was found. */
    record Broken(long seq, String invoiceNumber, String problem, String expected, String found) {
    }
}
