package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchivedSnapshotTest {
    private static final Instant AT = Instant.parse("2025-11-01T02:00:00Z");

    @Test
    void sameContentAs_comparesFingerprints() {
        Snapshot stored = new SnapshotBuilder().build();
        ArchivedSnapshot archived = new ArchivedSnapshot(1, AT, stored.contentSha256(), stored);
        SnapshotBuilder changed = new SnapshotBuilder();
        changed.notes = "resubmitted";
        assertTrue(archived.sameContentAs(new SnapshotBuilder().build()));
        assertFalse(archived.sameContentAs(changed.build()));
    }

    @Test
    void sameContentAs_trustsTheStoredFingerprint() {
        // A stored fingerprint that no longer matches its content must not compare equal.
        Snapshot stored = new SnapshotBuilder().build();
        ArchivedSnapshot tampered = new ArchivedSnapshot(1, AT, "0".repeat(64), stored);
        assertFalse(tampered.sameContentAs(stored));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void nonPositiveId_isRejected(long id) {
        Snapshot s = new SnapshotBuilder().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ArchivedSnapshot(id, AT, s.contentSha256(), s));
        assertEquals("id must be positive", e.getMessage());
    }

    @Test
    void missingParts_areRejected() {
        Snapshot s = new SnapshotBuilder().build();
        assertThrows(NullPointerException.class, () -> new ArchivedSnapshot(1, null, s.contentSha256(), s));
        assertThrows(NullPointerException.class, () -> new ArchivedSnapshot(1, AT, null, s));
        assertThrows(NullPointerException.class, () -> new ArchivedSnapshot(1, AT, "x", null));
    }
}
