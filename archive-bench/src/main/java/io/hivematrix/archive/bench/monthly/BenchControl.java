package io.hivematrix.archive.bench.monthly;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;

/**
 * The benchmark's own routes, on the fake Core's port: {@code GET /bench/admin-token} (an admin user token for
 * Archive's admin routes), {@code GET /bench/stats} (what the fakes counted), {@code POST /bench/reset}.
 */
final class BenchControl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeCore core;
    private final FakeCodex codex;
    private final FakeLedger ledger;

    BenchControl(FakeCore core, FakeCodex codex, FakeLedger ledger) {
        this.core = core;
        this.codex = codex;
        this.ledger = ledger;
    }

    void routes(HttpRules rules) {
        rules.get("/bench/admin-token", (req, res) -> res.status(Status.OK_200)
                        .header(HeaderNames.CONTENT_TYPE, "text/plain").send(core.adminToken()))
                .get("/bench/stats", (req, res) -> FakeCore.json(res, Status.OK_200, stats().toString()))
                .post("/bench/reset", (req, res) -> {
                    // Between a warm-up run and the measured one, so the counts are the measured run's alone.
                    core.resetCounts();
                    codex.resetCounts();
                    ledger.meter().reset();
                    res.status(Status.NO_CONTENT_204).send();
                });
    }

    private ObjectNode stats() {
        ObjectNode out = JSON.createObjectNode();
        out.put("core_token_calls", core.tokenCalls());
        out.put("codex_calls", codex.calls());
        out.put("codex_refused", codex.refused());
        ledger.meter().writeTo(out);
        return out;
    }
}
