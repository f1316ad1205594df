package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.dbclient.DbClientException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class UnreachableDatabaseTest {
    @Test
    void noConnection_aLostConnection_orAServerGoingDown_areUnreachable() {
        assertTrue(PostgresDatabase.isUnreachable(new SQLTransientConnectionException("pool timed out")));
        assertTrue(PostgresDatabase.isUnreachable(new DbClientException("query failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))));
        assertTrue(PostgresDatabase.isUnreachable(new IllegalStateException(new DbClientException("x",
                new SQLException("Connection refused", "08001")))));
        assertTrue(PostgresDatabase.isUnreachable(new SQLException("terminating connection due to administrator command",
                "57P01")));
        assertTrue(PostgresDatabase.isUnreachable(new SQLException("the database system is starting up", "57P03")));
    }

    @Test
    void whatAStatementItselfGotWrong_isNot() {
        assertFalse(PostgresDatabase.isUnreachable(new SQLException("duplicate key", "23505")));
        assertFalse(PostgresDatabase.isUnreachable(new SQLException("canceling statement due to user request", "57014")));
        assertFalse(PostgresDatabase.isUnreachable(new SQLException("no state")));
        assertFalse(PostgresDatabase.isUnreachable(new IllegalStateException("bug")));
        assertFalse(PostgresDatabase.isUnreachable(null));
    }
}
