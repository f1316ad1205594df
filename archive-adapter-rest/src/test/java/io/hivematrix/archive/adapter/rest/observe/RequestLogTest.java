package io.hivematrix.archive.adapter.rest.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A request line: the route pattern (or a cut-down path where none matched) and its duration to 0.1 ms. */
class RequestLogTest {

    @Test
    void durationsAreRoundedToATenthOfAMillisecond() {
        assertEquals("GET /health 200 0.0ms id=a principal=-", RequestLog.line("GET", "/health", "/health", 200, 0, "a", "-"));
        assertEquals("GET /health 200 0.1ms id=a principal=-", RequestLog.line("GET", "/health", "/health", 200, 50_000, "a", "-"));
        assertEquals("GET /health 200 1.9ms id=a principal=-", RequestLog.line("GET", "/health", "/health", 200, 1_949_999, "a", "-"));
        assertEquals("POST /api/snapshot 201 1234.6ms id=b principal=service:ledger",
                RequestLog.line("POST", "/api/snapshot", "/api/snapshot", 201, 1_234_567_890L, "b", "service:ledger"));
    }

    @Test
    void unmatchedRequests_showTheirPath_withoutLineBreaks() {
        assertEquals("GET /x?y 404 2.0ms id=c principal=-",
                RequestLog.line("GET", RequestLog.UNROUTED, "/x\ny", 404, 2_000_000, "c", "-"));
    }

    @Test
    void unknownMethods_areOneLabel() {
        assertEquals("GET", RequestLog.knownMethod("GET"));
        assertEquals("PATCH", RequestLog.knownMethod("PATCH"));
        assertEquals("OTHER", RequestLog.knownMethod("BREW"));
        assertEquals("OTHER", RequestLog.knownMethod("get"));
    }
}
