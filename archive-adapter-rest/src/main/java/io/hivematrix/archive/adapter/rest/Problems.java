package io.hivematrix.archive.adapter.rest;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.application.port.in.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes every error as RFC 9457 {@code application/problem+json} that also carries the original
 * service's {@code "error"} string, so old clients and new ones both read it.
 */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static void send(ServerRequest req, ServerResponse res, Status status, String slug, String title, String detail) {
        send(req, res, status, slug, title, detail, Map.of());
    }

    static void send(ServerRequest req, ServerResponse res, Status status, String slug, String title, String detail,
                     Map<String, ?> extra) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.send(body(status.code(), slug, title, detail, extra, CorrelationId.of(req).value()));
    }

    /** The problem body every error of the archive carries (RFC 9457 fields, plus the original's "error"). */
    static byte[] body(int status, String slug, String title, String detail, Map<String, ?> extra,
                       String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:hivematrix:archive:problem:" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("error", detail);
        body.putAll(extra);
        body.put("correlation_id", correlationId);
        return Json.write(body);
    }

    /** 400 naming every offending field (or parameter), in one body. */
    static void invalid(ServerRequest req, ServerResponse res, String slug, String title, List<FieldError> errors) {
        String summary = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        send(req, res, Status.BAD_REQUEST_400, slug, title, title + ": " + summary, Map.of("errors",
                errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList()));
    }

    static Handler notFound() {
        return (req, res) -> send(req, res, Status.NOT_FOUND_404, "not-found", "Not Found",
                "No resource at " + req.path().absolute().path());
    }

    /** 405 for a known path with a method it does not serve, naming the ones it does. */
    static Handler methodNotAllowed(String... allowed) {
        String allow = String.join(", ", allowed);
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allow);
            send(req, res, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method Not Allowed",
                    req.prologue().method().text() + " is not supported here; use " + allow);
        };
    }
}
