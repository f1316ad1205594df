package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.SnapshotSummary;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import org.postgresql.PGStatement;

/**
 * Search pages, their counts and the streaming export, in plain JDBC through {@link HotPathJdbc}. DbClient builds
 * column metadata for every row it reads (a class look-up per column); profiled at 1,000,000 snapshots that was ~40 %
 * of a search by account's CPU. DbClient also cannot set a fetch size, which the export needs: at most
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

    private final HotPathJdbc requests;
    private final HotPathJdbc exports;

    SummaryQueries(HotPathJdbc requests, HotPathJdbc exports) {
        this.requests = requests;
        this.exports = exports;
    }

    /** Every summary {@code sql} selects (a page: it carries its own LIMIT). */
    List<SnapshotSummary> list(String sql, List<Object> params) {
        return requests.withConnection("search of snapshots failed", connection -> {
            try (PreparedStatement statement = HotPathJdbc.prepare(connection, sql, params)) {
                if (params.stream().anyMatch(Object[].class::isInstance)) {
                    // A bound list of accounts: the page is planned for its list every time. A reused generic plan
                    // guesses a short list and reads every listed account's snapshots, where a few hundred accounts
                    // are served faster by walking the newest-first index. (A count needs no such care: any index
                    // on the account serves it, so it keeps a reusable plan and skips the ~2 ms of planning a list
                    // of hundreds costs.)
                    statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                }
                return HotPathJdbc.list(statement, SnapshotRows::summary);
            }
        });
    }

    /** The single number {@code sql} selects (a count). */
    long number(String sql, List<Object> params) {
        return requests.withConnection("count of snapshots failed", connection -> {
            try (PreparedStatement statement = HotPathJdbc.prepare(connection, sql, params);
                 ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("a count returned no row");
                }
                return rows.getLong(1);
            }
        });
    }

    /**
     * Hands every summary {@code sql} selects to {@code sink}, through a cursor declared on the server and read
     * {@link #FETCH_SIZE} rows at a time, on an export connection. A sink that throws (its client stopped reading and
     * was cut off) ends the transaction and gives the connection back at once.
     * <p>
     * A declared cursor, not the driver's fetch size: PostgreSQL plans a cursor for its first rows
     * ({@code cursor_tuple_fraction}), while a statement read through the fetch size is planned for its whole result.
     * At 10,000,000 bills that plan was a parallel sequential scan and a sort of every row (2 GB), and the whole-archive
     * export timed out before its first row; the cursor walks the newest-first index and starts at once, and a
     * filter that matches few bills still sorts just those.
     */
    void export(String sql, List<Object> params, Consumer<SnapshotSummary> sink) {
        // Read only: nothing to commit; ending the transaction closes the cursor on the server.
        exports.inTransaction("export of snapshots failed", connection -> {
            try (Statement session = connection.createStatement()) {
                // LOCAL: ends with the transaction, so the pooled connection goes back without it.
                session.execute(SnapshotSql.exportTimeout(EXPORT_STATEMENT_TIMEOUT));
            }
            try (PreparedStatement declare = HotPathJdbc.prepare(connection, SnapshotSql.declareExport(sql), params)) {
                declare.execute();
            }
            try (Statement fetch = connection.createStatement()) {
                int read;
                do {
                    read = 0;
                    try (ResultSet rows = fetch.executeQuery(SnapshotSql.fetchExport(FETCH_SIZE))) {
                        while (rows.next()) {
                            read++;
                            sink.accept(SnapshotRows.summary(rows));
                        }
                    }
                } while (read == FETCH_SIZE);
            }
            return null;
        }, nothing -> false);
    }
}
