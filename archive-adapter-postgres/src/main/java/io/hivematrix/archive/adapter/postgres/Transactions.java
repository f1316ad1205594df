package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbTransaction;
import java.sql.Connection;
import java.sql.SQLException;

/** What every write path does when its transaction fails. */
final class Transactions {
    private Transactions() {
    }

    /**
     * Rolls {@code tx} back after {@code failure} and returns the failure to throw. A rollback that fails in
     * turn (the connection is gone, or the failure came from commit itself) is attached as suppressed, so the
     * cause that matters is the one reported.
     */
    static RuntimeException rollbackAfter(DbTransaction tx, RuntimeException failure) {
        try {
            tx.rollback();
        } catch (RuntimeException rollback) {
            failure.addSuppressed(rollback);
        }
        return failure;
    }

    /**
     * The same for a plain JDBC transaction. A rollback in a {@code finally} would throw "Connection is
     * closed" over a lost connection's own error (57P01 while the database restarts), and turn what should
     * be a 503 into a 500; here the original failure always wins.
     */
    static <E extends Exception> E rollbackAfter(Connection connection, E failure) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException rollback) {
            failure.addSuppressed(rollback);
        }
        return failure;
    }
}
