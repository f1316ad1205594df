package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.port.out.MonthlyTotals;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.PeriodTotals;
import java.util.List;

/** The monthly report's totals, read from a streaming replica while {@link ReadReplica} says it serves. */
public final class ReplicaRoutedMonthlyTotals implements MonthlyTotals {
    private final ReadReplica reads;
    private final MonthlyTotals primary;
    private final MonthlyTotals replica;

    ReplicaRoutedMonthlyTotals(ReadReplica reads, MonthlyTotals primary, MonthlyTotals replica) {
        this.reads = reads;
        this.primary = primary;
        this.replica = replica;
    }

    @Override
    public List<PeriodTotals> allCompanies(BillingPeriod from, BillingPeriod to) {
        return reads.read(primary, replica, totals -> totals.allCompanies(from, to));
    }

    @Override
    public List<PeriodTotals> ofCompany(AccountNumber account, BillingPeriod from, BillingPeriod to) {
        return reads.read(primary, replica, totals -> totals.ofCompany(account, from, to));
    }
}
