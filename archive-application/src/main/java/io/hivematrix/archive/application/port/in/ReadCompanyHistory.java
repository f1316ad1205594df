package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.List;

/** Use case: one company's archived bills, newest billing period first. */
public interface ReadCompanyHistory {
    CompanyHistory history(AccountNumber account, int limit, int offset);

    /**
     * @param companyName the name on the company's newest bill, or null when it has none
     * @param total       how many bills the company has in all
     */
    record CompanyHistory(AccountNumber account, String companyName, long total, List<SnapshotSummary> snapshots) {
        public CompanyHistory {
            snapshots = List.copyOf(snapshots);
        }
    }
}
