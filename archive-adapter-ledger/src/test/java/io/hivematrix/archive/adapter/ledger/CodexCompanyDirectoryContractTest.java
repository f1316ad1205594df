package io.hivematrix.archive.adapter.ledger;

import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.application.port.out.CompanyDirectory.Company;
import io.hivematrix.archive.testkit.contract.CompanyDirectoryContract;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import io.hivematrix.archive.testkit.neighbours.FakeCoreServer;
import java.util.ArrayList;
import java.util.List;

/** The Codex client, against the test kit's Codex and Core on loopback, holds to the directory contract. */
class CodexCompanyDirectoryContractTest extends CompanyDirectoryContract {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final FakeCoreServer core = new FakeCoreServer();

    @Override
    protected CompanyDirectory listing(List<Company> companies) {
        return directory(companies.stream().map(c -> new FakeCodexServer.Company(c.account().value(), c.name()))
                .toList());
    }

    @Override
    protected CompanyDirectory unavailable() {
        FakeCodexServer codex = codex(FakeCodexServer.numbered("C%02d", "Company %02d", 1, 3));
        codex.fail(503, "application/json", "{\"error\":\"maintenance\"}");
        return TestSupport.clients(started, codex.uri(), null, core.uri()).directory();
    }

    private CompanyDirectory directory(List<FakeCodexServer.Company> companies) {
        return TestSupport.clients(started, codex(companies).uri(), null, core.uri()).directory();
    }

    /** Codex answering only calls with a token its Core handed out: the client must fetch and send one. */
    private FakeCodexServer codex(List<FakeCodexServer.Company> companies) {
        FakeCodexServer codex = new FakeCodexServer(companies).requireTokensFrom(core);
        started.add(codex);
        return codex;
    }

    @Override
    protected void tearDown() {
        TestSupport.closeAll(started);
        core.close();
    }
}
