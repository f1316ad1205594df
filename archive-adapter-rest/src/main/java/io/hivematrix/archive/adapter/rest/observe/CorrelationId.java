package io.hivematrix.archive.adapter.rest.observe;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that ties a request's log lines to its response: taken from the caller's {@code X-Request-Id} (or the
 * older {@code X-Correlation-Id}) when sane, else made; returned in both headers.
 */
public record CorrelationId(String value) {
    public static final HeaderName HEADER = HeaderNames.create("X-Request-Id");
    /** What the first releases read and wrote; still honoured so existing callers keep their ids. */
    static final HeaderName LEGACY_HEADER = HeaderNames.create("X-Correlation-Id");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public static CorrelationId of(ServerRequest request) {
        return request.context().get(CorrelationId.class, CorrelationId.class)
                .orElseGet(() -> new CorrelationId("unknown"));
    }

    /** Assigns every request its id and echoes it in a response header. */
    public static Filter filter() {
        return (FilterChain chain, RoutingRequest req, RoutingResponse res) -> {
            CorrelationId id = offeredOrNew(req.headers());
            req.context().register(CorrelationId.class, id);
            id.echo(res.headers());
            chain.proceed();
        };
    }

    /** The id the caller offered in {@code headers}, when sane, else a new one. */
    public static CorrelationId offeredOrNew(Headers headers) {
        String offered = headers.first(HEADER).or(() -> headers.first(LEGACY_HEADER)).orElse("");
        return new CorrelationId(SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString());
    }

    /** Returns this id to the caller, in both headers. */
    public void echo(WritableHeaders<?> headers) {
        headers.set(HEADER, value);
        headers.set(LEGACY_HEADER, value);
    }
}
