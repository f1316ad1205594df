package io.hivematrix.archive.boot;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Gives the heap back after a burst of load, as G1's periodic collection does for G1 (JEP 346): the serial collector
 * grows the old generation rather than collect it while load lasts (to 165 MB committed after {@code bench/run}, of
 * which some 20 MB live), and shrinks it only at a full collection, which may not come for hours. Looked at every
 * few seconds: once no collection has run since the last look (nothing allocates, so nothing is being served) and
 * the heap grew by more than {@link #GROWTH} since the last compaction, one full collection (tens of milliseconds)
 * shrinks it to jvm.options' MaxHeapFreeRatio. Light load that never grows the heap causes none.
 */
final class IdleHeapCompactor implements Runnable {
    /** Less growth than this is not worth a full collection. */
    static final long GROWTH = 16L << 20;

    private final LongSupplier collections;
    private final LongSupplier committedBytes;
    private final Runnable collect;
    private long collectionsSeen = -1;
    private long committedAfterCompaction;

    IdleHeapCompactor(LongSupplier collections, LongSupplier committedBytes, Runnable collect) {
        this.collections = collections;
        this.committedBytes = committedBytes;
        this.collect = collect;
        this.committedAfterCompaction = committedBytes.getAsLong();
    }

    /** This JVM's collectors and heap; the collection is {@code System.gc()}. */
    static IdleHeapCompactor forThisJvm() {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        return new IdleHeapCompactor(() -> collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum(),
                () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted(), System::gc);
    }

    @Override
    public void run() {
        long now = collections.getAsLong();
        boolean quiet = now == collectionsSeen;
        collectionsSeen = now;
        if (!quiet || committedBytes.getAsLong() - committedAfterCompaction <= GROWTH) {
            return;
        }
        collect.run();
        collectionsSeen = collections.getAsLong();
        committedAfterCompaction = committedBytes.getAsLong();
    }
}
