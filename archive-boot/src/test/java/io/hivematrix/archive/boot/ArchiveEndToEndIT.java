package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.hivematrix.archive.testkit.ExactJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The whole service on a real socket over real PostgreSQL: Ledger's fixture in, every field back out. */
@ServerTest
class ArchiveEndToEndIT {
    /** Reads numbers exactly, with their scale, so a test can tell 100.0 from 1E+2. */
    private static final ObjectMapper JSON = ExactJson.MAPPER;
    private static TestArchive archive;
    private static DevSigningKey key;
    private static String ledger;

    private final Http1Client client;
    private final URI uri;

    ArchiveEndToEndIT(Http1Client client, URI uri) {
        this.client = client;
        this.uri = uri;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        archive = TestArchive.wire(routing, ArchiveEndToEndIT.class);
        key = archive.key;
        ledger = archive.bearer("ledger");
    }

    @AfterAll
    static void closeDatabase() {
        archive.close();
    }

    @Test
    void ledgerFixture_isArchived_andReadBackFieldByField() throws Exception {
        String fixture = fixture();
        ObjectNode sent = (ObjectNode) JSON.readTree(fixture);
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, ledger).header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(fixture)) {
            assertEquals(201, res.status().code(), res.as(String.class));
        }

        JsonNode read;
        try (Http1ClientResponse res = client.get("/api/snapshot/620547-202510").header(HeaderNames.AUTHORIZATION, ledger).request()) {
            assertEquals(200, res.status().code());
            read = JSON.readTree(res.as(String.class));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            switch (field.getKey()) {
                case "billing_data_json" -> assertEquals(field.getValue(), read.get("billing_data"),
                        "billing_data keeps the structure and the exact digits sent");
                case "invoice_csv" -> { /* served byte for byte by the CSV route, not in this JSON */ }
                case "line_items" -> assertLineItems(field.getValue(), read.get("line_items"));
                default -> assertSameValue(field.getKey(), field.getValue(), read.get(field.getKey()));
            }
        }
        assertTrue(read.get("id").asLong() > 0);
        assertTrue(read.get("archived_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
        assertTrue(read.get("content_sha256").asText().matches("[0-9a-f]{64}"));
        assertEquals(200, client.get("/archive/api/snapshot/620547-202510").header(HeaderNames.AUTHORIZATION, ledger).request().status().code());
    }

    @Test
    void twentyConcurrentIdenticalPosts_giveOne201_andNineteen409s() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(fixture());
        body.put("invoice_number", "RACE-202510");
        body.put("company_account_number", "RACE");
        byte[] bytes = JSON.writeValueAsBytes(body);
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/api/snapshot"))
                .header("Content-Type", "application/json")
                .header("Authorization", ledger)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        List<HttpResponse<String>> responses = race(Collections.nCopies(20, request));
        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 201).count());
        List<HttpResponse<String>> conflicts = responses.stream().filter(r -> r.statusCode() == 409).toList();
        assertEquals(19, conflicts.size());
        for (HttpResponse<String> conflict : conflicts) {
            assertTrue(JSON.readTree(conflict.body()).get("identical").asBoolean());
        }
        try (Http1ClientResponse res = client.get("/api/snapshot/RACE-202510").header(HeaderNames.AUTHORIZATION, ledger).request()) {
            assertEquals(200, res.status().code());
        }
    }

    @Test
    void withoutAToken_nothingIsReadOrWritten_butABillingUserMayRead() throws Exception {
        try (Http1ClientResponse res = client.post("/api/snapshot").submit(fixture())) {
            assertEquals(401, res.status().code());
        }
        String billing = "Bearer " + key.userToken("ann@example.com", "Ann", "billing", Duration.ofMinutes(5));
        String technician = "Bearer " + key.userToken("tom@example.com", "Tom", "technician", Duration.ofMinutes(5));
        try (Http1ClientResponse res = client.get("/api/snapshot/NOPE-1").header(HeaderNames.AUTHORIZATION, billing)
                .request()) {
            assertEquals(404, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/api/snapshot/NOPE-1").header(HeaderNames.AUTHORIZATION, technician)
                .request()) {
            assertEquals(403, res.status().code());
        }
    }

    @Test
    void racingRetriesUnderOneIdempotencyKey_allGetTheSame201() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(fixture());
        body.put("invoice_number", "IDEM-202510");
        body.put("company_account_number", "IDEM");
        HttpRequest request = post(JSON.writeValueAsBytes(body), "retry-key-1");
        List<HttpResponse<String>> responses = race(Collections.nCopies(10, request));
        Set<Long> ids = new HashSet<>();
        for (HttpResponse<String> response : responses) {
            assertEquals(201, response.statusCode(), response.body());
            ids.add(JSON.readTree(response.body()).get("snapshot_id").asLong());
        }
        assertEquals(1, ids.size());
    }

    @Test
    void racingRequestsReusingOneKeyWithOtherBodies_storeOne_andTheRestGet422() throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ObjectNode body = (ObjectNode) JSON.readTree(fixture());
            body.put("invoice_number", "REUSE-" + i);
            body.put("company_account_number", "REUSE-" + i);
            requests.add(post(JSON.writeValueAsBytes(body), "reused-key"));
        }
        List<HttpResponse<String>> responses = race(requests);
        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 201).count());
        assertEquals(7, responses.stream().filter(r -> r.statusCode() == 422).count());
        int stored = 0;
        for (int i = 0; i < 8; i++) {
            try (Http1ClientResponse res = client.get("/api/snapshot/REUSE-" + i)
                    .header(HeaderNames.AUTHORIZATION, ledger).request()) {
                stored += res.status().code() == 200 ? 1 : 0;
            }
        }
        assertEquals(1, stored);
    }

    private HttpRequest post(byte[] body, String idempotencyKey) {
        return HttpRequest.newBuilder(uri.resolve("/api/snapshot"))
                .header("Content-Type", "application/json")
                .header("Authorization", ledger)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Sends every request at once from its own thread. */
    private static List<HttpResponse<String>> race(List<HttpRequest> requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch start = new CountDownLatch(1);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(requests.size())) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (HttpRequest request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> f : futures) {
                responses.add(f.get());
            }
        }
        return responses;
    }

    @Test
    void archivedSnapshots_areSealed_andTheChainVerifiesOverHttp() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(fixture());
        body.put("invoice_number", "SEAL-202510");
        body.put("company_account_number", "SEAL");
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, ledger)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(JSON.writeValueAsBytes(body))) {
            assertEquals(201, res.status().code());
        }
        Wiring.auditTrail(archive.database, java.time.Clock.systemUTC()).sealPending();
        String admin = archive.userBearer("admin");
        try (Http1ClientResponse res = client.get("/api/snapshot/SEAL-202510").header(HeaderNames.AUTHORIZATION, admin)
                .request()) {
            assertTrue(JSON.readTree(res.as(String.class)).get("sealed").asBoolean());
        }
        try (Http1ClientResponse res = client.get("/api/audit/verify").header(HeaderNames.AUTHORIZATION, admin).request()) {
            JsonNode verify = JSON.readTree(res.as(String.class));
            assertTrue(verify.get("ok").asBoolean(), verify.toString());
            assertTrue(verify.get("checked").asInt() >= 1);
        }
    }

    @Test
    void health_reportsTheDatabaseUp() {
        try (Http1ClientResponse res = client.get("/health").request()) {
            assertEquals(200, res.status().code());
            assertEquals("{\"status\":\"ok\",\"service\":\"archive\"}", res.as(String.class));
        }
    }

    private static void assertLineItems(JsonNode sent, JsonNode read) {
        assertEquals(sent.size(), read.size());
        for (int i = 0; i < sent.size(); i++) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.get(i).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertSameValue("line_items[" + i + "]." + field.getKey(), field.getValue(),
                        read.get(i).get(field.getKey()));
            }
        }
    }

    /** Numbers compare by value (1875.0 sent, 1875.00 kept); everything else exactly. */
    private static void assertSameValue(String field, JsonNode sent, JsonNode read) {
        if (sent.isNumber()) {
            assertTrue(read != null && read.isNumber(), field + " is a number");
            assertEquals(0, sent.decimalValue().compareTo(read.decimalValue()), field + ": " + sent + " vs " + read);
        } else {
            assertEquals(sent, read, field);
        }
    }

    private static String fixture() {
        return TestArchive.fixture("ledger-snapshot-620547-202510.json");
    }
}
