package io.hivematrix.archive.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One link of the audit chain: which snapshot sits at {@code seq}, with the fingerprints it had when
 * sealed, chained to its predecessor by {@code entryHash = sha256(prevHash | seq | contentSha256 |
 * recordSha256 | archivedAt in epoch microseconds)}.
 */
public record AuditLink(long seq, long snapshotId, InvoiceNumber invoiceNumber, String contentSha256,
                        String recordSha256, Instant archivedAt, String prevHash, String entryHash) {
    /** What the first link's predecessor hash is. */
    public static final String GENESIS = "0".repeat(64);

    public AuditLink {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be positive");
        }
        Objects.requireNonNull(invoiceNumber, "invoice number");
        Objects.requireNonNull(contentSha256, "content sha256");
        Objects.requireNonNull(recordSha256, "record sha256");
        Objects.requireNonNull(archivedAt, "archived at");
        Objects.requireNonNull(prevHash, "prev hash");
        Objects.requireNonNull(entryHash, "entry hash");
    }

    /** The link that follows {@code prevHash} at {@code seq} for a snapshot with these fingerprints. */
    public static AuditLink next(String prevHash, long seq, long snapshotId, InvoiceNumber invoiceNumber,
                                 String contentSha256, String recordSha256, Instant archivedAt) {
        return new AuditLink(seq, snapshotId, invoiceNumber, contentSha256, recordSha256, archivedAt, prevHash,
                hash(prevHash, seq, contentSha256, recordSha256, archivedAt));
    }

    /** Whether this link's hash is what its own fields say it must be. */
    public boolean isSelfConsistent() {
        return entryHash.equals(hash(prevHash, seq, contentSha256, recordSha256, archivedAt));
    }

    static String hash(String prevHash, long seq, String contentSha256, String recordSha256, Instant archivedAt) {
        long micros = Math.addExact(Math.multiplyExact(archivedAt.getEpochSecond(), 1_000_000L),
                archivedAt.getNano() / 1_000);
        return Sha256.hex(prevHash + "|" + seq + "|" + contentSha256 + "|" + recordSha256 + "|" + micros);
    }
}
