package io.hivematrix.archive.reliability;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * HiveMatrix Core as far as Archive sees it: its JWKS and service tokens on a real loopback HTTP server, and
 * tokens signed with the published key (or with one it never published). {@link #stop()} makes Core unreachable.
 */
final class FakeCore implements AutoCloseable {
    private final RSAKey key = generate("core-key-1");
    private final RSAKey unpublished = generate("core-key-unpublished");
    private final HttpServer server;

    private FakeCore(HttpServer server) {
        this.server = server;
    }

    static FakeCore start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeCore core = new FakeCore(server);
            byte[] jwks = new JWKSet(core.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            // Archive's own outgoing calls (Codex, Ledger) carry a service token it asks Core for.
            server.createContext("/service-token", exchange -> {
                byte[] reply = ("{\"token\":\"" + core.service("archive") + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            });
            server.start();
            return core;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A person's token ({@code permission_level} admin, billing, technician or client). */
    String user(String level) {
        return sign(key, claims().claim("email", level + "@example.com").claim("name", "Reliability " + level)
                .claim("permission_level", level).build());
    }

    /** A service token, e.g. Ledger's, addressed to Archive. */
    String service(String name) {
        return sign(key, claims().claim("type", "service").claim("calling_service", name)
                .claim("target_service", "archive").build());
    }

    /** A well-formed admin token signed with a key Core never published. */
    String unknownKey() {
        return sign(unpublished, claims().claim("email", "x@example.com").claim("permission_level", "admin").build());
    }

    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        // A fresh jti makes every token a new string, so the service verifies each one rather than remembering it.
        return new JWTClaimsSet.Builder().issuer("hivematrix-core").jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(30))));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
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
