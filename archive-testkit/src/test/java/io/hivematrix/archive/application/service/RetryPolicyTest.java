package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The back-off between a company's Ledger attempts: within its doubling cap, never above the maximum. */
class RetryPolicyTest {
    /** Enough draws that a uniform wait reaching past half its cap somewhere is certain in practice (1 - 2^-1000). */
    private static final int DRAWS = 1_000;

    private static LongSummaryStatistics waits(RetryPolicy policy, int attempt) {
        return IntStream.range(0, DRAWS).mapToLong(i -> policy.delayAfter(attempt).toMillis()).summaryStatistics();
    }

    @Test
    void theCapDoublesWithEachAttempt_andTheWaitIsDrawnUpToIt() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofHours(1));
        LongSummaryStatistics first = waits(policy, 1);
        LongSummaryStatistics third = waits(policy, 3);
        assertTrue(first.getMin() >= 0 && first.getMax() <= 10, first::toString);
        assertTrue(third.getMin() >= 0 && third.getMax() <= 40, third::toString);
        assertTrue(third.getMax() > 20, "the third attempt's cap is 40 ms, not the second's 20: " + third);
    }

    @Test
    void theWaitNeverExceedsTheMaximum_evenAfterManyAttempts() {
        RetryPolicy policy = new RetryPolicy(100, Duration.ofSeconds(1), Duration.ofSeconds(3));
        LongSummaryStatistics late = waits(policy, 64);
        assertTrue(late.getMax() <= 3_000, late::toString);
        // No overflow of the doubling into a zero or negative cap: the wait is still drawn up to the maximum.
        assertTrue(late.getMax() > 1_500, late::toString);
    }

    @Test
    void aOneMillisecondCap_waitsZeroOrOneMillisecond() {
        RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1));
        LongSummaryStatistics waits = waits(policy, 1);
        assertEquals(0, waits.getMin());
        assertEquals(1, waits.getMax());
    }

    @Test
    void noBaseDelay_meansRetryingAtOnce() {
        assertEquals(Duration.ZERO, new RetryPolicy(3, Duration.ZERO, Duration.ZERO).delayAfter(2));
    }

    @Test
    void theDefault_triesFourTimes_from2sUpTo60s() {
        assertEquals(new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(60)), RetryPolicy.DEFAULT);
    }

    @Test
    void nonsensePolicies_areRefused() {
        assertEquals("max attempts must be at least 1", assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).getMessage());
        assertEquals(1, new RetryPolicy(1, Duration.ZERO, Duration.ZERO).maxAttempts());
        assertEquals("delays must satisfy 0 <= base <= max", assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(1, Duration.ofMillis(-1), Duration.ZERO)).getMessage());
        assertEquals("delays must satisfy 0 <= base <= max", assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1))).getMessage());
        assertEquals(Duration.ofSeconds(2),
                new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(2)).maxDelay());
    }
}
