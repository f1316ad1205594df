package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbTransaction;

/** What every DbClient write path does when its transaction fails (the hot paths' JDBC: {@link HotPathJdbc}). */
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
}
