package io.hivematrix.archive.domain;

import java.time.Instant;
import java.util.Objects;

/** A snapshot as the archive holds it: with the id and time it was archived and its stored fingerprint. */
public record ArchivedSnapshot(long id, Instant archivedAt, String contentSha256, Snapshot snapshot) {
    public ArchivedSnapshot {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive");
        }
        Objects.requireNonNull(archivedAt, "archived at");
        Objects.requireNonNull(contentSha256, "content sha256");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    /** Whether a new submission says exactly what this archived snapshot says. */
    public boolean sameContentAs(Snapshot candidate) {
        return contentSha256.equals(candidate.contentSha256());
    }
}
