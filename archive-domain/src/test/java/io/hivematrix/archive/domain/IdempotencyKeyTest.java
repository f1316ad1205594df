package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {
    private static final String SHA = "0123456789abcdef".repeat(4);

    @ParameterizedTest
    @ValueSource(strings = {"a", "retry-2025-11-01T02:00:00Z", "!~", "x"})
    void visibleAsciiKeys_areAcceptedAsGiven(String key) {
        assertEquals(key, IdempotencyKey.requireKey(key));
        assertEquals(key, new IdempotencyKey("service:ledger", key, SHA).key());
    }

    @Test
    void aKeyOf255Characters_isTheLongest() {
        String longest = "k".repeat(255);
        assertEquals(longest, IdempotencyKey.requireKey(longest));
        assertEquals("must be 1-255 visible ASCII characters",
                assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.requireKey(longest + "k"))
                        .getMessage());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "with space", "tab\there", "caf\u00e9", "line\n"})
    void missingEmptyInvisibleOrNonAsciiKeys_areRejected(String key) {
        assertEquals("must be 1-255 visible ASCII characters",
                assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.requireKey(key)).getMessage());
    }

    @Test
    void aStoredKeyWithoutItsKey_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new IdempotencyKey("service:ledger", null, SHA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "abc"})
    void theRequestFingerprint_isLowerCaseSha256Hex(String sha) {
        assertEquals("request sha256 must be 64 lower-case hex digits",
                assertThrows(IllegalArgumentException.class, () -> new IdempotencyKey("service:ledger", "k", sha))
                        .getMessage());
    }

    @Test
    void aMissingFingerprintOrCaller_isRejected() {
        assertEquals("request sha256 must be 64 lower-case hex digits",
                assertThrows(IllegalArgumentException.class, () -> new IdempotencyKey("service:ledger", "k", null))
                        .getMessage());
        assertEquals("caller is required",
                assertThrows(IllegalArgumentException.class, () -> new IdempotencyKey(" ", "k", SHA)).getMessage());
    }

    @Test
    void keysOfTheSameCallerAndBody_areEqual() {
        assertEquals(new IdempotencyKey("service:ledger", "k", SHA), new IdempotencyKey("service:ledger", "k", SHA));
    }
}
