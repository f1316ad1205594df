package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** No background task ends silently: exceptions are retried, an Error is fatal and shows in readiness. */
class BackgroundTasksTest {

    @Test
    void aTaskThatThrows_runsAgain_andIsNotStalled() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Throwable> fatal = new CompletableFuture<>();
        try (BackgroundTasks tasks = new BackgroundTasks(fatal::complete)) {
            tasks.every(Duration.ofMillis(10), "flaky", () -> {
                runs.incrementAndGet();
                throw new IllegalStateException("database blip");
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runs.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(runs.get() >= 3, "ran " + runs.get() + " times");
            assertEquals(Map.of(), tasks.stalled());
            assertTrue(!fatal.isDone(), "an exception is not fatal");
        }
    }

    @Test
    void anError_isHandedToFatal_andReadinessNamesTheDeadTask() throws Exception {
        CompletableFuture<Throwable> fatal = new CompletableFuture<>();
        AtomicInteger runs = new AtomicInteger();
        try (BackgroundTasks tasks = new BackgroundTasks(fatal::complete)) {
            tasks.every(Duration.ofMillis(10), "audit sealing", () -> {
                runs.incrementAndGet();
                throw new OutOfMemoryError("Java heap space");
            });
            Throwable error = fatal.get(10, TimeUnit.SECONDS);
            assertTrue(error instanceof OutOfMemoryError, String.valueOf(error));
            assertEquals(Map.of("audit sealing", "stopped by OutOfMemoryError"), tasks.stalled());
        }
    }
}
