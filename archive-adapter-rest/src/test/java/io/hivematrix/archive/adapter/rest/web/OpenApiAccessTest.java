package io.hivematrix.archive.adapter.rest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.OpenApiSpec;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.SpecCallers;
import io.hivematrix.archive.adapter.rest.security.Access;
import io.hivematrix.archive.adapter.rest.TestApis;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each operation's documented {@code x-archive-access} is what the service enforces, caller by caller. */
class OpenApiAccessTest {
    private static final OpenApiSpec SPEC = OpenApiSpec.load();

    private static final Map<String, String> TOKENS = SpecCallers.TOKENS;

    /** Values that reach each handler without touching anything (no such snapshot, no such job). */
    private static final Map<String, String> SAMPLE_PARAMETERS = Map.of(
            "{invoice}", "NONE-1", "{account}", "620547", "{id}", UUID.randomUUID().toString());

    @AutoClose
    private static final DirectClient client = RoutesUnderTest.over(TestApis.over(new InMemorySnapshotStore()));

    static Stream<Arguments> protectedCalls() {
        return SPEC.operations().stream()
                .filter(op -> !access(op).equals("public"))
                .flatMap(op -> op.absolutePaths().stream().flatMap(path -> TOKENS.keySet().stream()
                        .map(who -> Arguments.of(op, path, who))));
    }

    @ParameterizedTest(name = "{0} at {1} as {2}")
    @MethodSource("protectedCalls")
    void documentedAccess_isEnforced(OpenApiSpec.Operation op, String path, String who) {
        int status = call(op, path, TOKENS.get(who));
        if (SpecCallers.ADMITTED.get(Access.valueOf(access(op).toUpperCase(Locale.ROOT))).contains(who)) {
            assertNotEquals(403, status, who + " may, says the document");
            assertNotEquals(401, status);
        } else {
            assertEquals(403, status, who + " may not, says the document");
        }
    }

    @Test
    void publicOperations_answerWithoutAToken() {
        long checked = SPEC.operations().stream().filter(op -> access(op).equals("public"))
                .flatMap(op -> op.absolutePaths().stream().map(path -> {
                    int status = call(op, path, null);
                    assertTrue(status >= 200 && status < 400, op + " at " + path + " answered " + status);
                    return path;
                }))
                .count();
        assertTrue(checked >= 10, "health, openapi, the page and its files, at both prefixes: " + checked);
    }

    private int call(OpenApiSpec.Operation op, String template, String token) {
        String path = template;
        for (Map.Entry<String, String> sample : SAMPLE_PARAMETERS.entrySet()) {
            path = path.replace(sample.getKey(), sample.getValue());
        }
        Method method = Method.create(op.method().toUpperCase());
        Http1ClientRequest request = client.method(method).path(path).followRedirects(false);
        if (token != null) {
            request.header(HeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        // "{}" is a body every write refuses (400) or takes as "change nothing": the test leaves no trace.
        try (Http1ClientResponse res = method == Method.POST
                ? request.header(HeaderNames.CONTENT_TYPE, "application/json").submit("{}") : request.request()) {
            return res.status().code();
        }
    }

    private static String access(OpenApiSpec.Operation op) {
        return op.node().path("x-archive-access").asText();
    }
}
