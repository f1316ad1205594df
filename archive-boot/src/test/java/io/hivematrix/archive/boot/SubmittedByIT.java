package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Snapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP and real PostgreSQL: who sent a bill is taken from the verified token, for a service and for a user,
 * stored, fingerprinted and served; and the archive time a client offers is not the one kept.
 */
@ServerTest
class SubmittedByIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @AutoClose
    private static TestArchive archive;

    private final Http1Client client;

    SubmittedByIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        archive = TestArchive.wire(routing, SubmittedByIT.class);
    }

    @Test
    void aServiceTokensBill_isSubmittedByThatService() throws Exception {
        JsonNode created = post(bill("SB-SERVICE"), archive.bearer("ledger"));

        JsonNode read = get("SB-SERVICE");
        assertEquals("service:ledger", read.get("submitted_by").asText());
        assertEquals("alice@example.com", read.get("created_by").asText(), "the body's created_by is kept beside it");
        assertEquals("service:ledger", stored("SB-SERVICE", "submitted_by"));
        assertEquals(created.get("archived_at"), read.get("archived_at"), "the 201 and GET give the stored time");
    }

    @Test
    void aUserTokensBill_isSubmittedByThatUser_whateverTheBodyClaims() throws Exception {
        ObjectNode body = bill("SB-USER");
        body.put("created_by", "service:ledger");
        body.put("submitted_by", "service:ledger"); // not a field a client may set: ignored like any unknown one
        body.put("archived_at", "2000-01-01T00:00:00.000000+00:00");
        JsonNode created = post(body, archive.userBearer("billing"));

        JsonNode read = get("SB-USER");
        assertEquals("user:billing@example.com", read.get("submitted_by").asText());
        assertEquals("service:ledger", read.get("created_by").asText());
        assertEquals("user:billing@example.com", stored("SB-USER", "submitted_by"));
        assertFalse(read.get("archived_at").asText().startsWith("2000-"), read.get("archived_at").asText());
        assertEquals(created.get("archived_at"), read.get("archived_at"));
        assertEquals(OffsetDateTime.parse(read.get("archived_at").asText()).toInstant(),
                OffsetDateTime.parse(stored("SB-USER", "to_char(archived_at AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')")).toInstant(), "GET serves the stored time");
    }

    @Test
    void theStoredFingerprint_coversTheSubmitter_andTheChainVerifies() throws Exception {
        post(bill("SB-SEALED"), archive.userBearer("admin"));
        Snapshot read = archive.database.snapshotStore().findByInvoiceNumber(new InvoiceNumber("SB-SEALED"))
                .orElseThrow().snapshot();
        assertEquals("user:admin@example.com", read.submittedBy());
        assertEquals(read.recordSha256(), stored("SB-SEALED", "record_sha256"));
        assertFalse(read.withSubmittedBy(null).recordSha256().equals(stored("SB-SEALED", "record_sha256")),
                "without its submitter the record would hash otherwise");

        Wiring.auditTrail(archive.database, Clock.systemUTC()).sealPending();
        var verification = Wiring.auditTrail(archive.database, Clock.systemUTC()).verify();
        assertTrue(verification.ok(), () -> "broken: " + verification.firstBroken());
    }

    /** The Ledger fixture under an invoice and account of its own. */
    private static ObjectNode bill(String invoice) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(TestArchive.fixture("ledger-snapshot-620547-202510.json"));
        body.put("invoice_number", invoice);
        body.put("company_account_number", invoice);
        return body;
    }

    private JsonNode post(ObjectNode body, String bearer) throws Exception {
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, bearer)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(JSON.writeValueAsBytes(body))) {
            String text = res.as(String.class);
            assertEquals(201, res.status().code(), text);
            JsonNode created = JSON.readTree(text);
            assertTrue(created.get("archived_at").asText().matches(
                    "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"), text);
            return created;
        }
    }

    private JsonNode get(String invoice) throws Exception {
        try (Http1ClientResponse res = client.get("/api/snapshot/" + invoice)
                .header(HeaderNames.AUTHORIZATION, archive.userBearer("admin")).request()) {
            String text = res.as(String.class);
            assertEquals(200, res.status().code(), text);
            return JSON.readTree(text);
        }
    }

    private static String stored(String invoice, String expression) throws SQLException {
        try (Connection c = archive.database.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT " + expression
                     + " FROM billing_snapshots WHERE invoice_number = ?")) {
            st.setString(1, invoice);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), "no row " + invoice);
                return rs.getString(1);
            }
        }
    }
}
