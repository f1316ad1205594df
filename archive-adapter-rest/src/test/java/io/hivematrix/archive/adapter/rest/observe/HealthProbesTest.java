package io.hivematrix.archive.adapter.rest.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Health checks read within one deadline, at most one probe of each at a time. */
class HealthProbesTest {

    @Test
    void aCheckThatHangs_isDownWithinTheDeadline_andTheOthersStillAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        HealthCheck hanging = HealthCheck.of("database", () -> {
            started.incrementAndGet();
            await(release);
            return true;
        });
        HealthProbes probes = new HealthProbes(List.of(HealthCheck.of("accepting", () -> true), hanging),
                Duration.ofMillis(100));
        try {
            for (int i = 0; i < 3; i++) {
                List<HealthProbes.Named> readings = probes.readAll();
                assertEquals("accepting", readings.get(0).name());
                assertTrue(readings.get(0).reading().up());
                assertEquals("database", readings.get(1).name());
                assertFalse(readings.get(1).reading().up());
                assertEquals(Map.of("error", "no answer within 100 ms"), readings.get(1).reading().details());
            }
            // Three requests, one probe: a hung database does not collect a thread per request.
            assertEquals(1, started.get());
        } finally {
            release.countDown();
        }
        // Once the hung probe answers, the next request starts a fresh one and sees it up.
        Thread.sleep(50);
        assertTrue(probes.readAll().get(1).reading().up());
        assertEquals(2, started.get());
    }

    @Test
    void aCheckThatThrows_isDown_withTheErrorAsItsDetail() {
        HealthCheck failing = HealthCheck.of("scheduler", () -> {
            throw new IllegalStateException("no scheduler");
        });
        HealthProbes.Named reading = new HealthProbes(List.of(failing), Duration.ofSeconds(1)).readAll().getFirst();
        assertFalse(reading.reading().up());
        assertEquals(Map.of("error", "the check failed; see the service's log"), reading.reading().details(),
                "health answers anyone: the exception text stays in the log");
    }

    @Test
    void detailsKeepTheirOrder() {
        HealthCheck lag = new FixedCheck("seal_lag", () -> true, () -> {
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("pending", 0L);
            data.put("lag_seconds", 0.0);
            data.put("limit_seconds", 60L);
            return data;
        });
        HealthProbes.Named reading = new HealthProbes(List.of(lag), Duration.ofSeconds(1)).readAll().getFirst();
        assertEquals(List.of("pending", "lag_seconds", "limit_seconds"), List.copyOf(reading.reading().details().keySet()));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
