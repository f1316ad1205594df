package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void entryHash_isTheDocumentedChainFormula_soAnOutsiderCanRecomputeIt() {
        String expected = Sha256.hex(AuditLink.GENESIS + "|7|" + CONTENT + "|" + RECORD + "|1796083198123456");
        assertEquals(expected, link().entryHash());
        assertEquals(AuditLink.GENESIS, link().prevHash());
    }

    @Test
    void aLinkMadeByNext_isSelfConsistent_andAnyEditedFieldBreaksIt() {
        AuditLink l = link();
        assertTrue(l.isSelfConsistent());
        assertFalse(new AuditLink(l.seq(), l.snapshotId(), l.invoiceNumber(), "c".repeat(64), l.recordSha256(),
                l.archivedAt(), l.prevHash(), l.entryHash()).isSelfConsistent());
        assertFalse(new AuditLink(8, l.snapshotId(), l.invoiceNumber(), l.contentSha256(), l.recordSha256(),
                l.archivedAt(), l.prevHash(), l.entryHash()).isSelfConsistent());
        assertFalse(new AuditLink(l.seq(), l.snapshotId(), l.invoiceNumber(), l.contentSha256(), l.recordSha256(),
                l.archivedAt().plusNanos(1_000), l.prevHash(), l.entryHash()).isSelfConsistent());
    }

    @Test
    void theFirstSequenceNumberIsOne() {
        assertEquals(1, AuditLink.next(AuditLink.GENESIS, 1, 1, new InvoiceNumber("INV-1"), CONTENT, RECORD,
                Instant.EPOCH).seq());
        assertEquals("seq must be positive", Rejection.of(
                () -> AuditLink.next(AuditLink.GENESIS, 0, 1, new InvoiceNumber("INV-1"), CONTENT, RECORD, Instant.EPOCH)));
    }
}
