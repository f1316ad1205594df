package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading ahead keeps the order, hands on every item, and lets a failure on either side stop both. */
class ReadAheadTest {

    @Test
    void everyItemArrivesInOrder_throughAQueueSmallerThanTheStream() {
        List<Integer> seen = new ArrayList<>();
        ReadAhead.<Integer>run("test", 3, out -> {
            for (int i = 0; i < 10_000; i++) {
                out.accept(i);
            }
        }, seen::add, IllegalStateException::new);
        assertEquals(10_000, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void theProducersCheckedFailure_isRethrownWrapped_afterTheItemsBeforeIt() {
        SQLException cause = new SQLException("connection lost", "08006");
        List<Integer> seen = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ReadAhead.<Integer>run("test", 2,
                out -> {
                    out.accept(1);
                    out.accept(2);
                    throw cause;
                }, seen::add, IllegalStateException::new));
        assertSame(cause, e.getCause());
        assertEquals(List.of(1, 2), seen);
    }

    @Test
    void theProducersRuntimeFailure_isRethrownAsItIs() {
        IllegalArgumentException cause = new IllegalArgumentException("bad row");
        assertSame(cause, assertThrows(IllegalArgumentException.class, () -> ReadAhead.<Integer>run("test", 2,
                out -> {
                    throw cause;
                }, i -> { }, IllegalStateException::new)));
    }

    @Test
    @Timeout(30) // without the stop, the reader would wait on the full queue and run() on the reader, for ever
    void aFailingConsumer_stopsTheProducer_evenWhenItWaitsOnAFullQueue() {
        AtomicInteger produced = new AtomicInteger();
        AtomicBoolean producerEnded = new AtomicBoolean();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ReadAhead.<Integer>run("test", 2,
                out -> {
                    try {
                        for (int i = 0; i < 1_000_000; i++) {
                            out.accept(i);
                            produced.incrementAndGet();
                        }
                    } finally {
                        producerEnded.set(true);
                    }
                }, i -> {
                    if (i == 5) {
                        throw new IllegalStateException("check failed at 5");
                    }
                }, IllegalStateException::new));
        assertEquals("check failed at 5", e.getMessage());
        assertTrue(producerEnded.get(), "the reader thread has ended when run returns");
        assertFalse(produced.get() > 100, "the reader stopped soon after: " + produced.get());
    }
}
