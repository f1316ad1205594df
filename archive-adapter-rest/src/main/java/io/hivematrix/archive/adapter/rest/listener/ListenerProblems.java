package io.hivematrix.archive.adapter.rest.listener;

import io.helidon.http.DirectHandler.TransportResponse;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.hivematrix.archive.adapter.rest.observe.CorrelationId;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import java.util.Map;

/**
 * The answers Helidon gives before a request reaches the routes (a request line, header block or body over the
 * listener's limits, a malformed request), written as the same {@code application/problem+json} the REST adapter
 * writes, with a correlation id, instead of Helidon's empty bodies. The connection is always closed afterwards: the
 * rest of such a request cannot be trusted to be framed correctly.
 */
public final class ListenerProblems {

    private ListenerProblems() {
    }

    /** The listener's answers, naming the limits it was configured with. */
    public static DirectHandlers handlers(long maxBodyBytes, int maxRequestLineBytes, int maxHeaderBytes) {
        DirectHandler handler = (request, type, status, headers, message) -> {
            CorrelationId id = CorrelationId.offeredOrNew(request.headers());
            byte[] body = problem(status, id.value(), maxBodyBytes, maxRequestLineBytes, maxHeaderBytes);
            headers.set(HeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE);
            id.echo(headers);
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
                detail = Problems.bodyTooLarge(maxBodyBytes);
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
        return Problems.body(status.code(), slug, title, detail, Map.of(), id);
    }
}
