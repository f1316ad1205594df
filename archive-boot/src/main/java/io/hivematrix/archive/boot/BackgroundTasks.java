package io.hivematrix.archive.boot;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

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

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
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
        // A backed-off task waits as a delayed run: by default shutdown() would still wait for it (seconds, up to
        // its idle interval), and so would every stop of the service.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** One task and when it last finished a run (nanoTime). */
    private static final class Task {
        final String name;
        /** The longest a task waits between runs. */
        final Duration interval;
        /** When a failed run is tried again. */
        final Duration retry;
        volatile long lastFinished = System.nanoTime();

        Task(String name, Duration interval) {
            this(name, interval, interval);
        }

        Task(String name, Duration interval, Duration retry) {
            this.name = name;
            this.interval = interval;
            this.retry = retry;
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
        executor.scheduleWithFixedDelay(() -> runOnce(entry, () -> {
            task.run();
            return true;
        }), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Runs {@code task} now and again {@code busy} after each run that found work (it returns how much it did);
     * after a run that found none, waits twice as long as the last time, up to {@code idle}, so that an idle service
     * is idle. The returned wake-up brings a backed-off run forward to {@code busy} from now, so that work arriving
     * waits no longer than it would have at the busy pace, and a burst of wake-ups makes no more runs than that pace
     * (cheap to call often: it does nothing while the task runs at its busy pace).
     */
    Runnable whileBusy(Duration busy, Duration idle, String name, IntSupplier task) {
        Task entry = new Task(name, idle, busy);
        tasks.add(entry);
        long busyMillis = busy.toMillis();
        long idleMillis = Math.max(busyMillis, idle.toMillis());
        // Touched on the executor's one thread only, except the two flags, which wake-ups use.
        var state = new Object() {
            long delay = busyMillis;
            ScheduledFuture<?> next;
            volatile boolean backedOff;
            /** Set by a wake-up: work may have arrived after the run in progress looked. */
            volatile boolean woken;
        };
        Runnable[] run = new Runnable[1];
        run[0] = () -> {
            state.woken = false;
            boolean worked = runOnce(entry, () -> task.getAsInt() > 0) || state.woken;
            state.delay = worked ? busyMillis : Math.min(idleMillis, state.delay * 2);
            state.backedOff = state.delay > busyMillis;
            schedule(() -> state.next = executor.schedule(run[0], state.delay, TimeUnit.MILLISECONDS));
        };
        schedule(() -> state.next = executor.schedule(run[0], 0, TimeUnit.MILLISECONDS));
        return () -> {
            state.woken = true;
            if (state.backedOff) {
                schedule(() -> {
                    if (state.backedOff && state.next != null
                            && state.next.getDelay(TimeUnit.MILLISECONDS) > busyMillis && state.next.cancel(false)) {
                        state.delay = busyMillis;
                        state.backedOff = false;
                        state.next = executor.schedule(run[0], busyMillis, TimeUnit.MILLISECONDS);
                    }
                });
            }
        };
    }

    /** Runs {@code step} on the executor, unless it has been shut down (the service is stopping). */
    private void schedule(Runnable step) {
        try {
            executor.execute(step);
        } catch (RejectedExecutionException stopping) {
            // Nothing more to run.
        }
    }

    /** One run of a task: whether it found work (true on a failure, so the retry comes at the busy pace). */
    private boolean runOnce(Task entry, BooleanSupplier task) {
        try {
            boolean worked = task.getAsBoolean();
            entry.lastFinished = System.nanoTime();
            return worked;
        } catch (Exception e) {
            // Keep going: a database blip must not stop the chain (or the watchdog) for good.
            LOG.log(Level.WARNING, entry.name + " failed; trying again in " + entry.retry.toMillis() + " ms", e);
            entry.lastFinished = System.nanoTime();
            return true;
        } catch (Throwable t) {
            // Caught, not rethrown: the executor would silently cancel every later run of this task.
            dead.put(entry.name, t);
            LOG.log(Level.ERROR, entry.name + " hit " + t + "; Archive exits so that its service manager restarts it", t);
            fatal.accept(t);
            return false;
        }
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

    /** Whether every task stopped after {@link #close()}. */
    boolean terminated() {
        return executor.isTerminated();
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
