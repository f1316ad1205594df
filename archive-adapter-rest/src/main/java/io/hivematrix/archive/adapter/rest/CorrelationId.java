package io.hivematrix.archive.adapter.rest;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
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
record CorrelationId(String value) {
    static final HeaderName HEADER = HeaderNames.create("X-Request-Id");
    /** What the first releases read and wrote; still honoured so existing callers keep their ids. */
    static final HeaderName LEGACY_HEADER = HeaderNames.create("X-Correlation-Id");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    static CorrelationId of(ServerRequest request) {
        return request.context().get(CorrelationId.class, CorrelationId.class)
                .orElseGet(() -> new CorrelationId("unknown"));
    }

    /** Assigns every request its id and echoes it in a response header. */
    static Filter filter() {
        return (FilterChain chain, RoutingRequest req, RoutingResponse res) -> {
            String offered = req.headers().first(HEADER).or(() -> req.headers().first(LEGACY_HEADER)).orElse("");
            CorrelationId id = new CorrelationId(SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString());
            req.context().register(CorrelationId.class, id);
            res.header(HEADER, id.value());
            res.header(LEGACY_HEADER, id.value());
            chain.proceed();
        };
    }
}
