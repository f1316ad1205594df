package io.hivematrix.archive.adapter.rest.security;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps other sites from writing through a user's browser: behind the Nexus proxy the user's token is added to
 * every request, so a foreign page's form could otherwise create a permanent bill or start a run. An unsafe method
 * is refused with 403 when the browser says it comes from another site ({@code Sec-Fetch-Site: cross-site}) or when
 * its {@code Origin} is neither this service's own nor allowed. {@link JsonBodyGuard} closes the other door.
 */
public final class CrossSiteGuard implements Filter {
    private static final Set<Method> UNSAFE = Set.of(Method.POST, Method.PUT, Method.PATCH, Method.DELETE);
    private static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");
    private static final HeaderName X_FORWARDED_HOST = HeaderNames.create("X-Forwarded-Host");

    private final Set<String> allowedOrigins;

    /** @param allowedOrigins origins ({@code https://nexus.example}) allowed besides this service's own */
    public CrossSiteGuard(Set<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(CrossSiteGuard::normalize).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Method method = req.prologue().method();
        if (UNSAFE.contains(method)) {
            String refused = whyCrossSite(req);
            if (refused != null) {
                Problems.send(req, res, ProblemType.CROSS_SITE_REQUEST, refused);
                return;
            }
        }
        chain.proceed();
    }

    /**
     * Why this unsafe request is refused as coming from another site, or null when it may proceed. A browser's own
     * {@code Sec-Fetch-Site} (no page can set it) decides when present: {@code same-origin} and {@code none} (typed
     * or bookmarked) pass, {@code cross-site} is refused, {@code same-site} (a sibling subdomain) must still show an
     * allowed origin. Without it (an older browser) the {@code Origin} decides; a request with neither comes from
     * no browser's cross-origin machinery (Ledger, curl), which a foreign page cannot borrow.
     */
    private String whyCrossSite(RoutingRequest req) {
        String site = req.headers().first(SEC_FETCH_SITE).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("");
        if (site.equals("cross-site")) {
            return "A request from another site may not change anything here (Sec-Fetch-Site: cross-site)";
        }
        if (site.equals("same-origin") || site.equals("none")) {
            return null;
        }
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return null;
        }
        String normalized = normalize(origin.get());
        if (allowedOrigins.contains(normalized) || isOwnOrigin(req, normalized)) {
            return null;
        }
        return "Origin " + quoted(origin.get()) + " may not change anything here; allow it with ARCHIVE_ALLOWED_ORIGINS";
    }

    /** Whether the origin names the host this request was sent to (directly, or as the proxy in front reports). */
    private static boolean isOwnOrigin(RoutingRequest req, String origin) {
        String host = hostOf(origin);
        if (host == null) {
            return false; // "null" (a sandboxed frame, a file: page) or garbage
        }
        return req.headers().first(HeaderNames.HOST).map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(host::equals)
                .isPresent()
                || req.headers().first(X_FORWARDED_HOST).map(h -> h.split(",")[0].trim().toLowerCase(Locale.ROOT))
                .filter(host::equals).isPresent();
    }

    /** {@code host[:port]} of an origin as a Host header carries it (the port only when not the scheme's default). */
    private static String hostOf(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return null;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port < 0 || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80)
                    || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443);
            return defaultPort ? host : host + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** A header value quoted for a problem detail, cut short and free of control characters. */
    static String quoted(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return "\"" + cut.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
