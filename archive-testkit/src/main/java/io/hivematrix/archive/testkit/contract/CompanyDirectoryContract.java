package io.hivematrix.archive.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.application.port.out.CompanyDirectory.Company;
import io.hivematrix.archive.application.port.out.CompanyDirectory.DirectoryUnavailable;
import io.hivematrix.archive.domain.AccountNumber;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CompanyDirectory} does, the in-memory fake and the Codex client alike: lists its companies
 * in order, finds one by account, knows none it does not list, and says so by {@link DirectoryUnavailable} when it
 * cannot be asked.
 */
public abstract class CompanyDirectoryContract {
    protected static final List<Company> COMPANIES = List.of(
            new Company(new AccountNumber("C01"), "Company 01"),
            new Company(new AccountNumber("620547"), "Acme Corp \"Ünïcode\""),
            new Company(new AccountNumber("C03"), "Company 03"));

    /** A directory listing exactly {@code companies}, in this order. */
    protected abstract CompanyDirectory listing(List<Company> companies);

    /** A directory that cannot be asked (down, or answering nonsense). */
    protected abstract CompanyDirectory unavailable();

    /** Stops whatever the directories made here started: a hook for subclasses, run after each test. */
    protected void tearDown() {
    }

    @AfterEach
    final void stop() {
        tearDown();
    }

    @Test
    void allCompanies_areTheListedOnes_inTheirOrder() {
        assertEquals(COMPANIES, listing(COMPANIES).allCompanies());
    }

    @Test
    void anEmptyDirectory_listsNoCompany() {
        assertEquals(List.of(), listing(List.of()).allCompanies());
    }

    @Test
    void oneCompany_isFoundByItsAccount() {
        assertEquals(Optional.of(COMPANIES.get(1)), listing(COMPANIES).company(new AccountNumber("620547")));
    }

    @Test
    void anAccountTheDirectoryDoesNotList_isEmpty() {
        assertEquals(Optional.empty(), listing(COMPANIES).company(new AccountNumber("999999")));
    }

    @Test
    void aDirectoryThatCannotBeAsked_throwsDirectoryUnavailable_forTheListAndForOne() {
        CompanyDirectory down = unavailable();
        assertThrows(DirectoryUnavailable.class, down::allCompanies);
        assertThrows(DirectoryUnavailable.class, () -> down.company(new AccountNumber("C01")));
    }
}
