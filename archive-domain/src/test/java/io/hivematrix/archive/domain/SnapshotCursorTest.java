package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The keyset-paging position a client gets back as an opaque token and hands in for the next page. */
class SnapshotCursorTest {
    private static final Instant AT = Instant.parse("2025-11-01T02:00:00.123456Z");

    private static String token(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aTokenDecodesToTheSamePosition_toTheMicrosecond() {
        SnapshotCursor cursor = new SnapshotCursor(AT, 42);
        assertEquals(cursor, SnapshotCursor.decode(cursor.encode()));
    }

    @Test
    void positionsBeforeTheEpoch_surviveTheToken() {
        SnapshotCursor cursor = new SnapshotCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), 7);
        assertEquals(cursor, SnapshotCursor.decode(cursor.encode()));
    }

    @Test
    void theTokenIsUrlSafe() {
        String encoded = new SnapshotCursor(AT, Long.MAX_VALUE).encode();
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), encoded);
    }

    @Test
    void olderSnapshots_andEqualTimesWithSmallerIds_comeAfterThePosition() {
        SnapshotCursor cursor = new SnapshotCursor(AT, 42);
        assertTrue(cursor.isBefore(AT.minusNanos(1_000), 99));
        assertTrue(cursor.isBefore(AT, 41));
        assertFalse(cursor.isBefore(AT, 42));
        assertFalse(cursor.isBefore(AT, 43));
        assertFalse(cursor.isBefore(AT.plusNanos(1_000), 1));
    }

    @Test
    void theFirstIdIsOne() {
        assertEquals(1, new SnapshotCursor(AT, 1).id());
        assertEquals("cursor id must be positive",
                assertThrows(IllegalArgumentException.class, () -> new SnapshotCursor(AT, 0)).getMessage());
        assertThrows(NullPointerException.class, () -> new SnapshotCursor(null, 1));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not base64!", "MTIz", "YWJjOjE", "MTIzOjA"})
    void aMissingToken_orOneThisServiceDidNotIssue_isRejected(String token) {
        // "MTIz" is "123" (no id), "YWJjOjE" is "abc:1", "MTIzOjA" is "123:0" (id 0).
        assertEquals("cursor is not one this service issued",
                assertThrows(IllegalArgumentException.class, () -> SnapshotCursor.decode(token)).getMessage());
    }

    @Test
    void tokensAreAtMost64Characters() {
        // 48 ASCII bytes are 64 base64 characters; zero-padded numbers still parse.
        String longest = token("0".repeat(29) + "1761962400123456:42");
        assertEquals(64, longest.length());
        assertEquals(new SnapshotCursor(AT, 42), SnapshotCursor.decode(longest));
        String tooLong = token("0".repeat(31) + "1761962400123456:42");
        assertTrue(tooLong.length() > 64);
        assertThrows(IllegalArgumentException.class, () -> SnapshotCursor.decode(tooLong));
    }
}
