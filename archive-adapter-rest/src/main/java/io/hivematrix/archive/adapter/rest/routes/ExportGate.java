package io.hivematrix.archive.adapter.rest.routes;

import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets at most {@link ExportLimits#maxConcurrent()} exports stream at once, and watches each one's client so that a
 * slow or stalled reader is cut off (see {@link PacedOutput}). Boot gives exports a database pool of the same size,
 * so an admitted export always finds a connection and exports never take the connections other routes need.
 */
public final class ExportGate {
    private final ExportLimits limits;
    private final Semaphore slots;
    private final long tickNanos;

    ExportGate(ExportLimits limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.maxConcurrent());
        // A tenth of the window, between 50 ms and 1 s: a stalled export is cut at most that much late.
        this.tickNanos = Math.clamp(limits.window().toNanos() / 10, TimeUnit.MILLISECONDS.toNanos(50),
                TimeUnit.SECONDS.toNanos(1));
    }

    /** A slot for one export, or null at once when all are taken: a request never waits for one. */
    Slot tryEnter() {
        return slots.tryAcquire() ? new Slot() : null;
    }

    ExportLimits limits() {
        return limits;
    }

    /** Seconds a refused client is asked to wait: the window, within which a stalled export gives its slot back. */
    long retryAfterSeconds() {
        return Math.max(1, limits.window().toSeconds());
    }

    /** One admitted export: holds its slot until closed, and watches its client's pace while it streams. */
    final class Slot implements AutoCloseable {
        private final AtomicBoolean closed = new AtomicBoolean();
        private final CountDownLatch finished = new CountDownLatch(1);
        private PacedOutput output;

        private Slot() {
        }

        /** {@code out}, written by the calling thread, watched until this slot is closed. */
        OutputStream watch(OutputStream out) {
            if (output != null) {
                throw new IllegalStateException("an export has one response stream");
            }
            output = new PacedOutput(out, Thread.currentThread(), limits);
            PacedOutput watched = output;
            // A virtual thread per export (two at a time by default), living exactly as long as the export.
            Thread.ofVirtual().name("archive-export-watch").start(() -> watch(watched));
            return output;
        }

        private void watch(PacedOutput watched) {
            try {
                while (!finished.await(tickNanos, TimeUnit.NANOSECONDS)) {
                    if (watched.cutIfTooSlow(System.nanoTime())) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Whether the export was cut off because its client read too slowly. */
        boolean cutOff() {
            return output != null && output.isCutOff();
        }

        long bytesSent() {
            return output == null ? 0 : output.bytesTaken();
        }

        /** Ends the watch and frees the slot; once only, whatever the number of calls. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                finished.countDown();
                slots.release();
            }
        }
    }
}
