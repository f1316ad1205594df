package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One full collection after a burst that grew the heap, once it is quiet; none while busy or for no growth. */
class IdleHeapCompactorTest {
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong committed = new AtomicLong(32L << 20);
    private final AtomicInteger fullCollections = new AtomicInteger();
    private final IdleHeapCompactor compactor = new IdleHeapCompactor(collections::get, committed::get, () -> {
        fullCollections.incrementAndGet();
        collections.incrementAndGet();
        committed.set(34L << 20);
    });

    @Test
    void afterABurstThatGrewTheHeap_compactsOnceWhenQuiet() {
        compactor.run();
        collections.addAndGet(500); // load: young collections, the old generation grows
        committed.set(165L << 20);
        compactor.run();
        assertEquals(0, fullCollections.get(), "not while collections still run");
        compactor.run(); // quiet since the last look
        assertEquals(1, fullCollections.get());
        assertEquals(34L << 20, committed.get());
        compactor.run();
        compactor.run();
        assertEquals(1, fullCollections.get(), "once: nothing grew since");
    }

    @Test
    void whileCollectionsGoOn_neverCompacts() {
        committed.set(165L << 20);
        for (int i = 0; i < 10; i++) {
            collections.incrementAndGet();
            compactor.run();
        }
        assertEquals(0, fullCollections.get());
    }

    @Test
    void lightLoadThatDidNotGrowTheHeap_causesNoFullCollection() {
        compactor.run();
        collections.incrementAndGet();
        committed.addAndGet(IdleHeapCompactor.GROWTH); // not more than the threshold
        compactor.run();
        compactor.run();
        compactor.run();
        assertEquals(0, fullCollections.get());
    }
}
