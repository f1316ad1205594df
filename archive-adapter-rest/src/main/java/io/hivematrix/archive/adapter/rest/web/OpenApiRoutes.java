package io.hivematrix.archive.adapter.rest.web;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.application.port.in.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /openapi}: the API's OpenAPI 3.1 document, as YAML unless the caller asks for JSON; needs no token.
 * Not Helidon's OpenAPI feature: it rewrites the document without its comments and has no ETag (docs/performance.md).
 */
public final class OpenApiRoutes implements HttpService {
    static final String PATH = "/openapi";
    private static final List<MediaType> YAML = List.of(MediaTypes.APPLICATION_YAML, MediaTypes.APPLICATION_X_YAML,
            MediaTypes.TEXT_YAML, MediaTypes.TEXT_X_YAML, MediaTypes.APPLICATION_OPENAPI_YAML);
    private static final List<MediaType> JSON = List.of(MediaTypes.APPLICATION_JSON, MediaTypes.APPLICATION_OPENAPI_JSON);

    private final Supplier<OpenApiDocument> document;

    /** The bundled document, read and parsed on the first request for it (at start it cost about 0.1 s). */
    public OpenApiRoutes() {
        this(() -> Bundled.DOCUMENT);
    }

    public OpenApiRoutes(OpenApiDocument document) {
        this(() -> document);
    }

    private OpenApiRoutes(Supplier<OpenApiDocument> document) {
        this.document = document;
    }

    /** Loaded when first asked for (the JVM initialises a class once, on first use, and safely across threads). */
    private static final class Bundled {
        static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::send).any(PATH, Problems.methodNotAllowed("GET"));
    }

    private void send(ServerRequest req, ServerResponse res) {
        boolean asJson;
        // An explicit format wins over Accept: a browser address bar cannot set headers.
        switch (req.query().first("format").orElse("").strip()) {
            case "" -> asJson = prefersJson(req.headers().acceptedTypes());
            case "json" -> asJson = true;
            case "yaml" -> asJson = false;
            default -> {
                Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS,
                        List.of(new FieldError("format", "must be yaml or json")));
                return;
            }
        }
        OpenApiDocument document = this.document.get();
        String etag = document.etag(asJson);
        res.header(HeaderNames.VARY, "Accept");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.ETAG, etag);
        String ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null);
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asJson ? "application/json" : "application/yaml");
        res.send(document.body(asJson));
    }

    /**
     * JSON only when the caller rates a JSON type above every YAML type; no Accept, or a wildcard first, means
     * YAML, the form the document is written in.
     */
    static boolean prefersJson(List<HttpMediaType> accepted) {
        List<HttpMediaType> byQuality = new ArrayList<>(accepted);
        // A stable sort: types of equal quality keep the caller's order.
        byQuality.sort(Comparator.comparingDouble(HttpMediaType::qualityFactor).reversed());
        for (HttpMediaType type : byQuality) {
            if (type.qualityFactor() <= 0) {
                continue; // q=0 means "not this"
            }
            if (YAML.stream().anyMatch(type::test)) {
                return false;
            }
            if (JSON.stream().anyMatch(type::test)) {
                return true;
            }
        }
        return false;
    }
}
