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

/** The id that ties a request's log lines to its response: taken from the caller when sane, else made. */
record CorrelationId(String value) {
    static final HeaderName HEADER = HeaderNames.create("X-Correlation-Id");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    static CorrelationId of(ServerRequest request) {
        return request.context().get(CorrelationId.class, CorrelationId.class)
                .orElseGet(() -> new CorrelationId("unknown"));
    }

    /** Assigns every request its id and echoes it in a response header. */
    static Filter filter() {
        return (FilterChain chain, RoutingRequest req, RoutingResponse res) -> {
            String offered = req.headers().first(HEADER).orElse("");
            CorrelationId id = new CorrelationId(SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString());
            req.context().register(CorrelationId.class, id);
            res.header(HEADER, id.value());
            chain.proceed();
        };
    }
}
