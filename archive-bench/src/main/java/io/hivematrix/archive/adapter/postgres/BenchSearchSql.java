package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.service.SearchSnapshotsService;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bench access to the statements a search sends (PostgresSnapshotStore.search and countAtMost), built by the
 * adapter's own package-private SnapshotSql and SnapshotWhere, so query plans are taken of the real SQL.
 */
public final class BenchSearchSql {
    /** One statement with its bound parameters, in order. */
    public record Statement(String sql, List<Object> params) {
    }

    private final SnapshotFilter filter;
    private final CompanyAccounts.Matches names;

    private BenchSearchSql(SnapshotFilter filter, CompanyAccounts.Matches names) {
        this.filter = filter;
        this.names = names;
    }

    /** The statements for {@code filter}; a company text is first resolved to accounts, as the store does. */
    public static BenchSearchSql of(Connection connection, SnapshotFilter filter) throws SQLException {
        return new BenchSearchSql(filter, filter.companyContains() == null ? null
                : CompanyAccounts.matching(connection, filter.companyContains(),
                PostgresSnapshotStore.MAX_BOUND_ACCOUNTS + 1));
    }

    /** How many accounts the company text matched (0 without one), or -1 when too many to bind. */
    public int companyAccounts() {
        return names == null ? 0 : names.names() > PostgresSnapshotStore.MAX_BOUND_ACCOUNTS ? -1
                : names.accounts().size();
    }

    /** Whether one of the matched accounts was renamed, so its snapshots are also tested by name. */
    public boolean renamed() {
        return names != null && names.renamed();
    }

    /** The page query of {@code GET /api/snapshots/search}: after {@code cursor} if given, else at {@code offset}. */
    public Statement page(SnapshotCursor cursor, int offset, int limit) {
        SnapshotWhere where = SnapshotWhere.of(filter, cursor, names);
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        params.add(cursor == null ? offset : 0);
        return new Statement(SnapshotSql.page(filter, where.sql()), params);
    }

    /**
     * The {@code total} a search page also computes (without the cursor), bounded as the service bounds it;
     * null when the store needs no count because the name pairs alone exceed the bound.
     */
    public Statement count() {
        if (PostgresSnapshotStore.countedByNames(filter, names, SearchSnapshotsService.EXACT_TOTAL_UP_TO + 1)) {
            return null;
        }
        SnapshotWhere where = SnapshotWhere.of(filter, null, names);
        List<Object> params = new ArrayList<>(where.params());
        params.add(SearchSnapshotsService.EXACT_TOTAL_UP_TO + 1);
        return new Statement(SnapshotSql.COUNT_AT_MOST_HEAD + where.sql() + SnapshotSql.COUNT_AT_MOST_TAIL, params);
    }

    /** The export's query: every matching row, newest first, read through a cursor. */
    public Statement export() {
        SnapshotWhere where = SnapshotWhere.of(filter, null, names);
        return new Statement(SnapshotSql.SELECT_SUMMARY + where.sql() + SnapshotSql.NEWEST_FIRST, where.params());
    }
}
