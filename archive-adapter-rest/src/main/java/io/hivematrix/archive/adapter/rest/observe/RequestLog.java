package io.hivematrix.archive.adapter.rest.observe;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.hivematrix.archive.adapter.rest.security.Caller;
import java.lang.System.Logger.Level;

/**
 * One line per request (method, route, status, duration, request id, principal; never a header or a token)
 * and the same facts to the {@link RequestObserver}. Runs outside authentication, so refused requests are logged too,
 * and reads the principal once the chain has run. Not Helidon's access log: its line lacks these fields, it is set up
 * by the server rather than the routing, and it cost a GET a tenth to a fifth more CPU (docs/performance.md).
 */
public final class RequestLog implements Filter {
    /**
     * The logger every request line goes to, its own so operators can turn request lines off or route them
     * elsewhere (taken over by {@link BufferedRequestLog} in a running service).
     */
    static final String LOGGER = "io.hivematrix.archive.requests";
    static final System.Logger LOG = System.getLogger(LOGGER);
    /**
     * Label for requests answered before any route ran: no route matched, or authentication refused them. Keeps
     * the metrics' label set bounded whatever paths clients try; the log line shows their path instead.
     */
    static final String UNROUTED = "unrouted";

    private final RequestObserver observer;
    private final boolean log;

    public RequestLog(RequestObserver observer, boolean log) {
        this.observer = observer;
        this.log = log;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            long nanos = System.nanoTime() - started;
            String method = knownMethod(req.prologue().method().text());
            String route = req.matchingPattern().filter(p -> !p.isEmpty() && !p.equals("/*") && !p.equals("*"))
                    .orElse(UNROUTED);
            int status = res.status().code();
            observer.finished(method, route, status, nanos);
            if (log && LOG.isLoggable(Level.INFO)) {
                LOG.log(Level.INFO, line(method, route, req.path().rawPath(), status, nanos,
                        CorrelationId.of(req).value(), principal(req)));
            }
        }
    }

    /** Any method a client sends reaches here; an unknown one is "OTHER", so metrics labels stay few. */
    static String knownMethod(String method) {
        return switch (method) {
            case "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT" -> method;
            default -> "OTHER";
        };
    }

    static String line(String method, String route, String path, int status, long nanos, String requestId,
                       String principal) {
        // The raw path only where no route matched: the pattern says the rest, and paths can carry invoice numbers.
        // Built by hand, not with String.format: this runs for every request.
        long tenthsOfMs = (nanos + 50_000) / 100_000;
        return new StringBuilder(96).append(method).append(' ')
                .append(route.equals(UNROUTED) ? truncate(path) : route).append(' ').append(status).append(' ')
                .append(tenthsOfMs / 10).append('.').append(tenthsOfMs % 10).append("ms id=").append(requestId)
                .append(" principal=").append(principal).toString();
    }

    private static String principal(RoutingRequest req) {
        return req.context().get(Caller.class, Caller.class)
                .map(c -> c.isService() ? "service:" + c.service() : "user:" + c.email())
                .orElse("-");
    }

    /** Paths no route knows come from anyone: cut long ones and drop control characters so a line stays one line. */
    private static String truncate(String path) {
        String clean = path.length() > 120 ? path.substring(0, 120) + "…" : path;
        return clean.replaceAll("[\\p{Cntrl}\\s]", "?");
    }
}
