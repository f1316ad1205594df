package io.hivematrix.archive.adapter.rest.observe;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the operations routes report: readiness checks for {@code /observe/health/ready}, the metrics text for
 * {@code /observe/metrics}, who hears of each finished request, and whether each request gets a log line.
 *
 * @param readiness   checks that must all pass before a balancer should send traffic (database, scheduler, seals)
 * @param metricsText the current metrics in Prometheus' text format
 * @param requests    told of every finished request
 * @param logRequests one INFO line per request (method, route, status, duration, request id, principal)
 */
public record Observability(List<HealthCheck> readiness, Supplier<String> metricsText, RequestObserver requests,
                            boolean logRequests) {
    /** Prometheus' text exposition format. */
    public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public Observability {
        readiness = List.copyOf(readiness);
        Objects.requireNonNull(metricsText, "metricsText");
        Objects.requireNonNull(requests, "requests");
    }

    /** Readiness from the given checks (the API's own), no metrics, request lines logged. */
    public static Observability basic(List<HealthCheck> readiness) {
        return new Observability(readiness, () -> "", RequestObserver.NONE, true);
    }
}
