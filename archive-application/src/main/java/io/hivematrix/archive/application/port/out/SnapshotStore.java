package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Where archived bills are kept: append-only, unique by invoice number and by company and period. */
public interface SnapshotStore {

    /**
     * Stores the snapshot, its line items and (when given) the idempotency key atomically, unless a
     * snapshot with the same invoice number or the same company and period exists; then nothing is
     * written and that one is returned; likewise nothing is written when the caller's key is already
     * taken. Of racing saves of clashing snapshots (or under one key) exactly one is {@link Saved}.
     *
     * @param archivedAt the service's reading of its clock; a store whose database keeps the time itself records the
     *                   database's instead (PostgreSQL does, see migration V13). Either way {@link Saved} carries the
     *                   time as stored, and that is the one to report.
     */
    SaveResult save(Snapshot snapshot, String receivedBody, Instant archivedAt, IdempotencyKey key);

    default SaveResult save(Snapshot snapshot, String receivedBody, Instant archivedAt) {
        return save(snapshot, receivedBody, archivedAt, null);
    }

    Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber);

    Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account, BillingPeriod period);

    /*
     * The two invoice reads below have defaults built on the other reads, so a store made for one job (a
     * test's, a loader's) need not write them; a database store answers each with one narrow query.
     */

    /**
     * The invoice number of every company archived for {@code period}: what a run skips, read once instead
     * of once per company.
     */
    default Map<AccountNumber, InvoiceNumber> invoicesFor(BillingPeriod period) {
        Map<AccountNumber, InvoiceNumber> invoices = new HashMap<>();
        export(new SnapshotFilter(null, period.year(), period.month(), null, null, null, null, null, null, null),
                s -> invoices.put(s.accountNumber(), s.invoiceNumber()));
        return invoices;
    }

    /** The invoice number archived for a company and period, without reading the rest of the snapshot. */
    default Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period) {
        return findByAccountAndPeriod(account, period).map(s -> s.snapshot().invoiceNumber());
    }

    /** Just what the CSV download needs, without the rest of the snapshot. */
    Optional<StoredCsv> findCsv(InvoiceNumber invoiceNumber);

    /** One company's snapshots, newest billing period first. */
    List<SnapshotSummary> findByAccount(AccountNumber account, int offset, int limit);

    /** How many snapshots match. */
    long count(SnapshotFilter filter);

    /** How many snapshots match, counting no further than {@code atMost}: the cost stays bounded however many do. */
    long countAtMost(SnapshotFilter filter, long atMost);

    /**
     * Matching snapshots newest first ({@code archived_at DESC, id DESC}): those after {@code after}
     * when a cursor is given (keyset paging, {@code offset} ignored), else from {@code offset}.
     */
    List<SnapshotSummary> search(SnapshotFilter filter, SnapshotCursor after, int offset, int limit);

    /**
     * A filter made ready for a page and its count: a store that has to look something up for a filter (the
     * accounts behind a company text) does it once here rather than for each read.
     */
    default Search searchFor(SnapshotFilter filter) {
        return new Search() {
            @Override
            public List<SnapshotSummary> page(SnapshotCursor after, int offset, int limit) {
                return search(filter, after, offset, limit);
            }

            @Override
            public long countAtMost(long atMost) {
                return SnapshotStore.this.countAtMost(filter, atMost);
            }
        };
    }

    /** One filter's reads, as {@link #search} and {@link #countAtMost} would answer them. */
    interface Search {
        List<SnapshotSummary> page(SnapshotCursor after, int offset, int limit);

        long countAtMost(long atMost);
    }

    /** Hands every matching snapshot, newest first, to {@code sink} while reading: constant memory. */
    void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink);

    /** How many companies (account numbers) have at least one archived snapshot. */
    default long countCompanies() {
        Set<AccountNumber> accounts = new HashSet<>();
        export(SnapshotFilter.ALL, s -> accounts.add(s.accountNumber()));
        return accounts.size();
    }

    /** The request a caller's idempotency key was first used with, if any. */
    Optional<IdempotencyRecord> findIdempotencyKey(String caller, String key);

    /** Outcome of {@link #save}. */
    sealed interface SaveResult {
        /** The snapshot was stored as this. */
        record Saved(ArchivedSnapshot snapshot) implements SaveResult {
        }

        /** A clashing snapshot was already stored; the new one was not. */
        record AlreadyArchived(ArchivedSnapshot existing) implements SaveResult {
        }

        /** The caller's idempotency key was already used (perhaps by a racing request); nothing was stored. */
        record KeyTaken() implements SaveResult {
        }
    }

    /** A stored invoice CSV with what its download name is made of. */
    record StoredCsv(String companyName, BillingPeriod period, String csv, String contentSha256) {
    }

    /** A remembered idempotency key: the body fingerprint it came with and the snapshot it created. */
    record IdempotencyRecord(String requestSha256, InvoiceNumber invoiceNumber) {
    }
}
