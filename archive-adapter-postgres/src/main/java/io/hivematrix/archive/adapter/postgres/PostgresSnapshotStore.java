package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** {@link SnapshotStore} on PostgreSQL: a snapshot, its line items and its idempotency key stored atomically. */
public final class PostgresSnapshotStore implements SnapshotStore {
    /**
     * Up to this many accounts matching a company text are bound into the search; beyond, the name alone is
     * matched. At 1,000,000 snapshots, 1,300 bound accounts took 11 ms to plan, 30,000 over a second; with
     * a bound of 200, fragments shared by a few hundred accounts (~1 % of the rows) walked 100,000 rows a page.
     */
    static final int MAX_BOUND_ACCOUNTS = 1_000;
    /**
     * The page size for which the bound on (account, name) pairs read with their newest bills' times is worked out
     * ({@link CompanyAccounts#pairBound(double)}): up to that bound, a page of a search by a company text alone reads
     * only the accounts that can hold it (SnapshotWhere.page); beyond, the text is common enough that walking the
     * newest-first index finds a page sooner than reading its pairs would. 100 is the default page.
     */
    static final int NARROWING_PAGE = 100;

    private final DbClient db;
    private final SnapshotInsert insert;
    private final CompanyAccounts companyAccounts;
    private final SummaryQueries summaries;

    PostgresSnapshotStore(DbClient db, SnapshotInsert insert, CompanyAccounts companyAccounts, SummaryQueries summaries) {
        this.db = db;
        this.insert = insert;
        this.companyAccounts = companyAccounts;
        this.summaries = summaries;
    }

    @Override
    public SaveResult save(Snapshot s, ReceivedBody body, Instant archivedAt, IdempotencyKey key) {
        Objects.requireNonNull(body, "received body");
        return switch (insert.insert(s, body.text(), body.sha256(), archivedAt, key)) {
            case SnapshotInsert.Outcome.Saved saved ->
                    new SaveResult.Saved(new ArchivedSnapshot(saved.row().id(), saved.row().archivedAt(), body.sha256(), s));
            case SnapshotInsert.Outcome.KeyTaken ignored -> new SaveResult.KeyTaken();
            // The clashing row is committed by now: the insert waited for it before doing nothing.
            case SnapshotInsert.Outcome.Clash ignored -> new SaveResult.AlreadyArchived(findClash(db.execute(), s)
                    .orElseThrow(() -> new IllegalStateException("insert conflicted but no clashing snapshot found")));
        };
    }

    private Optional<ArchivedSnapshot> findClash(DbExecute exec, Snapshot s) {
        return findOne(exec, SnapshotSql.BY_INVOICE, s.invoiceNumber().value())
                .or(() -> findOne(exec, SnapshotSql.BY_ACCOUNT_AND_PERIOD,
                        s.accountNumber().value(), s.period().year(), s.period().month()));
    }

    @Override
    public Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber) {
        return findOne(db.execute(), SnapshotSql.BY_INVOICE, invoiceNumber.value());
    }

    @Override
    public Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account, BillingPeriod period) {
        return findOne(db.execute(), SnapshotSql.BY_ACCOUNT_AND_PERIOD, account.value(), period.year(), period.month());
    }

    @Override
    public Map<AccountNumber, InvoiceNumber> invoicesFor(BillingPeriod period) {
        Map<AccountNumber, InvoiceNumber> invoices = new HashMap<>();
        try (Stream<DbRow> rows = db.execute().query(SnapshotSql.INVOICES_FOR_PERIOD, period.year(), period.month())) {
            rows.forEach(row -> invoices.put(new AccountNumber(Rows.text(row, "company_account_number")),
                    new InvoiceNumber(Rows.text(row, "invoice_number"))));
        }
        return invoices;
    }

    @Override
    public Optional<InvoiceNumber> invoiceFor(AccountNumber account, BillingPeriod period) {
        return db.execute().get(SnapshotSql.INVOICE_FOR_ACCOUNT_AND_PERIOD, account.value(), period.year(),
                        period.month())
                .map(row -> new InvoiceNumber(Rows.text(row, "invoice_number")));
    }

    @Override
    public Optional<InvoiceNumber> previousInvoice(AccountNumber account, BillingPeriod before) {
        return db.execute().get(SnapshotSql.PREVIOUS_INVOICE, account.value(), before.year(), before.month())
                .map(row -> new InvoiceNumber(Rows.text(row, "invoice_number")));
    }

    @Override
    public Optional<StoredCsv> findCsv(InvoiceNumber invoiceNumber) {
        return db.execute().get(SnapshotSql.SELECT_CSV, invoiceNumber.value())
                .map(row -> SnapshotRows.csv(Columns.of(row)));
    }

    @Override
    public List<SnapshotSummary> findByAccount(AccountNumber account, int offset, int limit) {
        requirePage(offset, limit);
        return summaries.list(SnapshotSql.ACCOUNT_HISTORY, List.of(account.value(), limit, offset));
    }

    @Override
    public long count(SnapshotFilter filter) {
        SnapshotWhere where = where(filter, null);
        if (where == null) {
            return 0;
        }
        return summaries.number(SnapshotSql.COUNT + where.sql(), where.params());
    }

    @Override
    public long countCompanies() {
        return summaries.number(SnapshotSql.COUNT_COMPANIES, List.of());
    }

    /** The company text's accounts are looked up once, for the page and its count alike. */
    @Override
    public Search searchFor(SnapshotFilter filter) {
        Objects.requireNonNull(filter, "filter");
        CompanyAccounts.Matches names = names(filter);
        return new Search() {
            @Override
            public List<SnapshotSummary> page(SnapshotCursor after, int offset, int limit) {
                requirePage(offset, limit);
                if (names != null && names.names() == 0) {
                    return List.of();
                }
                SnapshotWhere where = SnapshotWhere.page(filter, after, names, offset, limit);
                List<Object> params = new ArrayList<>(where.params());
                params.add(limit);
                params.add(after == null ? offset : 0); // a cursor replaces the offset
                return summaries.list(SnapshotSql.page(where), params);
            }

            @Override
            public long countAtMost(long atMost) {
                long bound = Math.max(0, atMost);
                if (countedByNames(filter, names, bound)) {
                    return bound;
                }
                SnapshotWhere where = where(filter, null, names);
                if (where == null) {
                    return 0;
                }
                List<Object> params = new ArrayList<>(where.params());
                params.add(bound);
                return summaries.number(SnapshotSql.COUNT_AT_MOST_HEAD + where.sql() + SnapshotSql.COUNT_AT_MOST_TAIL,
                        params);
            }
        };
    }

    /**
     * Whether the name pairs alone prove that at least {@code atMost} snapshots match: every (account, name)
     * pair was noted from a snapshot that has it, so with the company text as the only criterion there are at
     * least as many matches as pairs. A common fragment's bounded count walked ~13,000 index entries (8 ms at
     * 1,000,000 snapshots); this reads none.
     */
    static boolean countedByNames(SnapshotFilter filter, CompanyAccounts.Matches names, long atMost) {
        return names != null && names.names() >= atMost && SnapshotWhere.companyOnly(filter);
    }

    @Override
    public void export(SnapshotFilter filter, Consumer<SnapshotSummary> sink) {
        Objects.requireNonNull(sink, "sink");
        SnapshotWhere where = where(filter, null);
        if (where != null) {
            summaries.export(SnapshotSql.SELECT_SUMMARY + where.sql() + SnapshotSql.NEWEST_FIRST, where.params(), sink);
        }
    }

    /** The WHERE clause of a filter, or null when its company text matches no name ever archived. */
    private SnapshotWhere where(SnapshotFilter filter, SnapshotCursor after) {
        Objects.requireNonNull(filter, "filter");
        return where(filter, after, names(filter));
    }

    private static SnapshotWhere where(SnapshotFilter filter, SnapshotCursor after, CompanyAccounts.Matches names) {
        if (names != null && names.names() == 0) {
            return null;
        }
        return SnapshotWhere.of(filter, after, names);
    }

    /** What the names table knows of the filter's company text (null without one). */
    private CompanyAccounts.Matches names(SnapshotFilter filter) {
        return filter.companyContains() == null ? null
                : companyAccounts.matching(filter.companyContains());
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotencyKey(String caller, String key) {
        return db.execute().get(SnapshotSql.SELECT_IDEMPOTENCY_KEY, caller, key)
                .map(row -> new IdempotencyRecord(Rows.text(row, "request_sha256"),
                        new InvoiceNumber(Rows.text(row, "invoice_number"))));
    }

    /** The same bounds the in-memory store enforces through Stream.skip/limit. */
    private static void requirePage(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    private static Optional<ArchivedSnapshot> findOne(DbExecute exec, String where, Object... params) {
        Optional<DbRow> head = exec.get(SnapshotSql.SELECT_SNAPSHOT + where, params);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Columns row = Columns.of(head.get());
        List<LineItem> items;
        try (Stream<DbRow> rows = exec.query(SnapshotSql.SELECT_LINE_ITEMS, row.longValue("id"))) {
            items = rows.map(line -> LineItemRows.item(Columns.of(line))).toList();
        }
        return Optional.of(SnapshotRows.archived(row, items));
    }
}
