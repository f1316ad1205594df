package io.hivematrix.archive.adapter.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.hivematrix.archive.adapter.rest.TestTokens;
import java.time.Clock;
import io.hivematrix.archive.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A verified token is answered from memory, but never past its expiry nor longer than the remembered maximum. */
class TokenVerifierMemoryTest {
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final JWKSource<SecurityContext> countingKeys = new JWKSource<>() {
        private final ImmutableJWKSet<SecurityContext> keys = new ImmutableJWKSet<>(TestTokens.publicKeys());

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) {
            keyLookups.incrementAndGet(); // one per signature check
            return keys.get(selector, context);
        }
    };
    private final SettableClock clock = new SettableClock(Instant.now());
    private final TokenVerifier verifier = TokenVerifier.forKeys(countingKeys, clock);

    @Test
    void aTokenSeenBefore_isNotCheckedAgain() throws Exception {
        String token = TestTokens.user("billing");
        Caller first = verifier.verify(token);
        for (int i = 0; i < 50; i++) {
            assertEquals(first, verifier.verify(token));
        }
        assertEquals(1, keyLookups.get());
    }

    @Test
    void aRememberedToken_isRefusedOnceExpiredPastTheSkew() throws Exception {
        String token = expiringIn(Duration.ofMinutes(2));
        verifier.verify(token);
        clock.advance(Duration.ofMinutes(2).plusSeconds(59));
        verifier.verify(token); // still within the 60 s skew: remembered
        assertEquals(1, keyLookups.get());
        clock.advance(Duration.ofSeconds(2));
        assertThrows(TokenVerifier.InvalidToken.class, () -> verifier.verify(token));
    }

    @Test
    void aLongLivedToken_isCheckedAgainAfterTheRememberedMaximum() throws Exception {
        String token = expiringIn(Duration.ofHours(2));
        verifier.verify(token);
        clock.advance(TokenVerifier.MAX_REMEMBERED.minusSeconds(1));
        verifier.verify(token);
        assertEquals(1, keyLookups.get());
        clock.advance(Duration.ofSeconds(2));
        verifier.verify(token);
        assertEquals(2, keyLookups.get(), "past the maximum the signature is checked again");
    }

    @Test
    void aRefusedToken_isNeverRemembered() {
        String forged = TestTokens.forgedSignature();
        assertThrows(TokenVerifier.InvalidToken.class, () -> verifier.verify(forged));
        assertThrows(TokenVerifier.InvalidToken.class, () -> verifier.verify(forged));
        assertEquals(2, keyLookups.get());
    }

    @Test
    void theMemoryIsBounded() {
        VerifiedTokens tokens = new VerifiedTokens(3);
        Instant until = clock.instant().plusSeconds(60);
        for (int i = 0; i < 10; i++) {
            tokens.put("token-" + i, Caller.service("ledger"), until);
        }
        assertEquals(3, tokens.size());
        assertEquals(Caller.service("ledger"), tokens.get("token-9", clock.instant()));
        assertEquals(null, tokens.get("token-0", clock.instant()), "the least recently used went first");
    }

    private static String expiringIn(Duration ttl) {
        return TestTokens.sign(TestTokens.KEY, TestTokens.claims(b -> b.claim("email", "a@example.com")
                .claim("permission_level", "admin").expirationTime(Date.from(Instant.now().plus(ttl)))));
    }
}
