package io.hivematrix.archive.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivematrix.archive.testkit.neighbours.LedgerBills;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Create bodies made from the real-shaped Ledger fixture (34 line items), re-addressed per test. */
final class Bills {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final LedgerBills FIXTURE = LedgerBills.from(Path.of(System.getProperty("archive.fixture",
            "../" + LedgerBills.FIXTURE)));

    private Bills() {
    }

    /** The fixture as another company's bill for another month. */
    static String body(String account, int year, int month, String invoice) {
        return FIXTURE.body(account, year, month, invoice);
    }

    static int lineItems() {
        return FIXTURE.lineItems();
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts that every acknowledged bill (invoice → SHA-256 of the body sent) reads back through the API with all
     * its line items and the hash of exactly that body.
     */
    static void assertArchivedAsSent(Api reader, java.util.Map<String, String> acknowledged) throws Exception {
        for (java.util.Map.Entry<String, String> e : acknowledged.entrySet()) {
            java.net.http.HttpResponse<String> res = reader.get("/api/snapshot/" + e.getKey());
            org.junit.jupiter.api.Assertions.assertEquals(200, res.statusCode(),
                    () -> e.getKey() + " got a 201 but is gone: " + res.body());
            com.fasterxml.jackson.databind.JsonNode snapshot = JSON.readTree(res.body());
            org.junit.jupiter.api.Assertions.assertEquals(lineItems(), snapshot.get("line_items").size(),
                    e.getKey() + " lost line items");
            org.junit.jupiter.api.Assertions.assertEquals(e.getValue(), snapshot.get("content_sha256").asText(),
                    e.getKey() + " is not what was sent");
        }
    }
}
