package io.hivematrix.archive.adapter.ledger;

import static io.hivematrix.archive.adapter.ledger.TestSupport.issuingJwts;
import static io.hivematrix.archive.adapter.ledger.TestSupport.issuingTokens;
import static io.hivematrix.archive.adapter.ledger.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.ledger.CoreServiceTokens.ServiceToken;
import io.hivematrix.archive.adapter.ledger.CoreServiceTokens.TokenUnavailable;
import io.hivematrix.archive.testkit.SettableClock;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service tokens from a fake Core over real HTTP: fetched once per target, renewed before expiry, one fetch under concurrency. */
class CoreServiceTokensTest {
    private final SettableClock clock = TestSupport.clock();
    private final AtomicInteger issued = new AtomicInteger();
    private LoopbackServer core;
    private NeighbourHttp http;

    @BeforeEach
    void start() {
        core = LoopbackServer.start();
        http = new NeighbourHttp(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        http.close();
        core.close();
    }

    private CoreServiceTokens tokens(InstantSource clock) {
        return new CoreServiceTokens(Optional.of(core.uri()), http, clock);
    }

    private String value(CoreServiceTokens tokens, String target) throws TokenUnavailable {
        return tokens.tokenFor(target).orElseThrow().value();
    }

    @Test
    void manyCalls_fetchOneTokenPerTarget_askingCoreAsArchive() throws Exception {
        core.on("POST", "/service-token", issuingTokens(issued, ",\"expires_in\":300", 0));
        CoreServiceTokens tokens = tokens(clock);

        assertTrue(tokens.tokenFor("ledger").orElseThrow().fresh());
        for (int i = 0; i < 50; i++) {
            ServiceToken ledger = tokens.tokenFor("ledger").orElseThrow();
            assertEquals("token-ledger-1", ledger.value());
            assertFalse(ledger.fresh());
            assertEquals("token-codex-2", value(tokens, "codex"));
        }

        assertEquals(2, issued.get());
        List<LoopbackServer.Seen> asked = core.requests("POST", "/service-token");
        assertEquals(json("{\"calling_service\":\"archive\",\"target_service\":\"ledger\"}"), json(asked.get(0).body()));
        assertEquals(json("{\"calling_service\":\"archive\",\"target_service\":\"codex\"}"), json(asked.get(1).body()));
        assertEquals(Optional.of("application/json"), asked.get(0).contentType());
        // Core hands out tokens; we have nothing to authenticate with when asking for one.
        assertEquals(Optional.empty(), asked.get(0).authorization());
    }

    @Test
    void expiresIn_tokenIsReusedUntilOneMinuteBeforeExpiry_thenRenewed() throws Exception {
        core.on("POST", "/service-token", issuingTokens(issued, ",\"expires_in\":300", 0));
        CoreServiceTokens tokens = tokens(clock);

        assertEquals("token-ledger-1", value(tokens, "ledger"));
        clock.advance(Duration.ofSeconds(239));
        assertEquals("token-ledger-1", value(tokens, "ledger"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals("token-ledger-2", value(tokens, "ledger"));
        assertEquals("token-ledger-2", value(tokens, "ledger"));
        assertEquals(2, issued.get());
    }

    @Test
    void jwtExp_isReadFromThePayload_whenCoreSaysNothingAboutExpiry() throws Exception {
        core.on("POST", "/service-token", issuingJwts(issued, clock.instant().plusSeconds(600).getEpochSecond()));
        CoreServiceTokens tokens = tokens(clock);

        value(tokens, "ledger");
        clock.advance(Duration.ofSeconds(539));
        value(tokens, "ledger");
        assertEquals(1, issued.get());
        clock.advance(Duration.ofSeconds(2));
        value(tokens, "ledger");
        assertEquals(2, issued.get());
    }

    @Test
    void withoutAnyExpiry_aTokenIsAssumedToLiveFiveMinutes() throws Exception {
        core.on("POST", "/service-token", issuingTokens(issued, "", 0));
        CoreServiceTokens tokens = tokens(clock);

        value(tokens, "codex");
        clock.advance(Duration.ofSeconds(239));
        assertEquals("token-codex-1", value(tokens, "codex"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals("token-codex-2", value(tokens, "codex"));
    }

    @Test
    void aShortLivedToken_isReusedForHalfItsLife_thenFetchedAgain() throws Exception {
        // Real time: a 2-second token is reused for one second, then renewed.
        core.on("POST", "/service-token", issuingTokens(issued, ",\"expires_in\":2", 0));
        CoreServiceTokens tokens = tokens(InstantSource.system());

        for (int i = 0; i < 10; i++) {
            assertEquals("token-ledger-1", value(tokens, "ledger"));
        }
        Thread.sleep(1_200);
        assertEquals("token-ledger-2", value(tokens, "ledger"));
        assertEquals(2, issued.get());
    }

    @Test
    void concurrentCallers_shareOneFetch() throws Exception {
        core.on("POST", "/service-token", issuingTokens(issued, ",\"expires_in\":300", 300));
        CoreServiceTokens tokens = tokens(clock);
        int callers = 24;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ServiceToken>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return tokens.tokenFor("ledger").orElseThrow();
                }));
            }
            go.countDown();
            Set<String> values = new HashSet<>();
            int fresh = 0;
            for (Future<ServiceToken> result : results) {
                values.add(result.get().value());
                fresh += result.get().fresh() ? 1 : 0;
            }
            assertEquals(Set.of("token-ledger-1"), values);
            assertEquals(1, fresh);
        }
        assertEquals(1, issued.get());
    }

    @Test
    void aRejectedToken_isFetchedAgain_butRejectingAnOlderTokenKeepsTheNewOne() throws Exception {
        core.on("POST", "/service-token", issuingTokens(issued, ",\"expires_in\":300", 0));
        CoreServiceTokens tokens = tokens(clock);

        tokens.reject("ledger", "nothing cached yet");
        assertEquals("token-ledger-1", value(tokens, "ledger"));
        tokens.reject("ledger", "token-ledger-1");
        assertEquals("token-ledger-2", value(tokens, "ledger"));
        // A late refusal of token 1 (a call still in flight) must not throw away token 2.
        tokens.reject("ledger", "token-ledger-1");
        assertEquals("token-ledger-2", value(tokens, "ledger"));
        assertEquals(2, issued.get());
    }

    @Test
    void coreAnswering5xx_isRetryable_andNothingIsCached() throws Exception {
        core.on("POST", "/service-token", request -> LoopbackServer.Answer.json(503, "{\"error\":\"secret detail\"}"));
        CoreServiceTokens tokens = tokens(clock);

        TokenUnavailable e = assertThrows(TokenUnavailable.class, () -> tokens.tokenFor("ledger"));
        assertTrue(e.retryable());
        assertEquals("Core answered HTTP 503 to a service-token request for ledger", e.getMessage());

        core.on("POST", "/service-token", issuingTokens(issued, "", 0));
        assertEquals("token-ledger-1", value(tokens, "ledger"));
    }

    @Test
    void coreRefusingUs_orAnsweringWithoutAToken_isNotRetryable() {
        CoreServiceTokens tokens = tokens(clock);

        core.on("POST", "/service-token", request -> LoopbackServer.Answer.json(403, "{\"error\":\"unknown service\"}"));
        TokenUnavailable refused = assertThrows(TokenUnavailable.class, () -> tokens.tokenFor("ledger"));
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage().contains("HTTP 403"), refused.getMessage());

        core.on("POST", "/service-token", request -> LoopbackServer.Answer.json(200, "<html>hello</html>"));
        TokenUnavailable garbage = assertThrows(TokenUnavailable.class, () -> tokens.tokenFor("ledger"));
        assertFalse(garbage.retryable());
        assertTrue(garbage.getMessage().contains("has no token"), garbage.getMessage());

        core.on("POST", "/service-token", request -> LoopbackServer.Answer.json(200, "{\"token\":\"\"}"));
        assertThrows(TokenUnavailable.class, () -> tokens.tokenFor("ledger"));
    }

    @Test
    void coreNotListening_isRetryable() {
        CoreServiceTokens tokens = new CoreServiceTokens(Optional.of(TestSupport.closedPort()), http, clock);

        TokenUnavailable e = assertThrows(TokenUnavailable.class, () -> tokens.tokenFor("ledger"));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("Core "), e.getMessage());
    }

    @Test
    void withoutCore_thereIsNoToken() throws Exception {
        CoreServiceTokens tokens = new CoreServiceTokens(Optional.empty(), http, clock);

        assertEquals(Optional.empty(), tokens.tokenFor("ledger"));
        assertEquals(0, core.requests().size());
    }

    @Test
    void jwtExpiry_treatsNonJwtsAsOpaque() {
        assertEquals(Optional.empty(), CoreServiceTokens.jwtExpiry("opaque-token"));
        assertEquals(Optional.empty(), CoreServiceTokens.jwtExpiry("a.%%%.c"));
        assertEquals(Optional.empty(), CoreServiceTokens.jwtExpiry(TestSupport.jwt("{\"sub\":\"x\"}")));
        assertEquals(Optional.empty(), CoreServiceTokens.jwtExpiry(TestSupport.jwt("not json")));
        assertEquals(Optional.of(Instant.ofEpochSecond(1_800_000_000L)),
                CoreServiceTokens.jwtExpiry(TestSupport.jwt("{\"exp\":1800000000}")));
    }

    @Test
    void serviceToken_neverPrintsTheWholeToken() {
        String shown = new ServiceToken("eyJhbGciOiJSUzI1NiJ9.secret-part", true).toString();
        assertFalse(shown.contains("secret-part"), shown);
    }
}
