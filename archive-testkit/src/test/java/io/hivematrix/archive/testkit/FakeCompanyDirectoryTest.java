package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.application.port.out.CompanyDirectory.Company;
import io.hivematrix.archive.testkit.contract.CompanyDirectoryContract;
import java.util.List;

/** The in-memory directory holds to the contract the Codex client does. */
class FakeCompanyDirectoryTest extends CompanyDirectoryContract {
    @Override
    protected CompanyDirectory listing(List<Company> companies) {
        FakeCompanyDirectory directory = new FakeCompanyDirectory();
        companies.forEach(c -> directory.add(c.account().value(), c.name()));
        return directory;
    }

    @Override
    protected CompanyDirectory unavailable() {
        FakeCompanyDirectory directory = new FakeCompanyDirectory().add("C01", "Company 01");
        directory.makeUnavailable("Codex refused the connection or is unreachable");
        return directory;
    }
}
