package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Forwards every call to a real store, so a test can override the one call whose timing it stages. */
class DelegatingStore implements SnapshotStore {
    private final SnapshotStore delegate;

    DelegatingStore(SnapshotStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public SaveResult save(Snapshot snapshot, ReceivedBody body, Instant archivedAt, IdempotencyKey key) {
        return delegate.save(snapshot, body, archivedAt, key);
    }

    @Override
    public Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber) {
        return delegate.findByInvoiceNumber(invoiceNumber);
    }

    @Override
    public Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account, BillingPeriod period) {
        return delegate.findByAccountAndPeriod(account, period);
    }

    @Override
    public Map<AccountNumber, InvoiceNumber> invoicesFor(BillingPeriod period) {
        return delegate.invoicesFor(period);
    }

    @Override
    public Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period) {
        return delegate.invoiceFor(account, period);
    }

    @Override
    public Optional<InvoiceNumber> previousInvoice(AccountNumber account, BillingPeriod before) {
        return delegate.previousInvoice(account, before);
    }

    @Override
    public Optional<StoredCsv> findCsv(InvoiceNumber invoiceNumber) {
        return delegate.findCsv(invoiceNumber);
    }

    @Override
    public List<SnapshotSummary> findByAccount(AccountNumber account, int offset, int limit) {
        return delegate.findByAccount(account, offset, limit);
    }

    @Override
    public long count(SnapshotFilter filter) {
        return delegate.count(filter);
    }

    @Override
    public Search searchFor(SnapshotFilter filter) {
        return delegate.searchFor(filter);
    }

    @Override
    public long countCompanies() {
        return delegate.countCompanies();
    }

    @Override
    public void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink) {
        delegate.export(filter, sink);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotencyKey(String caller, String key) {
        return delegate.findIdempotencyKey(caller, key);
    }
}
