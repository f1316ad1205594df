package io.hivematrix.archive.adapter.ledger;

import static io.hivematrix.archive.adapter.ledger.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.testkit.neighbours.LoopbackServer.Answer;
import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.application.port.out.CompanyDirectory.Company;
import io.hivematrix.archive.application.port.out.CompanyDirectory.DirectoryUnavailable;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The company directory against a fake Codex (and Core) over real HTTP. */
class CodexCompanyDirectoryTest {

    @AutoClose
    private final FakeNeighbours fakes = new FakeNeighbours();
    private final LoopbackServer codex = fakes.neighbour;
    private final LoopbackServer core = fakes.core;

    private CompanyDirectory directory(URI codexUrl, URI coreUrl) {
        return fakes.clients(codexUrl, null, coreUrl).directory();
    }

    private CompanyDirectory directory() {
        return directory(codex.uri(), core.uri());
    }

    private static Company company(String account, String name) {
        return new Company(new AccountNumber(account), name);
    }

    @Test
    void allCompanies_areListed_withACodexServiceToken() {
        codex.on("GET", "/api/companies", request -> Answer.json(200,
                "[{\"account_number\":\"620547\",\"name\":\"Acme\"},{\"account_number\":183729,\"name\":\"Globex\"}]"));

        assertEquals(List.of(company("620547", "Acme"), company("183729", "Globex")), directory().allCompanies());

        LoopbackServer.Seen request = codex.requests("GET", "/api/companies").get(0);
        assertEquals(Optional.of("Bearer token-codex-1"), request.authorization());
        assertEquals("codex", json(core.requests().get(0).body()).get("target_service").asText());
    }

    @Test
    void entriesWithoutAValidAccountNumber_areSkippedAndCounted_andDuplicatesListedOnce() {
        String body = """
                [{"account_number":"620547","name":"Acme"},
                 {"name":"No account"},
                 {"account_number":null,"name":"Null account"},
                 {"account_number":"","name":"Empty account"},
                 {"account_number":"62 05/47","name":"Bad characters"},
                 {"account_number":12.5,"name":"Fractional"},
                 {"account_number":{"x":1},"name":"Object"},
                 "just a string",
                 {"account_number":" 183729 ","name":"  Globex  "},
                 {"account_number":"620547","name":"Acme again"},
                 {"account_number":"A-77"}]""";
        codex.on("GET", "/api/companies", request -> Answer.json(200, body));

        CodexCompanyDirectory.Listing listing = CodexCompanyDirectory.listing(json(body)).orElseThrow();
        assertEquals(7, listing.withoutValidAccount());
        assertEquals(1, listing.duplicates());

        assertEquals(List.of(company("620547", "Acme"), company("183729", "Globex"), company("A-77", "Unknown")),
                directory().allCompanies());
    }

    @Test
    void aListWrappedInACompaniesObject_isAccepted() {
        codex.on("GET", "/api/companies", request -> Answer.json(200,
                "{\"companies\":[{\"account_number\":\"620547\",\"name\":\"Acme\"}]}"));

        assertEquals(List.of(company("620547", "Acme")), directory().allCompanies());
    }

    @Test
    void aCodexUrlWithAPathPrefixAndTrailingSlash_keepsThePrefix() {
        codex.on("GET", "/codex/api/companies", request -> Answer.json(200, "[]"));

        assertEquals(List.of(), directory(URI.create(codex.uri() + "/codex/"), core.uri()).allCompanies());
        assertEquals(1, codex.requests("GET", "/codex/api/companies").size());
    }

    @Test
    void oneCompany_isFoundByAccount() {
        codex.on("GET", "/api/companies/620547", request -> Answer.json(200,
                "{\"account_number\":\"620547\",\"name\":\"Acme\",\"plan\":\"gold\"}"));

        assertEquals(Optional.of(company("620547", "Acme")), directory().company(new AccountNumber("620547")));
        assertEquals(Optional.of("Bearer token-codex-1"),
                codex.requests("GET", "/api/companies/620547").get(0).authorization());
    }

    @Test
    void oneCompany_thatCodexDoesNotKnow_isEmpty() {
        codex.on("GET", "/api/companies/999", request -> Answer.json(404, "{\"error\":\"Company not found\"}"));

        assertEquals(Optional.empty(), directory().company(new AccountNumber("999")));
    }

    @Test
    void dotAccounts_areNotSentAsPathSegments() {
        assertEquals(Optional.empty(), directory().company(new AccountNumber("..")));
        assertEquals(0, codex.requests().size());
    }

    @Test
    void codexAnswering500_isUnavailable_namingTheStatusNotTheBody() {
        codex.on("GET", "/api/companies", request -> Answer.json(500, "{\"error\":\"db password is hunter2\"}"));
        codex.on("GET", "/api/companies/620547", request -> Answer.json(503, "down"));
        CompanyDirectory directory = directory();

        DirectoryUnavailable all = assertThrows(DirectoryUnavailable.class, directory::allCompanies);
        assertEquals("Codex answered HTTP 500 to GET /api/companies", all.getMessage());
        DirectoryUnavailable one = assertThrows(DirectoryUnavailable.class,
                () -> directory.company(new AccountNumber("620547")));
        assertEquals("Codex answered HTTP 503 to GET /api/companies/620547", one.getMessage());
    }

    @Test
    void garbageFromCodex_isUnavailable() {
        codex.on("GET", "/api/companies", request -> Answer.json(200, "<html>login page</html>"));
        CompanyDirectory directory = directory();
        assertEquals("Codex's answer to GET /api/companies is not JSON",
                assertThrows(DirectoryUnavailable.class, directory::allCompanies).getMessage());

        codex.on("GET", "/api/companies", request -> Answer.json(200, "{\"status\":\"ok\"}"));
        assertEquals("Codex's answer to GET /api/companies is not a list of companies",
                assertThrows(DirectoryUnavailable.class, directory::allCompanies).getMessage());

        codex.on("GET", "/api/companies/1", request -> Answer.json(200, "[1,2]"));
        assertThrows(DirectoryUnavailable.class, () -> directory.company(new AccountNumber("1")));
    }

    @Test
    void aCodexThatHangs_isUnavailableAfterTheCallTimeout() {
        codex.on("GET", "/api/companies", request -> Answer.hanging());
        CompanyDirectory directory = fakes.clients(codex.uri(), null, core.uri(), TestSupport.SHORT_TIMEOUT).directory();

        long started = System.nanoTime();
        DirectoryUnavailable e = assertThrows(DirectoryUnavailable.class, directory::allCompanies);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("Codex did not answer within 300 ms (GET /api/companies)", e.getMessage());
        assertTrue(tookMillis < 3_000, "took " + tookMillis + " ms");
    }

    @Test
    void aCodexThatIsNotListening_isUnavailable() {
        CompanyDirectory directory = directory(TestSupport.closedPort(), core.uri());

        DirectoryUnavailable e = assertThrows(DirectoryUnavailable.class, directory::allCompanies);
        assertTrue(e.getMessage().startsWith("Codex refused the connection"), e.getMessage());
    }

    @Test
    void aCodexThatDropsTheConnection_isUnavailable_sayingItWasReached() {
        codex.on("GET", "/api/companies", request -> Answer.dropped());

        DirectoryUnavailable e = assertThrows(DirectoryUnavailable.class, directory()::allCompanies);
        assertTrue(e.getMessage().startsWith("Codex closed the connection without a complete answer ("), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (GET /api/companies)"), e.getMessage());
    }

    @Test
    void withoutCodexUrl_everyCallSaysItIsNotConfigured() {
        CompanyDirectory directory = directory(null, core.uri());

        assertEquals("Codex is not configured (CODEX_URL)",
                assertThrows(DirectoryUnavailable.class, directory::allCompanies).getMessage());
        assertEquals("Codex is not configured (CODEX_URL)", assertThrows(DirectoryUnavailable.class,
                () -> directory.company(new AccountNumber("620547"))).getMessage());
        assertEquals(0, core.requests().size());
    }

    @Test
    void withoutCore_codexIsCalledWithoutAuthorization() {
        codex.on("GET", "/api/companies", request -> Answer.json(200, "[]"));

        directory(codex.uri(), null).allCompanies();

        assertEquals(Optional.empty(), codex.requests("GET", "/api/companies").get(0).authorization());
    }

    @Test
    void whenCoreGivesNoToken_codexIsUnavailable_andNotCalled() {
        core.on("POST", "/service-token", request -> Answer.json(502, "bad gateway"));
        CompanyDirectory directory = directory();

        DirectoryUnavailable e = assertThrows(DirectoryUnavailable.class, directory::allCompanies);
        assertEquals("no service token for Codex: Core answered HTTP 502 to a service-token request for codex",
                e.getMessage());
        assertEquals(0, codex.requests().size());
    }

    @Test
    void aTokenCodexRefuses_isDropped_soTheNextCallGetsANewOne() {
        AtomicInteger calls = new AtomicInteger();
        codex.on("GET", "/api/companies", request ->
                calls.incrementAndGet() == 1 ? Answer.json(401, "{\"error\":\"revoked\"}") : Answer.json(200, "[]"));
        CompanyDirectory directory = directory();

        assertThrows(DirectoryUnavailable.class, directory::allCompanies);
        assertEquals(List.of(), directory.allCompanies());

        List<LoopbackServer.Seen> seen = codex.requests("GET", "/api/companies");
        assertEquals(Optional.of("Bearer token-codex-1"), seen.get(0).authorization());
        assertEquals(Optional.of("Bearer token-codex-2"), seen.get(1).authorization());
        assertFalse(seen.get(1).authorization().equals(seen.get(0).authorization()));
    }
}
