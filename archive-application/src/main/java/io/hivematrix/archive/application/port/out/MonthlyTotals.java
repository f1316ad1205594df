package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.PeriodTotals;
import java.util.List;

/** What the archived bills add up to per billing period: across every company, or for one. */
public interface MonthlyTotals {

    /** Each period from {@code from} to {@code to} (both included) that has a bill, oldest first. */
    List<PeriodTotals> allCompanies(BillingPeriod from, BillingPeriod to);

    /** As {@link #allCompanies}, counting only {@code account}'s bills. */
    List<PeriodTotals> ofCompany(AccountNumber account, BillingPeriod from, BillingPeriod to);
}
