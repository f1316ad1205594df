package io.hivematrix.archive.adapter.rest.listener;

import io.helidon.common.config.Config;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;

/**
 * The listener's own settings (address, port and the limits that keep one client from costing the server more than
 * its share), read from the service's configuration under the keys spelled as their environment variables, and the
 * Helidon listener they configure (docs/configuration.md, "Limits"; the reasons for each default are in
 * application.yaml).
 */
public record ListenerSettings(String host, int port, long maxBodyBytes, int maxRequestLineBytes, int maxHeaderBytes,
                               Duration idleTimeout, Duration readTimeout, int maxConnections) {

    public ListenerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("ARCHIVE_PORT must be between 0 and 65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("ARCHIVE_MAX_BODY_BYTES must be positive");
        }
        if (maxRequestLineBytes < 256 || maxRequestLineBytes > 65_536) {
            throw new IllegalArgumentException("ARCHIVE_MAX_REQUEST_LINE_BYTES must be between 256 and 65536");
        }
        if (maxHeaderBytes < 1024 || maxHeaderBytes > 1_048_576) {
            throw new IllegalArgumentException("ARCHIVE_MAX_HEADER_BYTES must be between 1024 and 1048576");
        }
        // Whole seconds: Helidon refreshes a connection's last-activity time at most once a second.
        if (!wholeSecondsBetween(idleTimeout, 1, 3600)) {
            throw new IllegalArgumentException("ARCHIVE_IDLE_TIMEOUT_SECONDS must be between 1 and 3600");
        }
        if (!wholeSecondsBetween(readTimeout, 1, 3600)) {
            throw new IllegalArgumentException("ARCHIVE_READ_TIMEOUT_SECONDS must be between 1 and 3600");
        }
        if (maxConnections < 1 || maxConnections > 1_000_000) {
            throw new IllegalArgumentException("ARCHIVE_MAX_CONNECTIONS must be between 1 and 1000000");
        }
    }

    /** Reads the listener's keys from the service's configuration, each at its documented default when unset. */
    public static ListenerSettings from(Config config) {
        return new ListenerSettings(
                config.get("ARCHIVE_HOST").asString().orElse("127.0.0.1"),
                config.get("ARCHIVE_PORT").asInt().orElse(5012),
                config.get("ARCHIVE_MAX_BODY_BYTES").asLong().orElse(10L * 1024 * 1024),
                config.get("ARCHIVE_MAX_REQUEST_LINE_BYTES").asInt().orElse(4096),
                config.get("ARCHIVE_MAX_HEADER_BYTES").asInt().orElse(16_384),
                Duration.ofSeconds(config.get("ARCHIVE_IDLE_TIMEOUT_SECONDS").asLong().orElse(60L)),
                Duration.ofSeconds(config.get("ARCHIVE_READ_TIMEOUT_SECONDS").asLong().orElse(30L)),
                config.get("ARCHIVE_MAX_CONNECTIONS").asInt().orElse(1000));
    }

    /** Whether a duration is a whole number of seconds between {@code min} and {@code max}. */
    public static boolean wholeSecondsBetween(Duration value, long min, long max) {
        return value.getNano() == 0 && value.getSeconds() >= min && value.getSeconds() <= max;
    }

    /**
     * How often the listener looks for connections idle longer than {@link #idleTimeout()}: a quarter of it, between
     * 1 and 15 seconds, so an idle connection is closed between one and one and a quarter idle timeouts after its last
     * request (75 s at the most with the default 60 s).
     */
    public Duration idleCheckPeriod() {
        Duration quarter = idleTimeout.dividedBy(4);
        if (quarter.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return quarter.compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15) : quarter;
    }

    /** The listener, without routes: address, port, socket options, and these limits. */
    public WebServerConfig.Builder serverConfig() {
        // Helidon's idle timeout only reaches connections waiting for their next request line; the guard bounds the
        // rest: silent new connections, trickled heads and bodies, responses the client stopped reading.
        SlowClientGuard guard = new SlowClientGuard(readTimeout, idleTimeout.plus(idleCheckPeriod()));
        return WebServer.builder()
                .host(host)
                .port(port)
                // Without TCP_NODELAY, Nagle's algorithm holds back the tail of a multi-segment response (a snapshot
                // is ~8 KB) until the client's delayed ACK: ~40 ms each (measured: 174 GETs/s before, ~4,000 after).
                .connectionOptions(guard.watching(SocketOptions.builder().tcpNoDelay(true).build()))
                .maxTcpConnections(maxConnections)
                // No maxConcurrentRequests: over HTTP/1.1 a connection carries one request at a time, so the
                // connection limit bounds requests too, and a fixed request limit would answer bursts the database
                // pool absorbs with an immediate 503.
                // The REST adapter enforces the same limit; here it also covers every other route, and a declared
                // Content-Length over it is refused before a byte of the body is read.
                .maxPayloadSize(maxBodyBytes)
                .idleConnectionTimeout(idleTimeout)
                .idleConnectionPeriod(idleCheckPeriod())
                .directHandlers(ListenerProblems.handlers(maxBodyBytes, maxRequestLineBytes, maxHeaderBytes))
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(maxRequestLineBytes)
                        .maxHeadersSize(maxHeaderBytes)
                        .addReceiveListener(guard.requests())
                        .addSendListener(guard.responses())
                        .build());
    }
}
