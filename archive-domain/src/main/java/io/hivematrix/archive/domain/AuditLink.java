package io.hivematrix.archive.domain;

import java.nio.charset.StandardCharsets;
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
    /** The first line of a leaf's data: names the leaf format, so that a later one can be told apart. */
    public static final String LEAF_VERSION = "hivematrix-archive/leaf/v1";

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

    /**
     * This link's leaf in the transparency log (leaf {@code seq - 1}): the UTF-8 bytes of six lines, each ending with
     * a newline: {@code hivematrix-archive/leaf/v1}, the sequence number, the invoice number, the body's and the
     * record's SHA-256 (64 lower-case hex digits each), and the archive time in microseconds since the epoch.
     */
    public byte[] leafData() {
        return (LEAF_VERSION + "\n" + seq + "\n" + invoiceNumber.value() + "\n" + contentSha256 + "\n" + recordSha256
                + "\n" + micros(archivedAt) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** This link's leaf hash (RFC 9162: SHA-256 of 0x00 and {@link #leafData}). */
    public LogHash leafHash() {
        return MerkleLog.leafHash(leafData());
    }

    static String hash(String prevHash, long seq, String contentSha256, String recordSha256, Instant archivedAt) {
        return Sha256.hex(prevHash + "|" + seq + "|" + contentSha256 + "|" + recordSha256 + "|" + micros(archivedAt));
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
