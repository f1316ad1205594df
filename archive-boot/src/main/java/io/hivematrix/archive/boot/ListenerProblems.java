package io.hivematrix.archive.boot;

import io.helidon.http.DirectHandler;
import io.helidon.http.DirectHandler.TransportResponse;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The answers Helidon gives before a request reaches the routes (a request line, header block or body over the
 * listener's limits, a malformed request), written as the same {@code application/problem+json} the REST adapter
 * writes, with a correlation id, instead of Helidon's empty bodies. The connection is always closed afterwards: the
 * rest of such a request cannot be trusted to be framed correctly.
 */
final class ListenerProblems {
    private static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final HeaderName CORRELATION_ID = HeaderNames.create("X-Correlation-Id");
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private ListenerProblems() {
    }

    static DirectHandlers handlers(long maxBodyBytes, int maxRequestLineBytes, int maxHeaderBytes) {
        DirectHandler handler = (request, type, status, headers, message) -> {
            String offered = request.headers().first(REQUEST_ID).or(() -> request.headers().first(CORRELATION_ID)).orElse("");
            String id = SANE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
            byte[] body = problem(status, id, maxBodyBytes, maxRequestLineBytes, maxHeaderBytes);
            headers.set(HeaderNames.CONTENT_TYPE, ArchiveHttp.PROBLEM_MEDIA_TYPE);
            headers.set(REQUEST_ID, id);
            headers.set(CORRELATION_ID, id);
            return TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .keepAlive(false)
                    .entity(body)
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    private static byte[] problem(Status status, String id, long maxBodyBytes, int maxRequestLineBytes,
                                  int maxHeaderBytes) {
        String slug;
        String title;
        String detail;
        switch (status.code()) {
            case 413 -> {
                // As the REST adapter words it when it finds the body too large itself.
                slug = "body-too-large";
                title = "Request body too large";
                detail = "Request body exceeds the limit of " + maxBodyBytes + " bytes";
            }
            case 414 -> {
                slug = "request-line-too-long";
                title = "Request line too long";
                detail = "The request line exceeds the limit of " + maxRequestLineBytes + " bytes";
            }
            case 431 -> {
                slug = "headers-too-large";
                title = "Request headers too large";
                detail = "The request headers exceed the limit of " + maxHeaderBytes + " bytes";
            }
            case 400 -> {
                // Helidon reports headers over the limit as a plain 400, indistinguishable from other malformed heads.
                slug = "malformed-request";
                title = "Bad Request";
                detail = "The request is not well-formed HTTP/1.1, or its headers exceed the limit of " + maxHeaderBytes
                        + " bytes";
            }
            default -> {
                slug = "http-" + status.code();
                title = status.reasonPhrase();
                detail = "The request could not be handled: " + status.reasonPhrase();
            }
        }
        return ArchiveHttp.problemBody(status.code(), slug, title, detail, id);
    }
}
