package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * No background task ends silently: exceptions are retried, an Error is fatal and shows in readiness; a task that
 * finds no work backs off, and a wake-up brings it back at once.
 */
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

    @Test
    void aTaskThatFindsNoWork_backsOff_upToItsIdleInterval() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (BackgroundTasks tasks = new BackgroundTasks(t -> { })) {
            tasks.whileBusy(Duration.ofMillis(10), Duration.ofMillis(200), "idle", () -> {
                runs.incrementAndGet();
                return 0;
            });
            Thread.sleep(1_000);
        }
        // At a fixed 10 ms it would have run about 100 times; backing off (10, 20, ... 160, then 200 ms) about 10.
        assertTrue(runs.get() >= 3 && runs.get() <= 20, "ran " + runs.get() + " times");
    }

    @Test
    void closing_stopsEveryTask_withoutWaitingForABackedOffRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        BackgroundTasks tasks = new BackgroundTasks(t -> { });
        tasks.whileBusy(Duration.ofSeconds(30), Duration.ofHours(1), "idle", () -> {
            runs.incrementAndGet();
            return 0;
        });
        tasks.every(Duration.ofHours(1), "hourly", () -> runs.incrementAndGet());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10); // each runs once at once; the idle one's next run is a minute away
        }
        int before = runs.get();
        tasks.close();
        assertTrue(tasks.terminated(), "close() waited out its 10 s for a delayed run that was never going to run");
        Thread.sleep(300);
        assertEquals(before, runs.get(), "nothing ran after close()");
    }

    @Test
    void aTaskThatFindsWork_keepsItsBusyPace() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (BackgroundTasks tasks = new BackgroundTasks(t -> { })) {
            tasks.whileBusy(Duration.ofMillis(10), Duration.ofMinutes(1), "busy", () -> {
                runs.incrementAndGet();
                return 1;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runs.get() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertTrue(runs.get() >= 20, "ran " + runs.get() + " times");
    }

    @Test
    void aWakeUp_bringsABackedOffRunForward() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (BackgroundTasks tasks = new BackgroundTasks(t -> { })) {
            Runnable wake = tasks.whileBusy(Duration.ofMillis(50), Duration.ofHours(1), "sealing", () -> {
                runs.incrementAndGet();
                return 0;
            });
            // Runs at 0, 0.1, 0.3, 0.7, 1.5, 3.1 s, then not before 6.3 s.
            Thread.sleep(3_500);
            int before = runs.get();
            wake.run();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_000);
            while (runs.get() == before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(runs.get() > before, "woken, it ran at the busy pace (the next run was due only at 6.3 s)");
            assertEquals(Map.of(), tasks.stalled());
        }
    }
}
