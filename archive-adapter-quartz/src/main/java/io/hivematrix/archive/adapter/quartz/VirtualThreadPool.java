package io.hivematrix.archive.adapter.quartz;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ThreadPool;

/**
 * Quartz's workers as virtual threads, one per fire, at most {@code threadCount} at once. Quartz's own
 * {@code SimpleThreadPool} keeps its workers as platform threads that each wake every 500 ms to look for work, all
 * day, for a schedule that fires once a month; here nothing runs while nothing fires. Quartz makes it by name from
 * {@code org.quartz.threadPool.class} and sets {@code threadCount} through {@link #setThreadCount(int)}.
 */
public final class VirtualThreadPool implements ThreadPool {
    /** How long a wait for a free worker lasts before it looks again whether the pool was shut down. */
    private static final long SHUTDOWN_LOOK_MILLIS = 500;

    private int threadCount = 1;
    private String name = "quartz";
    private Semaphore free;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shutdown;

    /** Quartz's {@code org.quartz.threadPool.threadCount}: how many fires may run at once. */
    public void setThreadCount(int threadCount) {
        this.threadCount = threadCount;
    }

    @Override
    public void initialize() throws SchedulerConfigException {
        if (threadCount < 1) {
            throw new SchedulerConfigException("org.quartz.threadPool.threadCount must be at least 1, not " + threadCount);
        }
        free = new Semaphore(threadCount);
    }

    /** Runs {@code runnable} on a new virtual thread once a worker is free; false once the pool is shut down. */
    @Override
    public boolean runInThread(Runnable runnable) {
        if (!takeWorker()) {
            return false;
        }
        Thread worker = Thread.ofVirtual().name(name + "_Worker").unstarted(() -> {
            try {
                runnable.run();
            } finally {
                running.remove(Thread.currentThread());
                free.release();
            }
        });
        running.add(worker);
        worker.start();
        return true;
    }

    /** Blocks until a worker is free (or the pool is shut down); how many are free then. */
    @Override
    public int blockForAvailableThreads() {
        if (!takeWorker()) {
            return 0;
        }
        free.release();
        return Math.max(1, free.availablePermits());
    }

    /** Waits for a free worker and takes it; false when the pool was shut down first. */
    private boolean takeWorker() {
        try {
            while (!shutdown) {
                // Looks again only while every worker is busy: an idle pool returns at once.
                if (free.tryAcquire(SHUTDOWN_LOOK_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (!shutdown) {
                        return true;
                    }
                    free.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Takes no more fires; with {@code waitForJobsToComplete}, returns once the running ones ended. */
    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        shutdown = true;
        if (!waitForJobsToComplete) {
            return;
        }
        for (Thread worker : Set.copyOf(running)) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public int getPoolSize() {
        return threadCount;
    }

    @Override
    public void setInstanceId(String instanceId) {
        // Workers are named after the scheduler (its name), not its cluster member id.
    }

    @Override
    public void setInstanceName(String instanceName) {
        this.name = instanceName;
    }
}
