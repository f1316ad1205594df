package io.hivematrix.archive.adapter.rest.security;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import java.util.Optional;

/**
 * Answers 415 to a request body that is not {@code application/json} (any parameters, such as a charset, allowed),
 * before a byte of it is read: every body Archive takes is JSON, and an HTML form, the one body a foreign page can
 * send without a CORS preflight (which Archive never grants), cannot be {@code application/json}.
 */
public final class JsonBodyGuard implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (hasBody(req) && !isJson(req)) {
            Problems.send(req, res, ProblemType.UNSUPPORTED_MEDIA_TYPE, "The request body must be sent as Content-Type: application/json, not "
                            + req.headers().first(HeaderNames.CONTENT_TYPE).map(CrossSiteGuard::quoted)
                            .orElse("without a Content-Type"));
            return;
        }
        chain.proceed();
    }

    private static boolean hasBody(RoutingRequest req) {
        return req.headers().contentLength().orElse(0L) > 0 || req.headers().contains(HeaderNames.TRANSFER_ENCODING);
    }

    private static boolean isJson(RoutingRequest req) {
        Optional<HttpMediaType> type;
        try {
            type = req.headers().contentType();
        } catch (RuntimeException malformed) {
            return false;
        }
        return type.isPresent() && type.get().mediaType().type().equalsIgnoreCase("application")
                && type.get().mediaType().subtype().equalsIgnoreCase("json");
    }
}
