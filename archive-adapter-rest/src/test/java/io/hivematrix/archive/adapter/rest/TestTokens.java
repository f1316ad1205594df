package io.hivematrix.archive.adapter.rest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.testkit.TokenMinter;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Mints the tokens tests need, good and bad, with the test kit's minter standing in for Core. */
public final class TestTokens {
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final TokenMinter CORE = TokenMinter.withNewKey("test-key-1", LIFETIME);
    public static final RSAKey KEY = CORE.key();
    /** Same kid as {@link #KEY} but another key pair: a forged signature. */
    private static final RSAKey IMPOSTOR = TokenMinter.withNewKey("test-key-1", LIFETIME).key();
    private static final RSAKey UNPUBLISHED = TokenMinter.withNewKey("unknown-kid", LIFETIME).key();

    private TestTokens() {
    }

    public static JWKSet publicKeys() {
        return CORE.publicKeys();
    }

    public static String user(String level) {
        return sign(KEY, claims(b -> b.claim("email", level + "@example.com").claim("name", "Test " + level)
                .claim("permission_level", level)));
    }

    public static String service(String name) {
        return service(name, "archive");
    }

    public static String service(String name, String target) {
        return sign(KEY, claims(b -> b.claim("type", "service").claim("calling_service", name)
                .claim("target_service", target)));
    }

    public static String expired() {
        return sign(KEY, claims(b -> b.claim("email", "late@example.com").claim("permission_level", "admin")
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))));
    }

    public static String wrongIssuer() {
        return sign(KEY, claims(b -> b.issuer("someone-else").claim("email", "a@example.com")
                .claim("permission_level", "admin")));
    }

    public static String withoutExpiry() {
        return sign(KEY, claims(b -> b.expirationTime(null).claim("email", "a@example.com")
                .claim("permission_level", "admin")));
    }

    public static String forgedSignature() {
        return sign(IMPOSTOR, claims(b -> b.claim("email", "a@example.com").claim("permission_level", "admin")));
    }

    public static String unknownKid() {
        return sign(UNPUBLISHED, claims(b -> b.claim("email", "a@example.com").claim("permission_level", "admin")));
    }

    public static String unsigned() {
        return new PlainJWT(claims(b -> b.claim("email", "a@example.com").claim("permission_level", "admin")))
                .serialize();
    }

    /** The classic key-confusion attack: HS256 with the RSA public key as the HMAC secret. */
    public static String hs256WithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
                    claims(b -> b.claim("email", "a@example.com").claim("permission_level", "admin")));
            jwt.sign(new MACSigner(KEY.toPublicJWK().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> customize) {
        return customize.apply(CORE.claims()).build();
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        return TokenMinter.sign(key, claims);
    }
}
