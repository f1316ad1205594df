package io.hivematrix.archive.adapter.quartz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quartz.SchedulerConfigException;

/** Quartz's worker pool: at most threadCount fires at once, waits without a fire lost, and a shutdown that waits. */
class VirtualThreadPoolTest {

    @Test
    void atMostThreadCountFiresRunAtOnce_andTheNextWaitsForAFreeWorker() throws Exception {
        VirtualThreadPool pool = pool(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Runnable fire = () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        };
        assertTrue(pool.runInThread(fire));
        assertTrue(pool.runInThread(fire));
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> pool.runInThread(fire));
        CompletableFuture<Integer> available = CompletableFuture.supplyAsync(pool::blockForAvailableThreads);
        Thread.sleep(300);
        assertFalse(third.isDone(), "both workers are busy: the third fire waits");
        assertFalse(available.isDone(), "and so does the scheduler's look for a free worker");
        release.countDown();
        assertTrue(third.get(10, TimeUnit.SECONDS));
        assertTrue(available.get(10, TimeUnit.SECONDS) >= 1);
        pool.shutdown(true);
        assertEquals(2, most.get());
        assertEquals(0, running.get());
    }

    @Test
    void shutdownWaitingForJobs_returnsOnceTheyEnded_andTakesNoMore() throws Exception {
        VirtualThreadPool pool = pool(1);
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        assertTrue(pool.runInThread(() -> {
            started.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
        }));
        started.await();
        pool.shutdown(true);
        assertTrue(finished.get(), "shutdown(true) returned before the running fire ended");
        assertFalse(pool.runInThread(() -> { }), "no fire after shutdown");
        assertEquals(0, pool.blockForAvailableThreads());
    }

    @Test
    void aShutdown_releasesAWaitForAFreeWorker() throws Exception {
        VirtualThreadPool pool = pool(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.runInThread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> pool.runInThread(() -> { }));
        Thread.sleep(100);
        pool.shutdown(false);
        assertFalse(waiting.get(10, TimeUnit.SECONDS), "the waiting fire is refused, not run");
        release.countDown();
    }

    @Test
    void noWorkers_isAConfigurationError() {
        VirtualThreadPool pool = new VirtualThreadPool();
        pool.setThreadCount(0);
        assertThrows(SchedulerConfigException.class, pool::initialize);
    }

    private static VirtualThreadPool pool(int size) throws SchedulerConfigException {
        VirtualThreadPool pool = new VirtualThreadPool();
        pool.setThreadCount(size);
        pool.setInstanceName("test");
        pool.initialize();
        return pool;
    }
}
