package io.hivematrix.archive.adapter.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.Fixtures;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import io.hivematrix.archive.adapter.rest.observe.Observability;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * No cross-site writes: a body must be JSON (415 otherwise, before anything is read or stored; {@link JsonBodyGuard}),
 * and an unsafe method from another site (Sec-Fetch-Site, or an Origin that is neither this service's nor allowed)
 * is refused with 403 ({@link CrossSiteGuard}).
 */
class CrossSiteGuardTest {
    private static final String LEDGER = "Bearer " + TestTokens.service("ledger");
    private static final String ADMIN = "Bearer " + TestTokens.user("admin");
    private static final String NEXUS = "https://nexus.example";
    private static InMemorySnapshotStore store;

    @AutoClose
    private static final DirectClient client = RoutesUnderTest.of(CrossSiteGuardTest::routing);

    private static void routing(HttpRouting.Builder routing) {
        store = new InMemorySnapshotStore();
        ArchiveApi api = TestApis.over(store, Clock.systemUTC(), TestApis.verifier(),
                List.of(), ArchiveApi.DEFAULT_MAX_BODY_BYTES);
        ArchiveHttp.routing(routing, api, Observability.basic(api.healthChecks()), Set.of(NEXUS));
    }

    @Test
    void aBillSentAsTextPlain_likeACrossSiteForm_is415_andNothingIsStored() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/jsonp", "application/json-seq")) {
            try (Http1ClientResponse res = post("/api/snapshot", LEDGER).header(HeaderNames.CONTENT_TYPE, type)
                    .submit(Fixtures.ledgerSnapshot().getBytes(StandardCharsets.UTF_8))) {
                assertEquals(415, res.status().code(), type);
                String body = res.as(String.class);
                assertTrue(body.contains("unsupported-media-type") && body.contains("application/json"), body);
            }
        }
        assertEquals(0, store.size(), "nothing stored");
    }

    @Test
    void withoutAToken_theAnswerIsStill401_asFromTheOriginal() {
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.CONTENT_TYPE, "text/plain")
                .submit(Fixtures.ledgerSnapshot())) {
            assertEquals(401, res.status().code());
        }
    }

    @Test
    void aBodyWithoutContentType_is415() {
        try (Http1ClientResponse res = post("/api/snapshot", LEDGER)
                .submit(Fixtures.ledgerSnapshot().getBytes(StandardCharsets.UTF_8))) {
            assertEquals(415, res.status().code());
        }
    }

    @Test
    void theBulkRunAndTheScheduleAsTextPlain_are415() {
        for (String path : List.of("/api/snapshots/bulk/create", "/api/scheduler/config", "/archive/api/snapshots/bulk/create")) {
            try (Http1ClientResponse res = post(path, ADMIN).header(HeaderNames.CONTENT_TYPE, "text/plain")
                    .submit("{\"year\":2025,\"month\":10}")) {
                assertEquals(415, res.status().code(), path);
            }
        }
    }

    @Test
    void jsonWithACharset_inAnyCase_isAccepted() {
        try (Http1ClientResponse res = post("/api/snapshot", LEDGER)
                .header(HeaderNames.CONTENT_TYPE, "Application/JSON; charset=UTF-8")
                .submit(Fixtures.ledgerSnapshot().getBytes(StandardCharsets.UTF_8))) {
            assertEquals(201, res.status().code(), res.as(String.class));
        }
    }

    @Test
    void anUnsafeRequestFromAnotherSite_is403_evenTheBodilessRetry() {
        try (Http1ClientResponse res = post("/api/scheduler/jobs/00000000-0000-0000-0000-000000000001/retry", ADMIN)
                .header(HeaderNames.create("Sec-Fetch-Site"), "cross-site").request()) {
            assertEquals(403, res.status().code());
            assertTrue(res.as(String.class).contains("cross-site-request"));
        }
        try (Http1ClientResponse res = post("/api/snapshot", LEDGER).header(HeaderNames.ORIGIN, "https://evil.example")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(Fixtures.ledgerSnapshot().getBytes(StandardCharsets.UTF_8))) {
            assertEquals(403, res.status().code());
            assertTrue(res.as(String.class).contains("ARCHIVE_ALLOWED_ORIGINS"));
        }
        try (Http1ClientResponse res = post("/api/snapshot", LEDGER).header(HeaderNames.ORIGIN, "https://shop.example")
                .header(HeaderNames.create("Sec-Fetch-Site"), "same-site")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(Fixtures.ledgerSnapshot().getBytes(StandardCharsets.UTF_8))) {
            assertEquals(403, res.status().code(), "a sibling site must be allowed by name");
        }
        try (Http1ClientResponse res = post("/api/snapshot", LEDGER).header(HeaderNames.ORIGIN, "null")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(Fixtures.ledgerSnapshot().getBytes(StandardCharsets.UTF_8))) {
            assertEquals(403, res.status().code(), "a sandboxed frame's opaque origin");
        }
        assertEquals(0, store.size(), "nothing stored");
    }

    @Test
    void theServicesOwnOrigin_anAllowedOne_andSameSiteBrowsers_mayWrite() {
        // The retry of an unknown job answers 404: it got past the guard.
        String retry = "/api/scheduler/jobs/00000000-0000-0000-0000-000000000002/retry";
        try (Http1ClientResponse res = post(retry, ADMIN).header(HeaderNames.ORIGIN, NEXUS + "/").request()) {
            assertEquals(404, res.status().code(), "an allowed origin");
        }
        try (Http1ClientResponse res = post(retry, ADMIN).header(HeaderNames.create("Sec-Fetch-Site"), "same-origin")
                .header(HeaderNames.ORIGIN, "http://proxy.example:8080").request()) {
            assertEquals(404, res.status().code(), "the web page itself, also behind a proxy that keeps the Host");
        }
        try (Http1ClientResponse res = post(retry, ADMIN).header(HeaderNames.HOST, "archive.internal:5012")
                .header(HeaderNames.ORIGIN, "http://archive.internal:5012").request()) {
            assertEquals(404, res.status().code(), "the origin this request was sent to");
        }
        try (Http1ClientResponse res = post(retry, ADMIN).header(HeaderNames.HOST, "127.0.0.1:5012")
                .header(HeaderNames.create("X-Forwarded-Host"), "hub.example")
                .header(HeaderNames.ORIGIN, "https://hub.example").request()) {
            assertEquals(404, res.status().code(), "the origin a proxy in front reports");
        }
    }

    @Test
    void readsAreNotTouched_evenFromAnotherSite() {
        try (Http1ClientResponse res = client.get("/api/snapshots/search").header(HeaderNames.AUTHORIZATION, LEDGER)
                .header(HeaderNames.create("Sec-Fetch-Site"), "cross-site")
                .header(HeaderNames.ORIGIN, "https://evil.example").request()) {
            assertEquals(200, res.status().code());
        }
    }

    private Http1ClientRequest post(String path, String bearer) {
        return client.post(path).header(HeaderNames.AUTHORIZATION, bearer);
    }
}
