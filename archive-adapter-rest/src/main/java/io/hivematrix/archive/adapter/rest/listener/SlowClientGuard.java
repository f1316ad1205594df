package io.hivematrix.archive.adapter.rest.listener;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes connections whose clients are too slow, which Helidon 4.5 does not do by itself: its idle timeout only
 * reaches a connection waiting for its next request line, and the socket read timeout of its connection options is
 * applied to client sockets only. Without this guard a client that connects and sends nothing, sends a request line
 * and then trickles its headers, trickles a body, or stops reading a streamed response (an export, which holds a
 * database connection while it streams) keeps its connection, and its share of {@code ARCHIVE_MAX_CONNECTIONS},
 * for ever.
 *
 * <p>Per connection, the client must:
 * <ul>
 *   <li>deliver the request line and headers of its first request within {@code readTimeout} of being accepted,
 *       and those of a later request within {@code readTimeout} of its request line (the wait for a later request
 *       line is Helidon's idle timeout);</li>
 *   <li>after headers that announce a body, deliver the body within {@code readTimeout}, measured to the start of
 *       the response;</li>
 *   <li>while a response is being written, take each part within {@code stallTimeout} of the previous one; after the
 *       last part the connection is idle and Helidon's idle timeout, which is shorter, closes it first.</li>
 * </ul>
 * A connection past its deadline is closed; its client sees the connection end without an answer.
 *
 * <p>Helidon tells the guard about a connection through three hooks: {@link #watching} wraps the listener's socket
 * options, whose {@code configureSocket} Helidon calls on every accepted channel; {@link #requests} and
 * {@link #responses} are HTTP/1 listeners that see each request line, request head and response write. Connections
 * are matched by remote address, which is unique among one listener's open connections.
 */
public final class SlowClientGuard {
    private static final System.Logger LOG = System.getLogger(SlowClientGuard.class.getName());
    /** One daemon thread for every guard in the JVM; a guard schedules sweeps only while it watches connections. */
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "archive-slow-client-guard");
        thread.setDaemon(true);
        return thread;
    });
    private static final long REPORT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long readTimeoutNanos;
    private final long stallTimeoutNanos;
    private final long sweepNanos;
    private final Map<SocketAddress, Watched> connections = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    // Touched by the sweeper thread only.
    private long unreported;
    private long lastReport = System.nanoTime() - REPORT_EVERY_NANOS;

    /**
     * @param readTimeout  how long a client may take to deliver a request head, or a body after its head
     * @param stallTimeout how long a response may make no progress because its client stopped reading
     */
    public SlowClientGuard(Duration readTimeout, Duration stallTimeout) {
        this.readTimeoutNanos = readTimeout.toNanos();
        this.stallTimeoutNanos = stallTimeout.toNanos();
        // A tenth of the read timeout, between 100 ms and 1 s: a late connection is closed at most that much late.
        this.sweepNanos = Math.clamp(readTimeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(100),
                TimeUnit.SECONDS.toNanos(1));
    }

    /** {@code options}, also putting every connection the listener accepts under watch. */
    public SocketOptions watching(SocketOptions options) {
        return new WatchingOptions(options);
    }

    /** Sees each request line and request head. */
    public Http1ConnectionListener requests() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                Watched watched = find(ctx);
                if (watched != null) {
                    watched.requestLine(System.nanoTime() + readTimeoutNanos);
                }
            }

            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                Watched watched = find(ctx);
                if (watched != null) {
                    boolean body = headers.contentLength().orElse(0) > 0
                            || headers.contains(HeaderNames.TRANSFER_ENCODING);
                    watched.head(body ? System.nanoTime() + readTimeoutNanos : Watched.NONE);
                }
            }
        };
    }

    /** Sees each response start and each part of a response written. */
    public Http1ConnectionListener responses() {
        return new Http1ConnectionListener() {
            @Override
            public void status(ConnectionContext ctx, Status status) {
                progress(ctx);
            }

            @Override
            public void data(ConnectionContext ctx, BufferData data) {
                progress(ctx);
            }

            @Override
            public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
                progress(ctx);
            }
        };
    }

    private void progress(ConnectionContext ctx) {
        Watched watched = find(ctx);
        if (watched != null) {
            watched.responding(System.nanoTime() + stallTimeoutNanos);
        }
    }

    private Watched find(ConnectionContext ctx) {
        return connections.get(ctx.remotePeer().address());
    }

    private void accepted(SocketChannel channel) {
        SocketAddress remote;
        try {
            remote = channel.getRemoteAddress();
        } catch (IOException e) {
            return; // already closed
        }
        if (remote == null) {
            return;
        }
        connections.put(remote, new Watched(channel, System.nanoTime() + readTimeoutNanos));
        if (sweeping.compareAndSet(false, true)) {
            SWEEPER.schedule(this::sweep, sweepNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void sweep() {
        try {
            closeLateConnections();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Slow-client guard: a sweep failed; the next one runs as usual", e);
        } finally {
            if (!connections.isEmpty()) {
                SWEEPER.schedule(this::sweep, sweepNanos, TimeUnit.NANOSECONDS);
            } else {
                sweeping.set(false);
                // A connection accepted between the emptiness check and the line above found sweeping still set.
                if (!connections.isEmpty() && sweeping.compareAndSet(false, true)) {
                    SWEEPER.schedule(this::sweep, sweepNanos, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    private void closeLateConnections() {
        long now = System.nanoTime();
        for (Map.Entry<SocketAddress, Watched> entry : connections.entrySet()) {
            Watched watched = entry.getValue();
            if (!watched.channel.isOpen()) {
                connections.remove(entry.getKey(), watched);
            } else if (watched.isLate(now)) {
                try {
                    // Ends the connection's blocked read or write; Helidon then cleans up as for a vanished client.
                    watched.channel.close();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "could not close a slow connection", e);
                }
                connections.remove(entry.getKey(), watched);
                unreported++;
            }
        }
        if (unreported > 0 && now - lastReport >= REPORT_EVERY_NANOS) {
            // One line a minute at most, however many clients misbehave.
            LOG.log(Level.INFO, "Closed " + unreported + " connection(s) whose client did not send a complete request"
                    + " in " + TimeUnit.NANOSECONDS.toSeconds(readTimeoutNanos) + " s or stopped reading a response");
            unreported = 0;
            lastReport = now;
        }
    }

    /** One connection: by when its client must have made progress, if the server is waiting on it. */
    private static final class Watched {
        static final long NONE = Long.MIN_VALUE;

        final SocketChannel channel;
        /** {@link System#nanoTime()} deadline, or {@link #NONE} while the server, not the client, has the next move. */
        private volatile long deadline;
        /** Between a request line and the end of its headers (or the first request's, from accept). */
        private volatile boolean awaitingHead = true;

        Watched(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        void requestLine(long headDeadline) {
            if (!awaitingHead) {
                // A later request: its head gets its own time. The first request keeps the deadline set at accept.
                awaitingHead = true;
                deadline = headDeadline;
            }
        }

        void head(long bodyDeadline) {
            awaitingHead = false;
            deadline = bodyDeadline;
        }

        void responding(long nextWriteDeadline) {
            awaitingHead = false;
            deadline = nextWriteDeadline;
        }

        boolean isLate(long now) {
            long due = deadline;
            return due != NONE && now - due > 0;
        }
    }

    /** Helidon's socket options, plus: every channel configured with them is put under watch. */
    private final class WatchingOptions implements SocketOptions {
        private final SocketOptions delegate;

        WatchingOptions(SocketOptions delegate) {
            this.delegate = delegate;
        }

        @Override
        public void configureSocket(SocketChannel channel) {
            delegate.configureSocket(channel);
            accepted(channel);
        }

        @Override
        public void configureSocket(Socket socket) {
            delegate.configureSocket(socket);
        }

        @Override
        public Map<SocketOption<?>, Object> socketOptions() {
            return delegate.socketOptions();
        }

        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public Optional<Integer> socketReceiveBufferSize() {
            return delegate.socketReceiveBufferSize();
        }

        @Override
        public Optional<Integer> socketSendBufferSize() {
            return delegate.socketSendBufferSize();
        }

        @Override
        public boolean socketReuseAddress() {
            return delegate.socketReuseAddress();
        }

        @Override
        public boolean socketKeepAlive() {
            return delegate.socketKeepAlive();
        }

        @Override
        public boolean tcpNoDelay() {
            return delegate.tcpNoDelay();
        }

        @Override
        public String toString() {
            return delegate + " (watched for slow clients)";
        }
    }
}
