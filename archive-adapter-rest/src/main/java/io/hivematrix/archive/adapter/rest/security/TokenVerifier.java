package io.hivematrix.archive.adapter.rest.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies HiveMatrix Core's tokens with nimbus-jose-jwt: RS256 only, issuer {@code hivematrix-core},
 * {@code exp} required and enforced with a small skew, key chosen by {@code kid}. Turns a valid token
 * into a {@link Caller}; anything else is an {@link InvalidToken}.
 */
public final class TokenVerifier {
    public static final String ISSUER = "hivematrix-core";
    public static final String AUDIENCE_SERVICE = "archive";
    private static final int CLOCK_SKEW_SECONDS = 60;
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** How long a verified token is trusted without checking its signature again, at most (and never past exp). */
    static final Duration MAX_REMEMBERED = Duration.ofMinutes(5);
    private static final int REMEMBERED_TOKENS = 4_096;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final VerifiedTokens verified = new VerifiedTokens(REMEMBERED_TOKENS);
    private final Clock clock;
    /** The longest a token may still live when it is verified; null for no bound beyond its own {@code exp}. */
    private final Duration maxLifetime;

    private TokenVerifier(JWKSource<SecurityContext> keys, Clock clock, Duration maxLifetime) {
        this.clock = clock;
        this.maxLifetime = maxLifetime;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("exp")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant()); // the same clock as the cache of verified tokens
            }
        };
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * Trusts the keys Core publishes at {@code {coreUrl}/.well-known/jwks.json}: fetched once and cached,
     * refreshed when an unknown {@code kid} shows up (rate-limited), and kept when Core is unreachable.
     */
    public static TokenVerifier forCore(URI coreUrl) {
        URI jwks = URI.create(coreUrl.toString().replaceAll("/+$", "") + "/.well-known/jwks.json");
        try {
            var retriever = new DefaultResourceRetriever((int) Duration.ofSeconds(3).toMillis(),
                    (int) Duration.ofSeconds(3).toMillis(), 512 * 1024);
            JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(jwks.toURL(), retriever)
                    .cache(Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(5).toMillis())
                    .rateLimited(Duration.ofSeconds(30).toMillis())
                    .outageTolerantForever()
                    .build();
            return new TokenVerifier(source, Clock.systemUTC(), null);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("CORE_SERVICE_URL is not a valid URL: " + coreUrl, e);
        }
    }

    /** Trusts a fixed key set: a test's. */
    public static TokenVerifier forKeys(JWKSet publicKeys) {
        return forKeys(new ImmutableJWKSet<>(publicKeys.toPublicJWKSet()), Clock.systemUTC());
    }

    /**
     * Trusts a fixed key set (the dev signing key), and only tokens that expire within {@code maxLifetime}: a dev
     * token minted to live for months must not outlive the day it was made for.
     */
    public static TokenVerifier forKeys(JWKSet publicKeys, Duration maxLifetime) {
        return new TokenVerifier(new ImmutableJWKSet<>(publicKeys.toPublicJWKSet()), Clock.systemUTC(),
                java.util.Objects.requireNonNull(maxLifetime));
    }

    /** Trusts the keys of {@code keys} and tells time by {@code clock}: for tests. */
    static TokenVerifier forKeys(JWKSource<SecurityContext> keys, Clock clock) {
        return new TokenVerifier(keys, clock, null);
    }

    /**
     * The caller a token speaks for; never logs or echoes the token. A token verified before is answered from
     * memory until its expiry (with the same skew) or {@link #MAX_REMEMBERED}, whichever comes first.
     */
    public Caller verify(String token) throws InvalidToken {
        Instant now = clock.instant();
        Caller remembered = verified.get(token, now);
        if (remembered != null) {
            return remembered;
        }
        JWTClaimsSet claims = process(token);
        if (maxLifetime != null && claims.getExpirationTime().toInstant()
                .isAfter(now.plus(maxLifetime).plusSeconds(CLOCK_SKEW_SECONDS))) {
            throw new InvalidToken("the token lives longer than " + maxLifetime.toHours()
                    + " h, the most dev auth accepts");
        }
        Caller caller = callerOf(claims);
        Instant expiry = claims.getExpirationTime().toInstant().plusSeconds(CLOCK_SKEW_SECONDS);
        Instant limit = now.plus(MAX_REMEMBERED);
        verified.put(token, caller, expiry.isBefore(limit) ? expiry : limit);
        return caller;
    }

    private JWTClaimsSet process(String token) throws InvalidToken {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidToken("the token is malformed");
        } catch (BadJOSEException e) {
            throw new InvalidToken("the token was rejected: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new InvalidToken("the token could not be verified");
        }
    }

    private static Caller callerOf(JWTClaimsSet claims) throws InvalidToken {
        try {
            if ("service".equals(claims.getStringClaim("type"))) {
                String service = claims.getStringClaim("calling_service");
                if (service == null || !SERVICE_NAME.matcher(service).matches()) {
                    throw new InvalidToken("a service token must name its calling_service");
                }
                if (!AUDIENCE_SERVICE.equals(claims.getStringClaim("target_service"))) {
                    throw new InvalidToken("the service token is not for archive");
                }
                return Caller.service(service);
            }
            String email = claims.getStringClaim("email");
            if (email == null || email.isBlank() || email.length() > 255) {
                throw new InvalidToken("a user token must carry an email");
            }
            return Caller.user(email, claims.getStringClaim("name"), claims.getStringClaim("permission_level"));
        } catch (ParseException e) {
            throw new InvalidToken("the token's claims have the wrong types");
        }
    }

    /** A token that proves nothing; the message is safe to return to the client. */
    public static final class InvalidToken extends Exception {
        public InvalidToken(String message) {
            super(message, null, false, false);
        }
    }
}
