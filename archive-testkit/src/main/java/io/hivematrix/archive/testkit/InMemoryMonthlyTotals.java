package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.MonthlyTotals;
import io.hivematrix.archive.application.port.out.SnapshotSearch;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.PeriodTotals;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link MonthlyTotals} added up from the stored bills at every call, the reference the kept PostgreSQL summary is
 * held to: companies are counted as distinct accounts, not assumed equal to the bills.
 */
public final class InMemoryMonthlyTotals implements MonthlyTotals {
    private final SnapshotSearch bills;

    /** Over the bills of {@code bills}, e.g. an {@link InMemorySnapshotStore}. */
    public InMemoryMonthlyTotals(SnapshotSearch bills) {
        this.bills = Objects.requireNonNull(bills);
    }

    @Override
    public List<PeriodTotals> allCompanies(BillingPeriod from, BillingPeriod to) {
        return add(from, to, null);
    }

    @Override
    public List<PeriodTotals> ofCompany(AccountNumber account, BillingPeriod from, BillingPeriod to) {
        return add(from, to, Objects.requireNonNull(account, "account"));
    }

    private List<PeriodTotals> add(BillingPeriod from, BillingPeriod to, AccountNumber account) {
        TreeMap<BillingPeriod, PeriodTotals> byPeriod = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        bills.export(SnapshotFilter.ALL, bill -> {
            BillingPeriod p = bill.period();
            if (p.compareTo(from) < 0 || p.compareTo(to) > 0
                    || (account != null && !account.equals(bill.accountNumber()))) {
                return;
            }
            boolean newCompany = seen.add(p + "/" + bill.accountNumber().value());
            byPeriod.put(p, byPeriod.getOrDefault(p, PeriodTotals.none(p)).plus(bill, newCompany));
        });
        return new ArrayList<>(byPeriod.values());
    }
}
