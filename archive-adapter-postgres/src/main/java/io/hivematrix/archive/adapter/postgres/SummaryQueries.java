package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClientException;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * Search pages, their counts and the streaming export, in plain JDBC. DbClient builds column metadata for
 * every row it reads (a class look-up per column); profiled at 1,000,000 snapshots that was ~40 % of a search
 * by account's CPU. DbClient also cannot set a fetch size, which the export needs: at most
 * {@link #FETCH_SIZE} rows are in memory whatever the result size. Exports read from a pool of their own.
 */
final class SummaryQueries {
    static final int FETCH_SIZE = 1_000;
    /**
     * How long the server may work on one statement of an export: the query up to its first rows, then each fetch
     * of {@link #FETCH_SIZE} rows (time the client spends reading between fetches does not count). At 1,000,000
     * snapshots a full export reads ~76,000 rows/s (docs/performance.md), ~13 ms a fetch, and the costliest search
     * count measured took about a second: 30 s stops only a statement that has run away.
     */
    static final String EXPORT_STATEMENT_TIMEOUT = "30s";

    private final DataSource dataSource;
    private final DataSource exportDataSource;

    SummaryQueries(DataSource dataSource, DataSource exportDataSource) {
        this.dataSource = dataSource;
        this.exportDataSource = exportDataSource;
    }

    /** Every summary {@code sql} selects (a page: it carries its own LIMIT). */
    List<SnapshotSummary> list(String sql, List<Object> params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params)) {
            if (params.stream().anyMatch(Object[].class::isInstance)) {
                // A bound list of accounts: the page is planned for its list every time. A reused generic plan
                // guesses a short list and reads every listed account's snapshots, where a few hundred accounts
                // are served faster by walking the newest-first index. (A count needs no such care: any index
                // on the account serves it, so it keeps a reusable plan and skips the ~2 ms of planning a list
                // of hundreds costs.)
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            return list(statement);
        } catch (SQLException e) {
            throw new DbClientException("search of snapshots failed", e);
        }
    }

    private static List<SnapshotSummary> list(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<SnapshotSummary> summaries = new ArrayList<>();
            while (rows.next()) {
                summaries.add(SummaryRows.read(rows));
            }
            return summaries;
        }
    }

    /** The single number {@code sql} selects (a count). */
    long number(String sql, List<Object> params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("a count returned no row");
            }
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new DbClientException("count of snapshots failed", e);
        }
    }

    /**
     * Hands every summary {@code sql} selects to {@code sink}, through a server-side cursor, on an export connection.
     * A sink that throws (its client stopped reading and was cut off) ends the transaction and gives the connection
     * back at once.
     */
    void export(String sql, List<Object> params, Consumer<SnapshotSummary> sink) {
        try (Connection connection = exportDataSource.getConnection()) {
            // The PostgreSQL driver honours the fetch size only inside a transaction; otherwise it reads everything.
            connection.setAutoCommit(false);
            try {
                try (Statement timeout = connection.createStatement()) {
                    // LOCAL: ends with the transaction, so the pooled connection goes back without it.
                    timeout.execute("SET LOCAL statement_timeout = '" + EXPORT_STATEMENT_TIMEOUT + "'");
                }
                stream(connection, sql, params, sink);
            } catch (SQLException e) {
                throw Transactions.rollbackAfter(connection, e);
            } catch (RuntimeException e) {
                throw Transactions.rollbackAfter(connection, e);
            }
            // Read only: nothing to commit; ending the transaction closes the cursor on the server.
            connection.rollback();
        } catch (SQLException e) {
            throw new DbClientException("export of snapshots failed", e);
        }
    }

    private static void stream(Connection connection, String sql, List<Object> params,
                               Consumer<SnapshotSummary> sink) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sink.accept(SummaryRows.read(rows));
                }
            }
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        try {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
