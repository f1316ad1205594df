package io.hivematrix.archive.adapter.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Keys come from a fake Core over real HTTP: fetched once for many requests, and kept when Core goes away. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoreJwksTest {
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    private static WebServer fakeCore;

    @AutoClose
    private static final DirectClient client = RoutesUnderTest.of(CoreJwksTest::routing);

    private static void routing(HttpRouting.Builder routing) {
        fakeCore = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.get("/.well-known/jwks.json", (req, res) -> {
                    JWKS_FETCHES.incrementAndGet();
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send(TestTokens.publicKeys().toString());
                }))
                .build().start();
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        TokenVerifier verifier = TokenVerifier.forCore(URI.create("http://127.0.0.1:" + fakeCore.port() + "/"));
        ArchiveHttp.routing(routing, TestApis.over(store, verifier));
    }

    @AfterAll
    static void stopCore() {
        if (fakeCore.isRunning()) {
            fakeCore.stop();
        }
    }

    @Test
    @Order(1)
    void manyRequests_fetchTheKeySetOnce() {
        for (int i = 0; i < 50; i++) {
            assertEquals(404, status(TestTokens.user("admin")));
        }
        assertEquals(1, JWKS_FETCHES.get());
    }

    @Test
    @Order(2)
    void anUnknownKid_isRefusedWithoutHammeringCore() {
        int before = JWKS_FETCHES.get();
        for (int i = 0; i < 20; i++) {
            assertEquals(401, status(TestTokens.unknownKid()));
        }
        // One refresh to look for the new kid, then the rate limit holds further fetches back.
        assertEquals(true, JWKS_FETCHES.get() - before <= 1);
    }

    @Test
    @Order(3)
    void whenCoreGoesAway_knownKeysStillVerify() {
        fakeCore.stop();
        for (int i = 0; i < 10; i++) {
            assertEquals(404, status(TestTokens.service("ledger")));
        }
        assertEquals(401, status(TestTokens.forgedSignature()));
    }

    private int status(String token) {
        try (Http1ClientResponse res = client.get("/api/snapshot/NONE-1")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token).request()) {
            return res.status().code();
        }
    }
}
