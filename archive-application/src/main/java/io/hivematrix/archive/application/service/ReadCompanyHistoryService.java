package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.PageRequest;
import io.hivematrix.archive.application.port.in.ReadCompanyHistory;
import io.hivematrix.archive.application.port.out.SnapshotSearch;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.List;
import java.util.Objects;

/** Lists one company's archived bills, newest period first. */
public final class ReadCompanyHistoryService implements ReadCompanyHistory {
    private final SnapshotSearch store;

    public ReadCompanyHistoryService(SnapshotSearch store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public CompanyHistory history(AccountNumber account, int limit, int offset) {
        new PageRequest(limit, offset, null); // same bounds as every other list
        List<SnapshotSummary> page = store.findByAccount(account, offset, limit);
        long total = store.count(new SnapshotFilter(account, null, null, null, null, null, null, null, null, null));
        String name = offset == 0 && !page.isEmpty() ? page.getFirst().companyName()
                : store.findByAccount(account, 0, 1).stream().findFirst().map(SnapshotSummary::companyName).orElse(null);
        return new CompanyHistory(account, name, total, page);
    }
}
