package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.application.port.out.AuditLog;

/** Use cases of the audit trail: seal what is waiting, show the head, verify the whole chain. */
public interface AuditTrail {

    /** Seals everything waiting now (in batches); returns how many snapshots were sealed. */
    int sealPending();

    AuditLog.Head head();

    /** Recomputes every fingerprint and link and names the first record that no longer matches. */
    Verification verify();

    /**
     * The outcome of a full verification.
     *
     * @param checked     how many links were checked before stopping
     * @param firstBroken the first record that no longer matches, or null when all do
     */
    record Verification(boolean ok, long checked, AuditLog.Head head, Broken firstBroken) {
    }

    /** The first mismatch: where it is, what was expected and what was found. */
    record Broken(long seq, String invoiceNumber, String problem, String expected, String found) {
    }
}
