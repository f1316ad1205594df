package io.hivematrix.archive.adapter.rest.security;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.hivematrix.archive.adapter.rest.http.ProxyPrefix;
import io.hivematrix.archive.adapter.rest.observe.CorrelationId;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.adapter.rest.web.WebUiRoutes;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Set;

/**
 * Requires a valid bearer token on every route but the public ones, and registers the {@link Caller}
 * it speaks for in the request context. Failures are 401 problems; the token itself is never logged.
 */
public final class Authentication implements Filter {
    private static final System.Logger LOG = System.getLogger(Authentication.class.getName());
    /**
     * Paths anyone may reach: health for load balancers, metrics for Prometheus (counts and timings, no bill data)
     * and the API description.
     */
    private static final Set<String> PUBLIC = Set.of("/health", "/openapi", "/observe/health", "/observe/health/live",
            "/observe/health/ready", "/observe/metrics");

    private final TokenVerifier verifier;

    public Authentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (isPublic(req.path().absolute().path())) {
            chain.proceed();
            return;
        }
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null) {
            reject(req, res, "An Authorization: Bearer token is required", "");
            return;
        }
        if (header.length() < 8 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            reject(req, res, "The Authorization header must use the Bearer scheme", ", error=\"invalid_request\"");
            return;
        }
        try {
            Caller caller = verifier.verify(header.substring(7).trim());
            req.context().register(Caller.class, caller);
        } catch (TokenVerifier.InvalidToken e) {
            LOG.log(Level.DEBUG, () -> "request " + CorrelationId.of(req).value() + ": " + e.getMessage());
            reject(req, res, "Invalid token: " + e.getMessage(), ", error=\"invalid_token\"");
            return;
        }
        chain.proceed();
    }

    private static boolean isPublic(String path) {
        if (path.equals(ProxyPrefix.PATH)) {
            return true; // only redirects to the page
        }
        String unprefixed = ProxyPrefix.isUnder(path)
                ? path.substring(ProxyPrefix.PATH.length()) : path;
        // The web page and its two files hold no data: the script asks the API, with the user's token.
        return PUBLIC.contains(unprefixed) || WebUiRoutes.PATHS.contains(unprefixed);
    }

    private static void reject(RoutingRequest req, RoutingResponse res, String detail, String wwwError) {
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"archive\"" + wwwError);
        Problems.send(req, res, ProblemType.UNAUTHORIZED, detail);
    }
}
