package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClientException;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Streams summaries from a server-side cursor in plain JDBC, because DbClient cannot set a fetch size:
 * at most {@link #FETCH_SIZE} rows are in memory whatever the result size.
 */
final class SummaryExporter {
    static final int FETCH_SIZE = 1_000;

    private final DataSource dataSource;

    SummaryExporter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void export(String sql, List<Object> params, Consumer<SnapshotSummary> sink) {
        try (Connection connection = dataSource.getConnection()) {
            // The PostgreSQL driver honours the fetch size only inside a transaction; otherwise it reads everything.
            connection.setAutoCommit(false);
            try {
                stream(connection, sql, params, sink);
            } finally {
                // Read only: nothing to commit; ending the transaction closes the cursor on the server.
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new DbClientException("export of snapshots failed", e);
        }
    }

    private static void stream(Connection connection, String sql, List<Object> params,
                               Consumer<SnapshotSummary> sink) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sink.accept(SummaryRows.read(rows));
                }
            }
        }
    }
}
