package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.domain.AccountNumber;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CompanyDirectory} holding a fixed list, which can also be made unavailable. */
public final class FakeCompanyDirectory implements CompanyDirectory {
    private final List<Company> companies = new CopyOnWriteArrayList<>();
    private final Map<AccountNumber, Company> byAccount = new ConcurrentHashMap<>();
    private volatile String unavailable;

    public FakeCompanyDirectory add(String account, String name) {
        Company company = new Company(new AccountNumber(account), name);
        companies.add(company);
        byAccount.put(company.account(), company);
        return this;
    }

    /** From now on every call fails as an unreachable Codex would. */
    public void makeUnavailable(String why) {
        unavailable = why;
    }

    /** Answers again, after {@link #makeUnavailable}. */
    public void makeAvailable() {
        unavailable = null;
    }

    @Override
    public List<Company> allCompanies() {
        check();
        return List.copyOf(companies);
    }

    @Override
    public Optional<Company> company(AccountNumber account) {
        check();
        return Optional.ofNullable(byAccount.get(account));
    }

    private void check() {
        if (unavailable != null) {
            throw new DirectoryUnavailable(unavailable, null);
        }
    }
}
