package io.hivematrix.archive.adapter.rest.problems;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.json.JsonBodyReader;
import io.hivematrix.archive.adapter.rest.observe.CorrelationId;
import io.hivematrix.archive.application.port.in.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes every error as RFC 9457 {@code application/problem+json} that also carries the original
 * service's {@code "error"} string, so old clients and new ones both read it.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** The most field errors one 400 names; the others are counted in a last entry, so its size has a bound. */
    public static final int MAX_FIELD_ERRORS = 50;
    /** The field of that last entry, whose message is "and N more". */
    public static final String MORE = "...";
    /** Field names and messages are cut to this length (a path from a body can be long). */
    private static final int MAX_FIELD_TEXT = 200;

    private Problems() {
    }

    /** Answers with a problem of {@code type}, saying what went wrong in {@code detail}. */
    public static void send(ServerRequest req, ServerResponse res, ProblemType type, String detail) {
        send(req, res, type, detail, Map.of());
    }

    /** As above, with {@code extra} members after the standard ones (e.g. the existing snapshot of a 409). */
    public static void send(ServerRequest req, ServerResponse res, ProblemType type, String detail,
                            Map<String, ?> extra) {
        res.status(type.status());
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.send(body(type.status().code(), type.slug(), type.title(), detail, extra, CorrelationId.of(req).value()));
    }

    /** The problem body every error of the archive carries (RFC 9457 fields, plus the original's "error"). */
    public static byte[] body(int status, String slug, String title, String detail, Map<String, ?> extra,
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

    /** 413 for a body over its route's limit, worded as the listener words its own. */
    public static void tooLarge(ServerRequest req, ServerResponse res, JsonBodyReader.TooLarge tooLarge) {
        send(req, res, ProblemType.BODY_TOO_LARGE, bodyTooLarge(tooLarge.limit()));
    }

    /** The detail of every 413, from a route or from the listener: one wording wherever the limit is found. */
    public static String bodyTooLarge(long maxBodyBytes) {
        return "Request body exceeds the limit of " + maxBodyBytes + " bytes";
    }

    /**
     * 400 naming the offending fields (or parameters) in one body: each once, at most {@link #MAX_FIELD_ERRORS} of
     * them, then an entry {@code {"field": "...", "message": "and N more"}}. {@code detail} (and {@code error}) list
     * the same, so the body stays a few kilobytes however many fields a request got wrong.
     */
    public static void invalid(ServerRequest req, ServerResponse res, ProblemType type, List<FieldError> errors) {
        List<Map<String, String>> named = new ArrayList<>();
        StringBuilder detail = new StringBuilder(type.title()).append(": ");
        Set<String> seen = new HashSet<>();
        int more = 0;
        for (FieldError error : errors) {
            if (!seen.add(error.field())) {
                continue;
            }
            if (named.size() == MAX_FIELD_ERRORS) {
                more++;
                continue;
            }
            String field = cut(error.field());
            String message = cut(error.message());
            named.add(Map.of("field", field, "message", message));
            detail.append(named.size() == 1 ? "" : "; ").append(field).append(": ").append(message);
        }
        if (more > 0) {
            named.add(Map.of("field", MORE, "message", "and " + more + " more"));
            detail.append("; and ").append(more).append(" more");
        }
        send(req, res, type, detail.toString(), Map.of("errors", named));
    }

    private static String cut(String text) {
        if (text.length() <= MAX_FIELD_TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_FIELD_TEXT - 1)) ? MAX_FIELD_TEXT - 1 : MAX_FIELD_TEXT;
        return text.substring(0, end) + "…";
    }

    public static Handler notFound() {
        return (req, res) -> send(req, res, ProblemType.NOT_FOUND,
                "No resource at " + req.path().absolute().path());
    }

    /** 405 for a known path with a method it does not serve, naming the ones it does. */
    public static Handler methodNotAllowed(String... allowed) {
        String allow = String.join(", ", allowed);
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allow);
            send(req, res, ProblemType.METHOD_NOT_ALLOWED,
                    req.prologue().method().text() + " is not supported here; use " + allow);
        };
    }
}
