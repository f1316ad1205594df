package io.hivematrix.archive.adapter.rest.observe;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.http.JsonResponses;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /health}: 200 when every dependency answers, 503 naming the ones that do not. */
public final class HealthRoutes implements HttpService {
    private final HealthProbes checks;

    public HealthRoutes(List<HealthCheck> checks) {
        this.checks = new HealthProbes(checks, HealthProbes.DEFAULT_DEADLINE);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health).any("/health", Problems.methodNotAllowed("GET"));
    }

    private void health(ServerRequest req, ServerResponse res) {
        Map<String, String> results = new LinkedHashMap<>();
        boolean allUp = true;
        for (HealthProbes.Named check : checks.readAll()) {
            boolean up = check.reading().up();
            allUp &= up;
            results.put(check.name(), up ? "up" : "down");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "ok" : "unavailable");
        body.put("service", "archive");
        if (!allUp) {
            body.put("checks", results);
        }
        res.status(allUp ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponses.send(res, body);
    }
}
