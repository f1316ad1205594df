package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL a search sends, with its parameters, built by the same code the store runs: for {@code EXPLAIN}
 * (bench/large's search plans) and for an operator asking why a search is slow. Reads nothing but the company
 * names a text matches.
 */
public final class SearchStatements {
    /** One statement with its bound parameters, in order. */
    public record Statement(String sql, List<Object> params) {
    }

    private final SnapshotFilter filter;
    private final CompanyAccounts.Matches names;

    private SearchStatements(SnapshotFilter filter, CompanyAccounts.Matches names) {
        this.filter = filter;
        this.names = names;
    }

    /** The statements for {@code filter}; a company text is first resolved to accounts, as the store does. */
    public static SearchStatements of(Connection connection, SnapshotFilter filter) throws SQLException {
        return new SearchStatements(filter, filter.companyContains() == null ? null
                : CompanyAccounts.matching(connection, filter.companyContains()));
    }

    /**
     * How many (account, name) pairs the company text matched (0 without one), or -1 when too many to read them: a
     * renamed account counts once per matching name.
     */
    public int companyPairs() {
        return names == null ? 0 : names.tooMany() ? -1 : names.names();
    }

    /** Whether one of the matched accounts was (or, too many to look up, may have been) renamed: names are tested. */
    public boolean renamed() {
        return names != null && names.renamed();
    }

    /** The page query of {@code GET /api/snapshots/search}: after {@code cursor} if given, else at {@code offset}. */
    public Statement page(SnapshotCursor cursor, int offset, int limit) {
        SnapshotWhere where = SnapshotWhere.page(filter, cursor, names, offset, limit);
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        params.add(cursor == null ? offset : 0);
        return new Statement(SnapshotSql.page(where), params);
    }

    /**
     * The {@code total} a search page also computes (without the cursor), counting no further than {@code atMost};
     * null when the store needs no count because the name pairs alone reach the bound.
     */
    public Statement count(long atMost) {
        if (PostgresSnapshotStore.countedByNames(filter, names, atMost)) {
            return null;
        }
        SnapshotWhere where = SnapshotWhere.of(filter, null, names);
        List<Object> params = new ArrayList<>(where.params());
        params.add(atMost);
        return new Statement(SnapshotSql.COUNT_AT_MOST_HEAD + where.sql() + SnapshotSql.COUNT_AT_MOST_TAIL, params);
    }

    /** The export's query: every matching row, newest first, read through a cursor. */
    public Statement export() {
        SnapshotWhere where = SnapshotWhere.of(filter, null, names);
        return new Statement(SnapshotSql.SELECT_SUMMARY + where.sql() + SnapshotSql.NEWEST_FIRST, where.params());
    }
}
