package io.hivematrix.archive.adapter.rest.security;

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
import io.hivematrix.archive.keyfiles.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Dev auth without Core: an RSA key kept in the data directory (readable by its owner only) that
 * signs tokens exactly as Core would, and whose public half the verifier trusts in Core's place.
 */
public final class DevSigningKey {
    public static final String FILE_NAME = "dev-signing-key.jwk";
    /** The longest a dev token may live: minted for a day's work, not for good. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);

    private final RSAKey key;

    private DevSigningKey(RSAKey key) {
        this.key = key;
    }

    /** Reads the key from the data directory, creating it on first use. */
    public static DevSigningKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            OwnerOnly.directory(dataDir);
            if (!Files.exists(file)) {
                RSAKey fresh = new RSAKeyGenerator(2048).keyID("archive-dev-" + UUID.randomUUID())
                        .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
                try {
                    // Created with owner-only permissions from the start: never world-readable, not even briefly.
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, fresh.toJSONString(), StandardCharsets.UTF_8, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first; use theirs
                }
            }
            OwnerOnly.check(file, "600");
            return new DevSigningKey(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the dev signing key " + file, e);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("the dev signing key " + file + " is unreadable; delete it to make a new one", e);
        }
    }

    /** The key's RFC 7638 SHA-256 thumbprint, for logs: names the key without revealing it. */
    public String fingerprint() {
        try {
            return "SHA-256:" + key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not compute the dev key's thumbprint", e);
        }
    }

    /** The public half, as Core would publish it at /.well-known/jwks.json. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String userToken(String email, String name, String level, Duration ttl) {
        return sign(claims(ttl).subject(email).claim("email", email).claim("name", name)
                .claim("permission_level", level).build());
    }

    public String serviceToken(String service, Duration ttl) {
        return sign(claims(ttl).subject("service:" + service).claim("type", "service")
                .claim("calling_service", service).claim("target_service", TokenVerifier.AUDIENCE_SERVICE).build());
    }

    private static JWTClaimsSet.Builder claims(Duration ttl) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(TokenVerifier.ISSUER).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a dev token", e);
        }
    }
}
