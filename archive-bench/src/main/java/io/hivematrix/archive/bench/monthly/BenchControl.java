package io.hivematrix.archive.bench.monthly;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import io.hivematrix.archive.testkit.neighbours.FakeCoreServer;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer.Answer;

/**
 * The benchmark's own routes, on the fake Core's port: {@code GET /bench/admin-token} (an admin user token for
 * Archive's admin routes), {@code GET /bench/stats} (what the fakes counted), {@code POST /bench/reset}.
 */
final class BenchControl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeCoreServer core;
    private final FakeCodexServer codex;
    private final LedgerMeter meter;

    BenchControl(FakeCoreServer core, FakeCodexServer codex, LedgerMeter meter) {
        this.core = core;
        this.codex = codex;
        this.meter = meter;
    }

    void routes(LoopbackServer server) {
        server.on("GET", "/bench/admin-token", request -> Answer.of(200, "text/plain", core.user("admin")))
                .on("GET", "/bench/stats", request -> Answer.json(200, stats().toString()))
                .on("POST", "/bench/reset", request -> {
                    // Between a warm-up run and the measured one, so the counts are the measured run's alone.
                    core.resetCounts();
                    codex.resetCounts();
                    meter.reset();
                    return Answer.of(204, "application/json", "");
                });
    }

    private ObjectNode stats() {
        ObjectNode out = JSON.createObjectNode();
        out.put("core_token_calls", core.tokenCalls());
        out.put("codex_calls", codex.calls());
        out.put("codex_refused", codex.refused());
        meter.writeTo(out);
        return out;
    }
}
