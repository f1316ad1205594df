package io.hivematrix.archive.bench.monthly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Core as the Archive meets it: publishes its key at {@code /.well-known/jwks.json} and mints RS256 service
 * tokens at {@code POST /service-token}; also mints the admin and Ledger tokens the benchmark itself needs.
 */
final class FakeCore {
    static final String ISSUER = "hivematrix-core";
    /** Long enough that no run re-fetches a token: the benchmark times the run, not Core. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RSAKey key;
    private final String jwks;
    /** Tokens handed to the Archive, so Codex and Ledger can refuse a call that carries none of them. */
    private final Set<String> minted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCalls = new AtomicInteger();

    FakeCore() {
        try {
            key = new RSAKeyGenerator(2048).keyID("bench-core-" + Instant.now().toEpochMilli())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
        jwks = new JWKSet(key.toPublicJWK()).toString();
    }

    void routes(HttpRules rules) {
        rules.get("/.well-known/jwks.json", (req, res) -> json(res, Status.OK_200, jwks))
                .post("/service-token", this::serviceToken);
    }

    /** True when {@code authorization} is "Bearer " and a token this Core gave the Archive. */
    boolean mintedForArchive(Optional<String> authorization) {
        return authorization.filter(h -> h.startsWith("Bearer ")).map(h -> minted.contains(h.substring(7)))
                .orElse(false);
    }

    int tokenCalls() {
        return tokenCalls.get();
    }

    void resetCounts() {
        tokenCalls.set(0);
    }

    /** A user token with the admin role: what a person calling the bulk-run route holds. */
    String adminToken() {
        return sign(claims().subject("bench-admin@example.com").claim("email", "bench-admin@example.com")
                .claim("name", "Bench Admin").claim("permission_level", "admin").build());
    }

    /** A service token for {@code calling} → {@code target}, as Core's service-token route makes them. */
    String serviceToken(String calling, String target) {
        return sign(claims().subject("service:" + calling).claim("type", "service")
                .claim("calling_service", calling).claim("target_service", target).build());
    }

    private void serviceToken(ServerRequest req, ServerResponse res) throws Exception {
        tokenCalls.incrementAndGet();
        JsonNode body = JSON.readTree(req.content().as(String.class));
        String calling = body.path("calling_service").asText("");
        String target = body.path("target_service").asText("");
        if (calling.isBlank() || target.isBlank()) {
            json(res, Status.BAD_REQUEST_400, "{\"error\":\"calling_service and target_service are required\"}");
            return;
        }
        String token = serviceToken(calling, target);
        minted.add(token);
        json(res, Status.OK_200, JSON.createObjectNode().put("token", token).toString());
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)));
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    static void json(ServerResponse res, Status status, String body) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }
}
