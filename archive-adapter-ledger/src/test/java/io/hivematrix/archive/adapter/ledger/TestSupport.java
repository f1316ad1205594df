package io.hivematrix.archive.adapter.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivematrix.archive.testkit.SettableClock;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared bits of the tests: a fake Core that issues numbered tokens, a clock the test moves, a port nobody listens on. */
final class TestSupport {
    /** The call timeout of tests that wait for it to pass (a neighbour that hangs). */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /** For calls meant to succeed: a loaded CI machine must not turn a cold first call into a timeout. */
    static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(10);

    private TestSupport() {
    }

    /** A clock that stands still until the test moves it, at the small hours of a month's first day. */
    static SettableClock clock() {
        return new SettableClock(Instant.parse("2025-11-01T02:00:00Z"));
    }

    /**
     * A Core script issuing {@code token-<target>-<n>}, n counting every token issued; {@code extra} is added to
     * the JSON answer (e.g. {@code ,"expires_in":300}), {@code delayMillis} slows each answer down.
     */
    static LoopbackServer.Script issuingTokens(AtomicInteger issued, String extra, long delayMillis) {
        return request -> {
            String target = json(request.body()).path("target_service").asText();
            int n = issued.incrementAndGet();
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            return LoopbackServer.Answer.json(200, "{\"token\":\"token-" + target + "-" + n + "\"" + extra + "}");
        };
    }

    /** A Core script issuing unsigned JWTs (we never verify our own tokens) whose {@code exp} is the given second. */
    static LoopbackServer.Script issuingJwts(AtomicInteger issued, long expEpochSecond) {
        return request -> {
            issued.incrementAndGet();
            return LoopbackServer.Answer.json(200, "{\"token\":\"" + jwt("{\"exp\":" + expEpochSecond + ",\"type\":\"service\"}") + "\"}");
        };
    }

    static String jwt(String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("not-a-signature".getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return NeighbourHttp.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clients to the given neighbours (any may be null) with generous timeouts, added to {@code started}. */
    static LedgerClients clients(List<AutoCloseable> started, URI codex, URI ledger, URI core) {
        LedgerClients clients = LedgerClients.create(NeighbourSettings.of(codex, ledger, core)
                .withTimeouts(GENEROUS_TIMEOUT, GENEROUS_TIMEOUT));
        started.add(clients);
        return clients;
    }

    /** Closes what a test started, the newest first. */
    static void closeAll(List<AutoCloseable> started) {
        for (AutoCloseable c : started.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + c, e);
            }
        }
        started.clear();
    }

    /** A loopback URL on a port that was free a moment ago and is closed now: connecting to it is refused. */
    static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
