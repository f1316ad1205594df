package io.hivematrix.archive.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot as the archive holds it: with its id, the time it was archived, the SHA-256 of the exact
 * request body it arrived in, and its place in the audit chain once sealed.
 *
 * @param contentSha256 SHA-256 of the body as received: what GET returns and the ETag uses
 * @param auditSeq      the snapshot's sequence number in the audit chain, or null until it is sealed
 */
public record ArchivedSnapshot(long id, Instant archivedAt, String contentSha256, Snapshot snapshot, Long auditSeq) {
    public ArchivedSnapshot(long id, Instant archivedAt, String contentSha256, Snapshot snapshot) {
        this(id, archivedAt, contentSha256, snapshot, null);
    }

    public ArchivedSnapshot {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive");
        }
        Objects.requireNonNull(archivedAt, "archived at");
        Objects.requireNonNull(contentSha256, "content sha256");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    /**
     * Whether a new submission says exactly what this archived snapshot says (whatever its JSON spelling). Who sent
     * each is not part of what they say: the same bill sent again by another principal, or first archived before
     * submitters were recorded, is still the same bill.
     */
    public boolean sameContentAs(Snapshot candidate) {
        return snapshot.withSubmittedBy(null).equals(candidate.withSubmittedBy(null));
    }

    public boolean sealed() {
        return auditSeq != null;
    }
}
