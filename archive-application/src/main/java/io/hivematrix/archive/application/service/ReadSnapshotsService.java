package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.PageRequest;
import io.hivematrix.archive.application.port.in.ReadSnapshots;
import io.hivematrix.archive.application.port.out.SnapshotReader;
import io.hivematrix.archive.application.port.out.SnapshotSearch;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads archived bills by invoice number or company, and counts the archive. */
public final class ReadSnapshotsService implements ReadSnapshots {
    private final SnapshotReader reader;
    private final SnapshotSearch search;

    public ReadSnapshotsService(SnapshotReader reader, SnapshotSearch search) {
        this.reader = Objects.requireNonNull(reader);
        this.search = Objects.requireNonNull(search);
    }

    @Override
    public Optional<ArchivedSnapshot> byInvoiceNumber(String invoiceNumber) {
        return parse(invoiceNumber).flatMap(reader::findByInvoiceNumber);
    }

    @Override
    public Optional<InvoiceCsv> csv(String invoiceNumber) {
        return parse(invoiceNumber).flatMap(reader::findCsv)
                .map(c -> new InvoiceCsv(c.companyName(), c.period(), c.csv(), c.contentSha256()));
    }

    @Override
    public CompanyHistory history(AccountNumber account, int limit, int offset) {
        new PageRequest(limit, offset, null); // same bounds as every other list
        List<SnapshotSummary> page = search.findByAccount(account, offset, limit);
        long total = search.count(new SnapshotFilter(account, null, null, null, null, null, null, null, null, null));
        String name = offset == 0 && !page.isEmpty() ? page.getFirst().companyName()
                : search.findByAccount(account, 0, 1).stream().findFirst().map(SnapshotSummary::companyName)
                        .orElse(null);
        return new CompanyHistory(account, name, total, page);
    }

    @Override
    public Totals totals() {
        return new Totals(search.count(SnapshotFilter.ALL), search.countCompanies());
    }

    private static Optional<InvoiceNumber> parse(String invoiceNumber) {
        try {
            return Optional.of(new InvoiceNumber(invoiceNumber));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // no stored bill can have a malformed number
        }
    }
}
