package io.hivematrix.archive.adapter.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivematrix.archive.adapter.ledger.NeighbourHttp.NoAnswer;
import io.hivematrix.archive.adapter.ledger.NeighbourHttp.Reply;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Service tokens from Core ({@code POST {core}/service-token}), cached per target service and reused
 * until shortly before they expire; at most one fetch per target runs at a time.
 *
 * <p>Without a Core URL there are no tokens: {@link #tokenFor} answers empty and callers send no
 * {@code Authorization} header (dev set-ups where the neighbours are open).
 */
final class CoreServiceTokens {
    static final String CALLING_SERVICE = "archive";
    /** Lifetime assumed when Core says nothing about expiry (no {@code expires_in}, no JWT {@code exp}). */
    static final Duration FALLBACK_LIFETIME = Duration.ofMinutes(5);
    /** Stop reusing a token this long before it expires, so it does not die on the way to the neighbour. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(CoreServiceTokens.class.getName());

    private final Optional<URI> core;
    private final NeighbourHttp http;
    private final InstantSource clock;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

    CoreServiceTokens(Optional<URI> core, NeighbourHttp http, InstantSource clock) {
        this.core = Objects.requireNonNull(core);
        this.http = Objects.requireNonNull(http);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * A token to send.
     *
     * @param fresh whether it was fetched from Core for this very call; a neighbour refusing a fresh
     *              token will refuse the next one too, while a refused cached one may just be stale
     */
    record ServiceToken(String value, boolean fresh) {
        @Override
        public String toString() {
            // Never a whole token in logs or assertion messages.
            return "ServiceToken[" + (value.length() <= 8 ? "…" : value.substring(0, 4) + "…") + ", fresh=" + fresh + "]";
        }
    }

    /** Core gave no token; {@code retryable} when asking again later may help (5xx, 429, no answer). */
    static final class TokenUnavailable extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        TokenUnavailable(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }

    /** A token for calling {@code target} (e.g. {@code ledger}), or empty when Core is not configured. */
    Optional<ServiceToken> tokenFor(String target) throws TokenUnavailable {
        if (core.isEmpty()) {
            return Optional.empty();
        }
        Slot slot = slots.computeIfAbsent(target, t -> new Slot());
        Cached cached = slot.current.get();
        if (cached != null && cached.reusableAt(clock.instant())) {
            return Optional.of(new ServiceToken(cached.value, false));
        }
        // A ReentrantLock rather than synchronized: the fetch blocks on I/O, and on Java 21 a virtual
        // thread blocking inside synchronized pins its carrier.
        slot.fetching.lock();
        try {
            cached = slot.current.get();
            if (cached != null && cached.reusableAt(clock.instant())) {
                // Someone else fetched it while we waited for the lock.
                return Optional.of(new ServiceToken(cached.value, false));
            }
            Cached fetched = fetch(core.get(), target);
            slot.current.set(fetched);
            return Optional.of(new ServiceToken(fetched.value, true));
        } finally {
            slot.fetching.unlock();
        }
    }

    /** Forgets {@code value} for {@code target} (a neighbour refused it), unless a newer token replaced it already. */
    void reject(String target, String value) {
        Slot slot = slots.get(target);
        if (slot != null) {
            slot.current.updateAndGet(c -> c != null && c.value.equals(value) ? null : c);
        }
    }

    private Cached fetch(URI coreUrl, String target) throws TokenUnavailable {
        ObjectNode body = NeighbourHttp.JSON.createObjectNode()
                .put("calling_service", CALLING_SERVICE)
                .put("target_service", target);
        Instant askedAt = clock.instant();
        Reply reply;
        try {
            reply = http.postJson(NeighbourHttp.resolve(coreUrl, "/service-token"), body, Optional.empty());
        } catch (NoAnswer e) {
            throw new TokenUnavailable("Core " + e.getMessage(), true, e);
        }
        if (!reply.isSuccess()) {
            boolean retryable = reply.status() >= 500 || reply.status() == 429 || reply.status() == 408;
            throw new TokenUnavailable("Core answered HTTP " + reply.status() + " to a service-token request for "
                    + target, retryable, null);
        }
        JsonNode json = reply.json().orElse(null);
        JsonNode token = json == null ? null : json.get("token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new TokenUnavailable("Core's answer to a service-token request for " + target + " has no token",
                    false, null);
        }
        String value = token.asText();
        Instant expiresAt = expiry(json, value, askedAt);
        Cached cached = new Cached(value, reuseUntil(askedAt, expiresAt));
        LOG.log(Level.DEBUG, () -> "Got a service token for " + target + " from Core, reused until " + cached.reuseUntil);
        return cached;
    }

    /** When the token expires: Core's {@code expires_in}, else the JWT's {@code exp}, else an assumed 5 minutes. */
    static Instant expiry(JsonNode answer, String token, Instant askedAt) {
        JsonNode expiresIn = answer.get("expires_in");
        if (expiresIn != null && expiresIn.isNumber() && expiresIn.asLong() > 0) {
            // Relative to when we asked, so Core's clock does not matter.
            return askedAt.plusSeconds(expiresIn.asLong());
        }
        return jwtExpiry(token).orElse(askedAt.plus(FALLBACK_LIFETIME));
    }

    /** The {@code exp} claim of a JWT, read without verifying anything: we only need to know when to ask again. */
    static Optional<Instant> jwtExpiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = NeighbourHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims == null ? null : claims.get("exp");
            return exp != null && exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            // Not a JWT after all (or a broken one): treat it as opaque.
            return Optional.empty();
        }
    }

    /** Reuse until {@link #REFRESH_MARGIN} before expiry; a token living less than twice that is reused for half its life. */
    static Instant reuseUntil(Instant askedAt, Instant expiresAt) {
        Duration lifetime = Duration.between(askedAt, expiresAt);
        if (lifetime.isNegative() || lifetime.isZero()) {
            // Already expired by our clock (skew): use it this once, ask again next time.
            return askedAt;
        }
        Duration margin = lifetime.dividedBy(2).compareTo(REFRESH_MARGIN) < 0 ? lifetime.dividedBy(2) : REFRESH_MARGIN;
        return expiresAt.minus(margin);
    }

    /** A token held for one target, and when to stop reusing it. */
    private record Cached(String value, Instant reuseUntil) {
        boolean reusableAt(Instant now) {
            return now.isBefore(reuseUntil);
        }

        @Override
        public String toString() {
            return "Cached[reuseUntil=" + reuseUntil + "]";
        }
    }

    /** One target's cache entry and the lock that lets only one fetch for it run at a time. */
    private static final class Slot {
        final AtomicReference<Cached> current = new AtomicReference<>();
        final ReentrantLock fetching = new ReentrantLock();
    }
}
