package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClientException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Plain JDBC for the measured hot paths only (each user says which measurement justified it); everything else goes
 * through DbClient. Borrows a connection from a pool, prepares, binds, maps, and reports a failure the way DbClient
 * does: a {@link DbClientException} with the {@link SQLException} as its cause, which
 * {@link PostgresDatabase#isUnreachable} reads.
 */
final class HotPathJdbc {
    /** Work on a borrowed connection. */
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Maps the current row of a result set. */
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource pool;

    HotPathJdbc(DataSource pool) {
        this.pool = pool;
    }

    /** Runs {@code work} on a connection borrowed for it, in auto-commit; {@code what} names it in a failure. */
    <T> T withConnection(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs {@code work} in one transaction on a borrowed connection and commits when {@code commit} accepts its
     * result, rolls back otherwise (a read-only cursor ends so). The pool restores auto-commit when the connection
     * comes back (HikariCP resets what a borrower changed), so no finally here that could throw over a lost
     * connection's own error.
     */
    <T> T inTransaction(String what, Work<T> work, Predicate<? super T> commit) {
        return withConnection(what, connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                if (commit.test(result)) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return result;
            } catch (SQLException e) {
                throw rollbackAfter(connection, e);
            } catch (RuntimeException e) {
                throw rollbackAfter(connection, e);
            }
        });
    }

    /** A forward-only, read-only statement with {@code params} bound in order; closed again if binding fails. */
    static PreparedStatement prepare(Connection connection, String sql, List<?> params) throws SQLException {
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

    /** Every row {@code statement} selects, mapped. */
    static <T> List<T> list(PreparedStatement statement, RowMapper<T> mapper) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<T> mapped = new ArrayList<>();
            while (rows.next()) {
                mapped.add(mapper.map(rows));
            }
            return mapped;
        }
    }

    /** The one way the adapter reports a failed statement, whichever way it was sent. */
    static DbClientException failure(String what, Exception cause) {
        return new DbClientException(what, cause);
    }

    /**
     * Rolls back after {@code failure} and returns the failure to throw. A rollback in a {@code finally} would throw
     * "Connection is closed" over a lost connection's own error (57P01 while the database restarts), and turn what
     * should be a 503 into a 500; here the original failure always wins.
     */
    private static <E extends Exception> E rollbackAfter(Connection connection, E failure) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException rollback) {
            failure.addSuppressed(rollback);
        }
        return failure;
    }
}
