package io.hivematrix.archive.adapter.rest.observe;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.http.JsonResponses;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operations endpoints for load balancers and Prometheus: {@code /observe/health/live} (the process answers),
 * {@code /observe/health/ready} and {@code /observe/health} (every readiness check passes; 503 naming the failing
 * ones), and {@code /observe/metrics}. None needs a token and none shows bill data. Not Helidon's observe feature:
 * its health checks have no deadline and its metrics are another registry, at a cost per request (docs/performance.md).
 */
public final class ObserveRoutes implements HttpService {
    private final Observability observability;
    private final HealthProbes readiness;

    public ObserveRoutes(Observability observability) {
        this.observability = observability;
        this.readiness = new HealthProbes(observability.readiness(), HealthProbes.DEFAULT_DEADLINE);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/observe/health", this::ready)
                .get("/observe/health/ready", this::ready)
                .get("/observe/health/live", this::live)
                .get("/observe/metrics", this::metrics)
                .any("/observe/health", Problems.methodNotAllowed("GET"))
                .any("/observe/health/ready", Problems.methodNotAllowed("GET"))
                .any("/observe/health/live", Problems.methodNotAllowed("GET"))
                .any("/observe/metrics", Problems.methodNotAllowed("GET"));
    }

    private void live(ServerRequest req, ServerResponse res) {
        send(res, true, List.of());
    }

    private void ready(ServerRequest req, ServerResponse res) {
        List<Map<String, Object>> checks = new ArrayList<>();
        boolean allUp = true;
        for (HealthProbes.Named check : readiness.readAll()) {
            boolean up = check.reading().up();
            Map<String, Object> details = check.reading().details();
            allUp &= up;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", check.name());
            entry.put("status", up ? "UP" : "DOWN");
            if (!details.isEmpty()) {
                entry.put("data", details);
            }
            checks.add(entry);
        }
        send(res, allUp, checks);
    }

    private static void send(ServerResponse res, boolean up, List<Map<String, Object>> checks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponses.send(res, body);
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_TYPE, Observability.METRICS_CONTENT_TYPE);
        res.send(observability.metricsText().get());
    }
}
