package io.hivematrix.archive.adapter.rest.routes;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An export's response stream that times how long the server waits on its client, and that {@link #cutIfTooSlow}
 * cuts off once the client keeps it waiting a whole window without taking the minimum number of bytes.
 *
 * <p>A client that stops reading does not fail a write: the write blocks once the socket buffers are full, for as
 * long as the client likes, holding the export's database connection and transaction. Only closing the socket ends
 * it, and the socket is the server's. The writer's thread is interrupted instead: a thread interrupted in a blocking
 * socket-channel write closes the channel and the write throws. The interrupt is delivered only while a write is in
 * progress, and cleared when it returns, so that it can never reach the database code the same thread runs next.
 */
public final class PacedOutput extends OutputStream {
    /** Writes are passed on in pieces no larger than this, so progress is counted as it happens. */
    private static final int PIECE = 8 * 1024;

    private final OutputStream out;
    private final Thread writer;
    private final long minBytes;
    private final long windowNanos;
    private final Object lock = new Object();
    // Guarded by lock.
    private boolean writing;
    private boolean cutOff;
    private long writeStarted;
    /** Nanoseconds spent in finished writes since the client last took {@link #minBytes}. */
    private long waited;
    /** Bytes taken since then. */
    private long taken;
    private long total;

    /** Watches the writes {@code writer} makes to {@code out}. */
    PacedOutput(OutputStream out, Thread writer, ExportLimits limits) {
        this.out = Objects.requireNonNull(out, "out");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.minBytes = limits.minBytes();
        this.windowNanos = limits.window().toNanos();
    }

    @Override
    public void write(int b) throws IOException {
        pass(() -> out.write(b), 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        for (int at = off, end = off + len; at < end; at += PIECE) {
            int from = at;
            int n = Math.min(PIECE, end - at);
            pass(() -> out.write(b, from, n), n);
        }
    }

    @Override
    public void flush() throws IOException {
        pass(out::flush, 0);
    }

    @Override
    public void close() throws IOException {
        pass(out::close, 0);
    }

    /**
     * Cuts the export off when the client has kept the server waiting longer than the window since it last took the
     * minimum: interrupts a write in progress, or fails the next one. Returns whether it is (now or before) cut off.
     */
    boolean cutIfTooSlow(long nowNanos) {
        synchronized (lock) {
            if (!cutOff) {
                long waiting = waited + (writing ? nowNanos - writeStarted : 0);
                if (waiting > windowNanos) {
                    cutOff = true;
                    if (writing) {
                        writer.interrupt();
                    }
                }
            }
            return cutOff;
        }
    }

    boolean isCutOff() {
        synchronized (lock) {
            return cutOff;
        }
    }

    /** Bytes the client has taken so far. */
    long bytesTaken() {
        synchronized (lock) {
            return total;
        }
    }

    private void pass(Write write, int bytes) throws IOException {
        long started;
        synchronized (lock) {
            if (cutOff) {
                throw new IOException("export cut off: its client took less than " + minBytes + " bytes in "
                        + windowNanos / 1_000_000 + " ms");
            }
            writing = true;
            started = System.nanoTime();
            writeStarted = started;
        }
        boolean done = false;
        try {
            write.run();
            done = true;
        } finally {
            synchronized (lock) {
                writing = false;
                if (cutOff) {
                    // The interrupt was meant for this write; whatever failed it, the thread goes on uninterrupted.
                    Thread.interrupted();
                } else if (done) {
                    waited += System.nanoTime() - started;
                    taken += bytes;
                    total += bytes;
                    if (taken >= minBytes) {
                        taken = 0;
                        waited = 0;
                    }
                }
            }
        }
    }

    /** One write to the stream underneath. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }
}
