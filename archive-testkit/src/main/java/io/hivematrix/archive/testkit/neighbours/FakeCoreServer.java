package io.hivematrix.archive.testkit.neighbours;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivematrix.archive.testkit.TokenMinter;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HiveMatrix Core as the Archive meets it, on loopback: its key at {@code /.well-known/jwks.json} and RS256
 * service tokens at {@code POST /service-token}; it also mints people's and services' tokens for the test, and one
 * signed with a key it never published. {@link #stop()} makes Core unreachable.
 */
public final class FakeCoreServer implements AutoCloseable {
    /** Long enough that no test or benchmark run ever has to fetch a token again. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    // A new key id per Core, so a service that met another fake Core before never trusts a stale key.
    private final TokenMinter minter = TokenMinter.withNewKey("core-" + UUID.randomUUID(), TOKEN_LIFETIME);
    /** Made at first use: an RSA key costs a noticeable moment, and most tests never need this one. */
    private TokenMinter unpublished;
    /** Tokens handed out at /service-token, so Codex and Ledger can refuse a call that carries none of them. */
    private final Set<String> handedOut = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final LoopbackServer server;

    public FakeCoreServer() {
        String jwks = minter.publicKeys().toString();
        server = LoopbackServer.start()
                .on("GET", "/.well-known/jwks.json", request -> Answer.json(200, jwks))
                .on("POST", "/service-token", this::serviceToken);
    }

    public URI uri() {
        return server.uri();
    }

    /** The server itself, for a test or benchmark adding routes of its own on Core's port. */
    public LoopbackServer server() {
        return server;
    }

    public TokenMinter minter() {
        return minter;
    }

    /** A person's token ({@code permission_level} admin, billing, technician or client). */
    public String user(String level) {
        return minter.user(level);
    }

    /** A service token addressed to the Archive, e.g. Ledger's. */
    public String service(String calling) {
        return minter.service(calling, "archive");
    }

    /** A well-formed admin token signed with a key Core never published. */
    public synchronized String unknownKey() {
        if (unpublished == null) {
            unpublished = TokenMinter.withNewKey("core-unpublished", TOKEN_LIFETIME);
        }
        return unpublished.user("admin");
    }

    /** True when {@code authorization} is "Bearer " and a token this Core handed out at /service-token. */
    public boolean handedOut(Optional<String> authorization) {
        return authorization.filter(h -> h.startsWith("Bearer ")).map(h -> handedOut.contains(h.substring(7)))
                .orElse(false);
    }

    /** Calls to /service-token since the start or the last {@link #resetCounts}. */
    public int tokenCalls() {
        return tokenCalls.get();
    }

    public void resetCounts() {
        tokenCalls.set(0);
    }

    public void stop() {
        server.close();
    }

    @Override
    public void close() {
        stop();
    }

    private Answer serviceToken(LoopbackServer.Seen request) throws Exception {
        tokenCalls.incrementAndGet();
        JsonNode body = request.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(request.body());
        String calling = body.path("calling_service").asText("");
        String target = body.path("target_service").asText("");
        if (calling.isBlank() || target.isBlank()) {
            return Answer.json(400, "{\"error\":\"calling_service and target_service are required\"}");
        }
        String token = minter.service(calling, target);
        handedOut.add(token);
        return Answer.json(200, JSON.createObjectNode().put("token", token).toString());
    }
}
