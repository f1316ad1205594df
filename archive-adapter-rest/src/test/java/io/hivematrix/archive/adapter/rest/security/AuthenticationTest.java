package io.hivematrix.archive.adapter.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.Fixtures;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.SpecCallers;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad token is a 401 problem; every valid one gets exactly the rights SPEC §2 gives its role. */
class AuthenticationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @AutoClose
    private static final DirectClient client = RoutesUnderTest.over(TestApis.over(new InMemorySnapshotStore()));

    static Stream<Arguments> badAuthorization() {
        return Stream.of(
                Arguments.of("missing header", null),
                Arguments.of("not bearer", "Basic dXNlcjpwYXNz"),
                Arguments.of("empty bearer", "Bearer "),
                Arguments.of("malformed", "Bearer not.a.jwt"),
                Arguments.of("garbage", "Bearer %%%"),
                Arguments.of("forged signature", "Bearer " + TestTokens.forgedSignature()),
                Arguments.of("alg none", "Bearer " + TestTokens.unsigned()),
                Arguments.of("HS256 with the public key", "Bearer " + TestTokens.hs256WithPublicKey()),
                Arguments.of("wrong issuer", "Bearer " + TestTokens.wrongIssuer()),
                Arguments.of("expired", "Bearer " + TestTokens.expired()),
                Arguments.of("no exp", "Bearer " + TestTokens.withoutExpiry()),
                Arguments.of("unknown kid", "Bearer " + TestTokens.unknownKid()),
                Arguments.of("service token for another service", "Bearer " + TestTokens.service("ledger", "codex")),
                Arguments.of("service token without target", "Bearer " + TestTokens.sign(TestTokens.KEY,
                        TestTokens.claims(b -> b.claim("type", "service").claim("calling_service", "ledger")))),
                Arguments.of("user token without email", "Bearer " + TestTokens.sign(TestTokens.KEY,
                        TestTokens.claims(b -> b.claim("permission_level", "admin")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorization")
    void badTokens_are401ProblemJson(String label, String authorization) throws Exception {
        for (String path : List.of("/api/snapshot/X-1", "/archive/api/snapshot/X-1", "/no/such/route")) {
            Http1ClientRequest request = client.get(path);
            if (authorization != null) {
                request.header(HeaderNames.AUTHORIZATION, authorization);
            }
            try (Http1ClientResponse res = request.request()) {
                assertEquals(401, res.status().code(), label + " on " + path);
                assertEquals("application/problem+json", res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow());
                assertTrue(res.headers().first(HeaderNames.WWW_AUTHENTICATE).orElseThrow().startsWith("Bearer"));
                String body = res.as(String.class);
                JsonNode json = JSON.readTree(body);
                assertEquals(401, json.get("status").asInt());
                assertFalse(json.get("error").asText().isBlank());
                if (authorization != null && authorization.length() > 20) {
                    assertFalse(body.contains(authorization.substring(7)), "the token is never echoed");
                }
            }
        }
    }

    @Test
    void healthIsPublic() {
        try (Http1ClientResponse res = client.get("/health").request()) {
            assertEquals(200, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/archive/health").request()) {
            assertEquals(200, res.status().code());
        }
    }

    /** Who may do what (SPEC §2); the token names and their rights. */
    private static final Map<String, String> TOKENS = SpecCallers.tokensAnd("unknown level",
            TestTokens.user("superuser"));

    /** Every protected route with the right it needs. */
    private record Route(Method method, String path, Access access) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route(Method.GET, "/api/snapshot/NONE-1", Access.READ),
            new Route(Method.GET, "/api/snapshot/NONE-1/csv", Access.READ),
            new Route(Method.GET, "/api/snapshots/search", Access.READ),
            new Route(Method.GET, "/api/snapshots/company/620547", Access.READ),
            new Route(Method.GET, "/api/snapshots/export.csv", Access.READ),
            new Route(Method.GET, "/api/audit/head", Access.READ),
            new Route(Method.GET, "/api/audit/verify", Access.ADMIN),
            new Route(Method.POST, "/api/snapshot", Access.CREATE));

    static Stream<Arguments> roleMatrix() {
        return ROUTES.stream().flatMap(route -> TOKENS.keySet().stream()
                .flatMap(who -> Stream.of("", "/archive").map(prefix -> Arguments.of(route, who, prefix))));
    }

    @ParameterizedTest(name = "{0} as {1} {2}")
    @MethodSource("roleMatrix")
    void roleMatrix_allowsExactlyWhatTheSpecSays(Route route, String who, String prefix) {
        Http1ClientRequest request = client.method(route.method()).path(prefix + route.path())
                .header(HeaderNames.AUTHORIZATION, "Bearer " + TOKENS.get(who));
        try (Http1ClientResponse res = route.method() == Method.POST
                ? request.header(HeaderNames.CONTENT_TYPE, "application/json").submit("{}") : request.request()) {
            int status = res.status().code();
            if (SpecCallers.ADMITTED.get(route.access()).contains(who)) {
                assertNotEquals(403, status, who + " may " + route);
                assertNotEquals(401, status, who + " is authenticated");
            } else {
                assertEquals(403, status, who + " may not " + route);
            }
        }
    }

    @Test
    void createdBy_defaultsToTheUsersEmail_orTheServiceName() throws Exception {
        assertEquals("billing@example.com", createAndReadCreatedBy("CB-USER", TestTokens.user("billing")));
        assertEquals("service:ledger", createAndReadCreatedBy("CB-SVC", TestTokens.service("ledger")));
    }

    private String createAndReadCreatedBy(String invoice, String token) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(Fixtures.ledgerSnapshot());
        body.put("invoice_number", invoice);
        body.put("company_account_number", invoice);
        body.remove("created_by");
        try (Http1ClientResponse res = client.post("/api/snapshot").header(HeaderNames.AUTHORIZATION, "Bearer " + token)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(JSON.writeValueAsBytes(body))) {
            assertEquals(201, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/api/snapshot/" + invoice)
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token).request()) {
            return JSON.readTree(res.as(String.class)).get("created_by").asText();
        }
    }
}
