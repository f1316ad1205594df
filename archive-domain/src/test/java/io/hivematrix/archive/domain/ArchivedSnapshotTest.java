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
    void sameContentAs_comparesTheBills() {
        Snapshot stored = new SnapshotBuilder().build();
        ArchivedSnapshot archived = new ArchivedSnapshot(1, AT, stored.recordSha256(), stored);
        SnapshotBuilder changed = new SnapshotBuilder();
        changed.notes = "resubmitted";
        assertTrue(archived.sameContentAs(new SnapshotBuilder().build()));
        assertFalse(archived.sameContentAs(changed.build()));
    }

    @Test
    void sameContentAs_ignoresHowTheBodyWasSpelled() {
        // The body hash differs for a re-indented body; the bill it says is still the same.
        Snapshot stored = new SnapshotBuilder().build();
        ArchivedSnapshot archived = new ArchivedSnapshot(1, AT, Sha256.hex("{ \"spaced\": 1 }"), stored);
        assertTrue(archived.sameContentAs(new SnapshotBuilder().build()));
    }

    @Test
    void sameContentAs_ignoresWhoSentTheBill() {
        // Sent again by another principal, or first archived before submitters were recorded: the same bill.
        Snapshot stored = new SnapshotBuilder().build().withSubmittedBy("service:ledger");
        ArchivedSnapshot archived = new ArchivedSnapshot(1, AT, Sha256.hex("{}"), stored);
        assertTrue(archived.sameContentAs(stored.withSubmittedBy("user:ann@example.com")));
        ArchivedSnapshot old = new ArchivedSnapshot(2, AT, Sha256.hex("{}"), new SnapshotBuilder().build());
        assertTrue(old.sameContentAs(stored));
        SnapshotBuilder changed = new SnapshotBuilder();
        changed.notes = "resubmitted";
        assertFalse(archived.sameContentAs(changed.build().withSubmittedBy("service:ledger")));
    }

    @Test
    void sealed_onlyOnceItHasAnAuditSequenceNumber() {
        Snapshot stored = new SnapshotBuilder().build();
        assertFalse(new ArchivedSnapshot(1, AT, Sha256.hex("{}"), stored).sealed());
        assertTrue(new ArchivedSnapshot(1, AT, Sha256.hex("{}"), stored, 7L).sealed());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void nonPositiveId_isRejected(long id) {
        Snapshot s = new SnapshotBuilder().build();
        assertEquals("id must be positive", Rejection.of(() -> new ArchivedSnapshot(id, AT, s.recordSha256(), s)));
    }

    @Test
    void missingParts_areRejected() {
        Snapshot s = new SnapshotBuilder().build();
        assertThrows(NullPointerException.class, () -> new ArchivedSnapshot(1, null, s.recordSha256(), s));
        assertThrows(NullPointerException.class, () -> new ArchivedSnapshot(1, AT, null, s));
        assertThrows(NullPointerException.class, () -> new ArchivedSnapshot(1, AT, "x", null));
    }
}
