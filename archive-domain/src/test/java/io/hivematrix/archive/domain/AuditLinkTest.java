package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuditLinkTest {
    private static final String CONTENT = "a".repeat(64);
    private static final String RECORD = "b".repeat(64);

    private static AuditLink link() {
        return AuditLink.next(AuditLink.GENESIS, 7, 42, new InvoiceNumber("INV-202611-0007"), CONTENT, RECORD,
                Instant.parse("2026-11-30T23:59:58.123456789Z"));
    }

    @Test
    void leafData_isTheDocumentedSixLines_withTheTimeInWholeMicroseconds() {
        String expected = "hivematrix-archive/leaf/v1\n7\nINV-202611-0007\n" + CONTENT + "\n" + RECORD + "\n"
                + "1796083198123456\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), link().leafData());
    }

    @Test
    void leafHash_isSha256OfAZeroByteAndTheLeafData() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        byte[] expected = sha.digest(link().leafData());
        assertEquals(Base64.getEncoder().encodeToString(expected), link().leafHash().base64());
    }
}
