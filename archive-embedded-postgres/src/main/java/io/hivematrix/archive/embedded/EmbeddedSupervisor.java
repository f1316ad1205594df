package io.hivematrix.archive.embedded;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the embedded PostgreSQL and starts it again when its postmaster dies (the OOM killer's {@code kill -9},
 * say): Archive then serves again within seconds instead of answering 503 for good. When the server cannot be
 * started again it gives up through {@code giveUp}, which exits the process, so that the service manager restarts
 * Archive as a whole.
 */
public final class EmbeddedSupervisor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmbeddedSupervisor.class.getName());
    /** A process-table look-up: cheap enough to run every second. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /**
     * Waits between attempts. The first attempt often fails: backends of the dead postmaster can hold its shared
     * memory for a moment, and PostgreSQL refuses to start until they are gone.
     */
    private static final List<Duration> BACK_OFF = List.of(Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));

    private final EmbeddedDatabase database;
    private final List<String> command;
    private final Runnable giveUp;
    private final AtomicLong restarts = new AtomicLong();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "archive-db-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    private EmbeddedSupervisor(EmbeddedDatabase database, List<String> command, Runnable giveUp) {
        this.database = database;
        this.command = command;
        this.giveUp = giveUp;
    }

    /** Starts watching a running embedded server; {@code giveUp} runs once, when it cannot be brought back. */
    static EmbeddedSupervisor watch(EmbeddedDatabase database, Runnable giveUp) {
        List<String> command = database.postmasterCommand().orElseThrow(() -> new IllegalStateException(
                "the embedded PostgreSQL's postmaster is not running; nothing to supervise"));
        EmbeddedSupervisor supervisor = new EmbeddedSupervisor(database, command, giveUp);
        supervisor.executor.scheduleWithFixedDelay(supervisor::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return supervisor;
    }

    /** How often the server was started again since Archive started. */
    long restarts() {
        return restarts.get();
    }

    private void check() {
        try {
            if (closing || database.isRunning()) {
                return;
            }
            LOG.log(Level.ERROR, "the embedded PostgreSQL server is gone (its postmaster died); starting it again");
            if (restart()) {
                return;
            }
            LOG.log(Level.ERROR, "the embedded PostgreSQL server could not be started again after "
                    + BACK_OFF.size() + " attempts; Archive exits so that its service manager restarts it");
            closing = true;
            giveUp.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Archive is stopping: close() interrupts a restart in progress
        } catch (Throwable t) {
            // A check must never end the supervision silently: log it, and the next check runs as usual.
            LOG.log(Level.ERROR, "the embedded PostgreSQL check failed", t);
        }
    }

    private boolean restart() throws InterruptedException {
        long started = System.nanoTime();
        for (int attempt = 1; attempt <= BACK_OFF.size(); attempt++) {
            Thread.sleep(BACK_OFF.get(attempt - 1));
            if (closing) {
                return true;
            }
            try {
                database.restartAfterCrash(command);
                restarts.incrementAndGet();
                LOG.log(Level.WARNING, "the embedded PostgreSQL server is back after crash recovery ("
                        + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, attempt " + attempt + ")");
                return true;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "starting the embedded PostgreSQL server again failed (attempt " + attempt
                        + " of " + BACK_OFF.size() + "): " + e.getMessage());
            }
        }
        return false;
    }

    @Override
    public void close() {
        closing = true;
        // No waiting for the supervisor's thread: giveUp may be exiting the JVM from it, and this runs in that exit.
        executor.shutdownNow();
    }
}
