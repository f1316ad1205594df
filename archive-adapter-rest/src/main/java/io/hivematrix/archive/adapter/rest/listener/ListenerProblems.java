package io.hivematrix.archive.adapter.rest.listener;

import io.helidon.http.DirectHandler;
import io.helidon.http.DirectHandler.TransportResponse;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.hivematrix.archive.adapter.rest.observe.CorrelationId;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
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
        return switch (status.code()) {
            case 413 -> body(status, ProblemType.BODY_TOO_LARGE, Problems.bodyTooLarge(maxBodyBytes), id);
            case 414 -> body(status, ProblemType.REQUEST_LINE_TOO_LONG,
                    "The request line exceeds the limit of " + maxRequestLineBytes + " bytes", id);
            case 431 -> body(status, ProblemType.HEADERS_TOO_LARGE,
                    "The request headers exceed the limit of " + maxHeaderBytes + " bytes", id);
            // Helidon reports headers over the limit as a plain 400, indistinguishable from other malformed heads.
            case 400 -> body(status, ProblemType.MALFORMED_REQUEST, "The request is not well-formed HTTP/1.1, or its "
                    + "headers exceed the limit of " + maxHeaderBytes + " bytes", id);
            default -> Problems.body(status.code(), "http-" + status.code(), status.reasonPhrase(),
                    "The request could not be handled: " + status.reasonPhrase(), Map.of(), id);
        };
    }

    private static byte[] body(Status status, ProblemType type, String detail, String id) {
        return Problems.body(status.code(), type.slug(), type.title(), detail, Map.of(), id);
    }
}
