package io.hivematrix.archive.adapter.postgres;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reads items on a thread of its own while the caller handles the ones already read, through a bounded queue: the
 * database producing the next rows, the driver decoding them and the caller's work on earlier ones overlap instead of
 * taking turns (a full walk of the chain used one core's worth of two, the server and the JVM waiting on each other).
 */
final class ReadAhead {
    private static final Object END = new Object();

    private ReadAhead() {
    }

    /** Produces items into a sink, from a source that may fail (a result set). */
    interface Producer<T> {
        void produce(Consumer<T> out) throws Exception;
    }

    /** Thrown into the producer once the caller has stopped taking items. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs {@code producer} on a thread named {@code name}, handing each item to {@code sink} on the calling thread, in
     * order; at most {@code capacity} items wait in between. A failure on either side stops both; the producer's is
     * rethrown here (a checked one wrapped by {@code wrap}).
     */
    @SuppressWarnings("unchecked")
    static <T> void run(String name, int capacity, Producer<T> producer, Consumer<T> sink,
                        java.util.function.Function<Exception, RuntimeException> wrap) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(capacity);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                producer.produce(item -> put(queue, item));
            } catch (Stopped stopped) {
                return; // the caller has gone: nobody waits for the end
            } catch (Throwable e) {
                failure.set(e);
            }
            try {
                put(queue, END);
            } catch (Stopped stopped) {
                // the caller has gone
            }
        });
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    break;
                }
                sink.accept((T) item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + name, e);
        } finally {
            reader.interrupt(); // unblocks a put into a full queue; a reader already done ignores it
            queue.clear();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        if (failed != null) {
            throw wrap.apply((Exception) failed);
        }
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }
}
