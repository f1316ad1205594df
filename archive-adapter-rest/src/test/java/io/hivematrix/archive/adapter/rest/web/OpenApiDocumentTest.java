package io.hivematrix.archive.adapter.rest.web;

import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toCollection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.OpenApiSpec;
import io.hivematrix.archive.adapter.rest.RecordedRoutes.Route;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.RecordedRoutes;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** openapi.yaml names exactly the registered routes, is well-formed, and is served at /openapi without a token. */
class OpenApiDocumentTest {
    private static final OpenApiSpec SPEC = OpenApiSpec.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @AutoClose
    private static final DirectClient client = RoutesUnderTest.over(api());

    private static ArchiveApi api() {
        return TestApis.over(new InMemorySnapshotStore());
    }

    @Test
    void documentListsEveryRegisteredRoute_andNoOther() {
        // The very registration the server runs, not a list kept by hand.
        Set<Route> registered = RecordedRoutes.of(routing -> ArchiveHttp.routing(routing, api()));
        assertTrue(registered.contains(new Route("GET", "/archive/api/snapshot/{invoice}"))
                && registered.contains(new Route("GET", "/openapi")), "the recorder sees the routes: " + registered);

        Set<Route> served = sorted(registered.stream().filter(r -> !r.method().equals("ANY")));
        Set<Route> documented = sorted(SPEC.routes().stream());
        Set<Route> missing = sorted(served.stream().filter(r -> !documented.contains(r)));
        Set<Route> extra = sorted(documented.stream().filter(r -> !served.contains(r)));
        // A path answered only by its 405 catch-all would still be a path the document should name.
        Set<String> documentedPaths = new HashSet<>(documented.stream().map(Route::path).toList());
        Set<Route> undocumentedPaths = sorted(registered.stream()
                .filter(r -> r.method().equals("ANY") && !documentedPaths.contains(r.path())));

        if (!missing.isEmpty() || !extra.isEmpty() || !undocumentedPaths.isEmpty()) {
            fail("openapi.yaml and the registered routes differ (paths are absolute: each documented path under each"
                    + " of its servers)\n"
                    + "  registered but not documented:\n" + lines(missing)
                    + "  documented but not registered:\n" + lines(extra)
                    + "  paths with a 405 catch-all but no documented operation:\n" + lines(undocumentedPaths));
        }
    }

    @Test
    void yaml_isServedByDefault_withoutAToken_atTheRootAndBehindTheProxy() throws IOException {
        byte[] resource;
        try (InputStream in = getClass().getResourceAsStream(OpenApiDocument.RESOURCE)) {
            resource = in.readAllBytes();
        }
        for (String path : List.of("/openapi", "/archive/openapi")) {
            try (Http1ClientResponse res = client.get(path).request()) {
                assertEquals(200, res.status().code(), path);
                assertEquals("application/yaml", res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow());
                assertEquals("Accept", res.headers().first(HeaderNames.VARY).orElseThrow());
                byte[] body = res.as(byte[].class);
                assertArrayEquals(resource, body, "the resource as written, comments and all");
                Object parsed = OpenApiDocument.parse(new String(body, StandardCharsets.UTF_8));
                assertEquals("3.1.0", ((Map<?, ?>) parsed).get("openapi"));
            }
        }
    }

    @Test
    void json_isServedOnFormatOrAccept_withoutAToken() throws IOException {
        List<Supplier<Http1ClientResponse>> requests = List.of(
                () -> client.get("/openapi").queryParam("format", "json").request(),
                () -> client.get("/archive/openapi").header(HeaderNames.ACCEPT, "application/json").request(),
                () -> client.get("/openapi").queryParam("format", "json").header(HeaderNames.ACCEPT, "application/yaml")
                        .request());
        for (Supplier<Http1ClientResponse> request : requests) {
            try (Http1ClientResponse res = request.get()) {
                assertEquals(200, res.status().code());
                assertEquals("application/json", res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow());
                JsonNode json = JSON.readTree(res.as(String.class));
                assertEquals("3.1.0", json.path("openapi").asText());
                assertEquals(SPEC.root, json, "the JSON form says what the YAML says");
            }
        }
    }

    @Test
    void accept_choosesJsonOnlyWhenRatedAboveYaml() {
        Map<String, Boolean> cases = Map.of(
                "application/json", true,
                "application/yaml, application/json", false,
                "application/json, application/yaml", true,
                "application/yaml;q=0.5, application/json", true,
                "application/json;q=0.5, */*", false,
                "text/html, application/json;q=0.9, */*;q=0.8", true,
                "application/json;q=0", false,
                "text/html", false);
        cases.forEach((accept, json) -> assertEquals(json, OpenApiRoutes.prefersJson(Arrays.stream(accept.split(","))
                .map(type -> HttpMediaType.create(type.strip())).toList()), accept));
        assertFalse(OpenApiRoutes.prefersJson(List.of()), "no Accept header: YAML");
    }

    @Test
    void unknownFormat_isA400NamingIt() throws IOException {
        try (Http1ClientResponse res = client.get("/openapi").queryParam("format", "xml").request()) {
            assertEquals(400, res.status().code());
            JsonNode problem = JSON.readTree(res.as(String.class));
            assertEquals("format", problem.path("errors").path(0).path("field").asText());
        }
    }

    @Test
    void unchangedDocument_isA304_perRepresentation() {
        for (String format : List.of("yaml", "json")) {
            String etag;
            try (Http1ClientResponse res = client.get("/openapi").queryParam("format", format).request()) {
                etag = res.headers().first(HeaderNames.ETAG).orElseThrow();
            }
            try (Http1ClientResponse res = client.get("/openapi").queryParam("format", format)
                    .header(HeaderNames.IF_NONE_MATCH, etag).request()) {
                assertEquals(304, res.status().code(), format);
            }
        }
    }

    @Test
    void yamlThatJsonCannotSay_isRefused() {
        // YAML 1.1 reads these as an integer key, a date, and the second of two equal keys.
        for (String yaml : List.of("responses:\n  200: {}\n", "example: 2025-10-31\n", "a: 1\na: 2\n")) {
            assertThrows(RuntimeException.class, () -> OpenApiDocument.parse(yaml), yaml);
        }
        assertEquals(Map.of("responses", Map.of("200", Map.of()), "example", "2025-10-31"),
                OpenApiDocument.parse("responses:\n  '200': {}\nexample: '2025-10-31'\n"));
    }

    @Test
    void everyRefResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(SPEC.root, refs);
        assertTrue(refs.size() > 50, "the document reuses its components: " + refs.size());
        List<String> broken = refs.stream().filter(ref -> !ref.startsWith("#/")
                || SPEC.root.at(ref.substring(1)).isMissingNode()).distinct().toList();
        assertTrue(broken.isEmpty(), "$refs naming nothing: " + broken);
    }

    @Test
    void header_saysWhatAndWhere() {
        assertEquals("3.1.0", SPEC.root.path("openapi").asText());
        assertEquals("Archive", SPEC.root.path("info").path("title").asText());
        assertEquals("0.1.0", SPEC.root.path("info").path("version").asText());
        assertEquals(List.of("/", "/archive"), SPEC.root.path("servers").findValuesAsText("url"));
        assertEquals("bearer", SPEC.root.at("/components/securitySchemes/bearerAuth/scheme").asText());
    }

    @Test
    void everyOperation_hasAnId_responses_anAccessLevel_andItsPathParameters() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (OpenApiSpec.Operation op : SPEC.operations()) {
            String id = op.node().path("operationId").asText();
            if (id.isEmpty() || !ids.add(id)) {
                problems.add(op + ": operationId missing or repeated (" + id + ")");
            }
            if (op.node().path("responses").isEmpty()) {
                problems.add(op + ": no responses");
            }
            String access = op.node().path("x-archive-access").asText();
            boolean open = op.node().path("security").isArray() && op.node().path("security").isEmpty();
            if (!Set.of("public", "read", "create", "admin").contains(access) || open != access.equals("public")) {
                problems.add(op + ": x-archive-access " + access + " does not agree with security " + open);
            }
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = TEMPLATE_PARAMETER.matcher(op.path());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            Stream.concat(stream(op.pathItem().path("parameters")), stream(op.node().path("parameters")))
                    .map(SPEC::resolve)
                    .filter(p -> p.path("in").asText().equals("path"))
                    .forEach(p -> declared.add(p.path("name").asText()));
            if (!inTemplate.equals(declared)) {
                problems.add(op + ": path parameters " + declared + " but the template has " + inTemplate);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void problemSchema_namesExactlyTheFieldsProblemsWrites() throws IOException {
        JsonNode body = JSON.readTree(Problems.body(404, "x", "X", "detail", Map.of(), "id-1"));
        Set<String> written = new TreeSet<>();
        body.fieldNames().forEachRemaining(written::add);
        OpenApiSpec.Shape shape = SPEC.shape("Problem");
        assertEquals(written, shape.properties());
        assertEquals(written, shape.required());
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static Set<Route> sorted(Stream<Route> routes) {
        return routes.collect(toCollection(() -> new TreeSet<>(Comparator.comparing(Route::path)
                .thenComparing(Route::method))));
    }

    private static String lines(Set<Route> routes) {
        return routes.isEmpty() ? "    (none)\n" : routes.stream().map(r -> "    " + r + "\n").collect(joining());
    }
}
