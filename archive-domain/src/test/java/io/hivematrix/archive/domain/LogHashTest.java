package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogHashTest {
    private static byte[] bytes(int first) {
        byte[] b = new byte[LogHash.SIZE];
        b[0] = (byte) first;
        return b;
    }

    @Test
    void hashesOfTheSameBytes_areEqualAndCountOnceInASet() {
        LogHash a = LogHash.of(bytes(1));
        LogHash b = LogHash.fromBase64(a.base64());
        assertEquals(a, b);
        assertEquals(1, Set.of(a).size());
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a.hashCode(), LogHash.of(bytes(2)).hashCode());
        assertNotEquals(a, LogHash.of(bytes(2)));
    }

    @Test
    void itPrintsAsTheStandardBase64ThatCheckpointsCarry() {
        LogHash hash = LogHash.of(bytes(0xfb));
        assertEquals(Base64.getEncoder().encodeToString(bytes(0xfb)), hash.toString());
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", LogHash.EMPTY_TREE.toString());
    }

    @Test
    void itIsImmutable() {
        byte[] given = bytes(3);
        LogHash hash = LogHash.of(given);
        given[0] = 9;
        hash.bytes()[0] = 9;
        assertArrayEquals(bytes(3), hash.bytes());
    }

    @Test
    void onlyThirtyTwoBase64Bytes_makeAHash() {
        assertEquals("a log hash has 32 bytes, not 31", Rejection.of(() -> LogHash.of(new byte[31])));
        assertEquals("a log hash must be base64", Rejection.of(() -> LogHash.fromBase64("not base64!")));
    }
}
