package io.hivematrix.archive.adapter.rest.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pace rule of an export's stream, with a stream underneath that stands in for a socket whose client stopped
 * reading: only time spent waiting on the client counts, a stalled write is interrupted, and the interrupt never
 * outlives the write it was meant for. Times are passed in, so nothing here waits for a real window.
 */
class PacedOutputTest {
    private static final ExportLimits LIMITS = new ExportLimits(2, 64 * 1024, Duration.ofSeconds(10));
    private static final long WINDOW = LIMITS.window().toNanos();

    @Test
    void aStalledWrite_isInterrupted_failsTheExport_andLeavesTheThreadUninterrupted() throws Exception {
        StalledSocket socket = new StalledSocket();
        CompletableFuture<PacedOutput> created = new CompletableFuture<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            PacedOutput out = new PacedOutput(socket, Thread.currentThread(), LIMITS);
            created.complete(out);
            try {
                out.write(new byte[1024]);
                failure.complete(null);
            } catch (IOException | RuntimeException e) {
                failure.complete(e);
            }
            // What runs next on this thread (the database read, in an export) must not see the interrupt.
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        PacedOutput out = created.get(10, TimeUnit.SECONDS);
        assertTrue(socket.blocked.await(10, TimeUnit.SECONDS));

        long now = System.nanoTime();
        assertFalse(out.cutIfTooSlow(now), "just started waiting");
        assertTrue(out.cutIfTooSlow(now + WINDOW + 1), "a whole window without the minimum taken");
        assertNotNull(failure.get(10, TimeUnit.SECONDS), "the blocked write ended with an exception");
        assertFalse(interruptedAfter.get(10, TimeUnit.SECONDS), "the interrupt did not outlive the write");
        writer.join();
        assertTrue(out.isCutOff());
        assertThrows(IOException.class, () -> out.write(1), "every later write fails at once");
        assertThrows(IOException.class, out::flush);
        assertThrows(IOException.class, out::close);
    }

    @Test
    void timeSpentAwayFromTheStream_doesNotCount() throws Exception {
        PacedOutput out = new PacedOutput(new ByteArrayOutputStream(), Thread.currentThread(), LIMITS);
        out.write(new byte[100]);
        // Long after the last write, but no write waits: the server was reading the database, not the client.
        assertFalse(out.cutIfTooSlow(System.nanoTime() + 10 * WINDOW));
        assertFalse(Thread.currentThread().isInterrupted());
        out.write(new byte[100]);
        assertEquals(200, out.bytesTaken());
    }

    @Test
    void aClientThatKeepsTakingTheMinimum_isNeverCutOff() throws Exception {
        SlowSocket socket = new SlowSocket(Duration.ofMillis(5));
        PacedOutput out = new PacedOutput(socket, Thread.currentThread(), new ExportLimits(1, 16 * 1024,
                Duration.ofSeconds(1)));
        // 32 writes of 8 KiB, 5 ms each: 16 KiB every 10 ms of waiting, a hundred times the minimum.
        for (int i = 0; i < 32; i++) {
            out.write(new byte[8 * 1024]);
            assertFalse(out.cutIfTooSlow(System.nanoTime()), "after " + (i + 1) + " writes");
        }
        assertEquals(256 * 1024, out.bytesTaken());
    }

    @Test
    void waitsAddUp_acrossWritesThatTakeLessThanTheMinimum() throws Exception {
        SlowSocket socket = new SlowSocket(Duration.ofMillis(30));
        PacedOutput out = new PacedOutput(socket, Thread.currentThread(), new ExportLimits(1, 64 * 1024,
                Duration.ofMillis(100)));
        // Four small writes of 30 ms each: 120 ms of waiting for 4 bytes, over the 100 ms window.
        for (int i = 0; i < 4; i++) {
            out.write(i);
        }
        assertTrue(out.cutIfTooSlow(System.nanoTime()));
        assertFalse(Thread.currentThread().isInterrupted(), "no write was in progress: none is interrupted");
        assertThrows(IOException.class, () -> out.write(5), "the next write fails instead");
    }

    @Test
    void largeWrites_arePassedOnInPieces_soProgressIsSeenAsItHappens() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int[] writes = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes[0]++;
                assertTrue(len <= 8 * 1024, "a piece of " + len);
                sink.write(b, off, len);
            }
        };
        PacedOutput out = new PacedOutput(counting, Thread.currentThread(), LIMITS);
        byte[] data = new byte[100_000];
        data[99_999] = 7;
        out.write(data, 0, data.length);
        assertEquals(13, writes[0]);
        assertEquals(100_000, sink.size());
        assertEquals(7, sink.toByteArray()[99_999]);
    }

    @Test
    void theGate_admitsAtMostItsLimit_andNeverWaits() {
        ExportGate gate = new ExportGate(ExportLimits.of(2));
        ExportGate.Slot first = gate.tryEnter();
        ExportGate.Slot second = gate.tryEnter();
        assertNotNull(first);
        assertNotNull(second);
        assertNull(gate.tryEnter(), "a third export is refused at once");
        first.close();
        first.close(); // once only: a second close frees nothing more
        ExportGate.Slot third = gate.tryEnter();
        assertNotNull(third);
        assertNull(gate.tryEnter());
        assertEquals(10, gate.retryAfterSeconds());
        second.close();
        third.close();
    }

    /** A socket whose client stopped reading: a write blocks until the thread is interrupted. */
    private static final class StalledSocket extends OutputStream {
        final CountDownLatch blocked = new CountDownLatch(1);

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            blocked.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                // A socket channel closes itself and throws here, leaving the thread's interrupt status set.
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("closed by interrupt");
            }
        }
    }

    /** A socket whose client reads at a steady pace: each write takes {@code perWrite}. */
    private static final class SlowSocket extends OutputStream {
        private final Duration perWrite;

        SlowSocket(Duration perWrite) {
            this.perWrite = perWrite;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                Thread.sleep(perWrite);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }
    }
}
