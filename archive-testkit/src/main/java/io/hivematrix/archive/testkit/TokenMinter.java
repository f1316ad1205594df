package io.hivematrix.archive.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Signs tokens as Core does (RS256, issuer {@code hivematrix-core}) with one RSA key of its own: people's and
 * services' tokens, and anything a test shapes by hand. Production's {@code DevSigningKey} stays apart on purpose.
 */
public final class TokenMinter {
    public static final String ISSUER = "hivematrix-core";

    private final RSAKey key;
    private final Duration lifetime;

    private TokenMinter(RSAKey key, Duration lifetime) {
        this.key = key;
        this.lifetime = lifetime;
    }

    /** A fresh 2048-bit key with key id {@code kid}; tokens live {@code lifetime}. */
    public static TokenMinter withNewKey(String kid, Duration lifetime) {
        try {
            return new TokenMinter(new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate(), lifetime);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
    }

    public RSAKey key() {
        return key;
    }

    /** What Core publishes at {@code /.well-known/jwks.json}: this minter's public key. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** A person's token ({@code permission_level} admin, billing, technician or client). */
    public String user(String level) {
        return mint(b -> b.subject(level + "@example.com").claim("email", level + "@example.com")
                .claim("name", "Test " + level).claim("permission_level", level));
    }

    /** A service token from {@code calling} to {@code target}, as Core's service-token route makes them. */
    public String service(String calling, String target) {
        return mint(b -> b.subject("service:" + calling).claim("type", "service").claim("calling_service", calling)
                .claim("target_service", target));
    }

    /**
     * A token of the standard claims (issuer, issued now, expiring after the lifetime, a fresh {@code jti} so no
     * two tokens are the same string) as {@code customize} changes them.
     */
    public String mint(UnaryOperator<JWTClaimsSet.Builder> customize) {
        return sign(customize.apply(standardClaims()).build());
    }

    /** The claims every token starts from; {@code jti} left out, for tests that build their own. */
    public JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
    }

    public String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    /** Signs with any key: a forged signature, a key Core never published. */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private JWTClaimsSet.Builder standardClaims() {
        return claims().jwtID(UUID.randomUUID().toString());
    }
}
