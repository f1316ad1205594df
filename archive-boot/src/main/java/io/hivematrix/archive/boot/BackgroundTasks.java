package io.hivematrix.archive.boot;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The instance's periodic housekeeping on one background thread: sealing new snapshots into the
 * audit chain, and failing snapshot jobs abandoned by an instance that stopped mid-run. Each task
 * is safe to run on every instance at once (the database decides who does the work).
 *
 * <p>No task ever ends silently: an exception is logged and the task runs again at its next turn; an
 * {@link Error} (out of memory, a broken class) leaves the JVM in a state nobody can vouch for, so it is
 * logged and handed to {@code fatal}, which exits the process for the service manager to restart it. Until
 * then, and whenever a task has not finished a run for a long while, {@link #stalled()} names it for readiness.
 */
final class BackgroundTasks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BackgroundTasks.class.getName());
    /** A task counts as stalled when it finished no run for this many of its intervals (and at least a minute). */
    private static final int STALLED_AFTER_INTERVALS = 10;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "archive-background");
        thread.setDaemon(true);
        return thread;
    });
    private final Consumer<Throwable> fatal;
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final Map<String, Throwable> dead = new ConcurrentHashMap<>();

    /** @param fatal told of an {@link Error} in a task; in the service it exits the process */
    BackgroundTasks(Consumer<Throwable> fatal) {
        this.fatal = fatal;
    }

    /** One task and when it last finished a run (nanoTime). */
    private static final class Task {
        final String name;
        final Duration interval;
        volatile long lastFinished = System.nanoTime();

        Task(String name, Duration interval) {
            this.name = name;
            this.interval = interval;
        }

        Duration stalledAfter() {
            Duration limit = interval.multipliedBy(STALLED_AFTER_INTERVALS);
            return limit.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : limit;
        }
    }

    /** Runs {@code task} now and then every {@code interval}; a failure is logged and tried again next time. */
    BackgroundTasks every(Duration interval, String name, Runnable task) {
        Task entry = new Task(name, interval);
        tasks.add(entry);
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
                entry.lastFinished = System.nanoTime();
            } catch (Exception e) {
                // Keep going: a database blip must not stop the chain (or the watchdog) for good.
                LOG.log(Level.WARNING, name + " failed; trying again in " + interval.toMillis() + " ms", e);
                entry.lastFinished = System.nanoTime();
            } catch (Throwable t) {
                // Caught, not rethrown: the executor would silently cancel every later run of this task.
                dead.put(name, t);
                LOG.log(Level.ERROR, name + " hit " + t + "; Archive exits so that its service manager restarts it", t);
                fatal.accept(t);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Tasks that died of an Error or finished no run for a long while, with why; empty when all is well. */
    Map<String, String> stalled() {
        Map<String, String> stalled = new java.util.TreeMap<>();
        dead.forEach((name, t) -> stalled.put(name, "stopped by " + t.getClass().getSimpleName()));
        long now = System.nanoTime();
        for (Task task : tasks) {
            Duration since = Duration.ofNanos(now - task.lastFinished);
            if (!stalled.containsKey(task.name) && since.compareTo(task.stalledAfter()) > 0) {
                stalled.put(task.name, "no run finished for " + since.toSeconds() + " s");
            }
        }
        return stalled;
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
