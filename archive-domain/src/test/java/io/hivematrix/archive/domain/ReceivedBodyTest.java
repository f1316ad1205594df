package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A received body keeps its text exactly and carries the one fingerprint idempotency and the ETag compare. */
class ReceivedBodyTest {

    @Test
    void of_fingerprintsTheTextAsSent_byteForByteInUtf8() {
        ReceivedBody body = ReceivedBody.of("{ \"invoice_number\" : \"620547-202510\", \"name\": \"Ünïcode\" }");

        assertEquals(Sha256.hex("{ \"invoice_number\" : \"620547-202510\", \"name\": \"Ünïcode\" }"), body.sha256());
        assertEquals("{ \"invoice_number\" : \"620547-202510\", \"name\": \"Ünïcode\" }", body.text());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ReceivedBody.of("").sha256(),
                "the SHA-256 of nothing");
    }

    @Test
    void aFingerprintMustBe64LowerCaseHexDigits() {
        String good = Sha256.hex("x");
        assertEquals(good, new ReceivedBody("x", good).sha256());
        for (String bad : new String[] {null, "", good.substring(1), good + "0", good.toUpperCase(),
                good.substring(0, 63) + "g", good.substring(0, 63) + "/", good.substring(0, 63) + ":"}) {
            assertThrows(IllegalArgumentException.class, () -> new ReceivedBody("x", bad), () -> "accepted " + bad);
        }
        assertThrows(NullPointerException.class, () -> new ReceivedBody(null, good));
    }

    @Test
    void itsStringNamesTheSizeAndFingerprint_neverTheWholeBody() {
        ReceivedBody body = ReceivedBody.of("a".repeat(10_000));

        assertEquals("ReceivedBody[10000 chars, sha256=" + body.sha256() + "]", body.toString());
        assertTrue(body.toString().length() < 120);
    }
}
