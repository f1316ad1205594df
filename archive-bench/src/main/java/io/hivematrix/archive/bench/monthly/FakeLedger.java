package io.hivematrix.archive.bench.monthly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Ledger's {@code POST /api/bill/accept}: takes {@code delay} per call and answers as Ledger does on success
 * (201, or 409 when the Archive already has the bill). With a {@link BillPostBack} it first posts the bill to
 * the Archive, inside the delay: a call lasts {@code max(delay, post-back time)}, so the ideal stays
 * companies × delay ÷ concurrency and only a post-back slower than the delay shows up as extra time.
 */
final class FakeLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration delay;
    private final FakeCore core;
    private final Optional<BillPostBack> postBack;
    private final LedgerMeter meter = new LedgerMeter();

    FakeLedger(Duration delay, FakeCore core, Optional<BillPostBack> postBack) {
        this.delay = delay;
        this.core = core;
        this.postBack = postBack;
    }

    void routes(HttpRules rules) {
        rules.post("/api/bill/accept", this::accept);
    }

    LedgerMeter meter() {
        return meter;
    }

    private void accept(ServerRequest req, ServerResponse res) throws Exception {
        long start = meter.begin();
        int status = 500;
        try {
            if (!core.mintedForArchive(req.headers().first(HeaderNames.AUTHORIZATION))) {
                status = 401;
                reply(res, status, "{\"error\":\"a service token from Core is required\"}");
                return;
            }
            JsonNode body = JSON.readTree(req.content().as(String.class));
            String account = body.path("account_number").asText("");
            int year = body.path("year").asInt();
            int month = body.path("month").asInt();
            if (account.isBlank() || year == 0 || month < 1 || month > 12) {
                status = 400;
                reply(res, status, "{\"error\":\"account_number, year and month are required\"}");
                return;
            }
            status = 201;
            if (postBack.isPresent()) {
                int archived = postBack.get().post(account, year, month);
                meter.postedBack(archived);
                status = archived == 201 || archived == 409 ? archived : 502;
            }
            // Sleeping up to the deadline, not for the whole delay again: the post-back is part of Ledger's work.
            long left = delay.toNanos() - (System.nanoTime() - start);
            if (left > 0) {
                Thread.sleep(Duration.ofNanos(left));
            }
            switch (status) {
                case 201 -> reply(res, 201, "{\"message\":\"Bill accepted and archived\"}");
                case 409 -> reply(res, 409, "{\"error\":\"Bill already archived\"}");
                default -> reply(res, status, "{\"error\":\"the Archive did not take the bill\"}");
            }
        } finally {
            meter.end(start, status);
        }
    }

    private static void reply(ServerResponse res, int status, String body) {
        res.status(Status.create(status)).header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }
}
