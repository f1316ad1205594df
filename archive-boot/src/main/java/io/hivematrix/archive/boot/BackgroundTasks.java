package io.hivematrix.archive.boot;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The instance's periodic housekeeping on one background thread: sealing new snapshots into the
 * audit chain, and failing snapshot jobs abandoned by an instance that stopped mid-run. Each task
 * is safe to run on every instance at once (the database decides who does the work).
 */
final class BackgroundTasks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BackgroundTasks.class.getName());

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "archive-background");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code task} now and then every {@code interval}; a failure is logged and tried again next time. */
    BackgroundTasks every(Duration interval, String name, Runnable task) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // Keep going: a database blip must not stop the chain (or the watchdog) for good.
                LOG.log(Level.WARNING, name + " failed; trying again in " + interval.toMillis() + " ms", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
