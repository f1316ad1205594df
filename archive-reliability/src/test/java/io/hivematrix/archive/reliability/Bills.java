package io.hivematrix.archive.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Create bodies made from the real-shaped Ledger fixture (34 line items), re-addressed per test. */
final class Bills {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode FIXTURE = load();

    private Bills() {
    }

    /** The fixture as another company's bill for another month. */
    static String body(String account, int year, int month, String invoice) {
        ObjectNode bill = FIXTURE.deepCopy();
        bill.put("company_account_number", account);
        bill.put("billing_year", year);
        bill.put("billing_month", month);
        bill.put("invoice_number", invoice);
        return bill.toString();
    }

    static int lineItems() {
        return FIXTURE.get("line_items").size();
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode load() {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of(System.getProperty("archive.fixture",
                    "../fixtures/ledger-snapshot-620547-202510.json"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
