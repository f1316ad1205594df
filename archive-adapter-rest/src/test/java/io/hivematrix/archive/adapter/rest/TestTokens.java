package io.hivematrix.archive.adapter.rest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Mints the tokens tests need, good and bad, with one RSA key standing in for Core's. */
public final class TestTokens {
    public static final RSAKey KEY = generate("test-key-1");
    /** Same kid as {@link #KEY} but another key pair: a forged signature. */
    private static final RSAKey IMPOSTOR = generate("test-key-1");
    private static final RSAKey UNPUBLISHED = generate("unknown-kid");

    private TestTokens() {
    }

    public static JWKSet publicKeys() {
        return new JWKSet(KEY.toPublicJWK());
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
        Instant now = Instant.now();
        return customize.apply(new JWTClaimsSet.Builder()
                .issuer(TokenVerifier.ISSUER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))).build();
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
