package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.dbclient.DbClientException;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hot paths' JDBC helper against real PostgreSQL: how it reports failures and ends its transactions. */
class HotPathJdbcIT {
    private static PostgresDatabase database;
    private static HotPathJdbc jdbc;

    @BeforeAll
    static void startDatabase() {
        database = PostgresDatabase.connect(TestPostgres.newDatabase(HotPathJdbcIT.class));
        jdbc = new HotPathJdbc(database.dataSource());
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void freshTable() {
        database.dbClient().execute().dml("DROP TABLE IF EXISTS hot_path_probe");
        database.dbClient().execute().dml("CREATE TABLE hot_path_probe (n integer PRIMARY KEY)");
    }

    @Test
    void aFailedStatement_isReportedAsDbClientReportsIt_withTheDriversErrorAsCause() {
        DbClientException e = assertThrows(DbClientException.class, () -> jdbc.withConnection("probing failed",
                connection -> connection.createStatement().execute("SELECT * FROM no_such_table")));
        assertEquals("probing failed", e.getMessage());
        SQLException cause = assertInstanceOf(SQLException.class, e.getCause());
        assertEquals("42P01", cause.getSQLState());
        assertFalse(PostgresDatabase.isUnreachable(e), "a wrong statement is not an unreachable database");
    }

    @Test
    void bindsInOrder_andMapsEveryRow() {
        List<Integer> rows = jdbc.withConnection("listing failed", connection -> {
            try (PreparedStatement st = HotPathJdbc.prepare(connection,
                    "SELECT g FROM generate_series(?::int, ?::int) AS g ORDER BY g", List.of(3, 5))) {
                return HotPathJdbc.list(st, rs -> rs.getInt(1));
            }
        });
        assertEquals(List.of(3, 4, 5), rows);
    }

    @Test
    void aTransaction_commitsOnlyWhatItsPredicateAccepts() {
        assertEquals(1, insert(1, true));
        assertEquals(1, insert(2, false));
        assertEquals(List.of(1), stored());
    }

    @Test
    void aFailureInsideTheTransaction_rollsBack_andIsTheFailureReported() {
        IllegalStateException failure = new IllegalStateException("the sink gave up");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> jdbc.inTransaction(
                "inserting failed", connection -> {
                    connection.createStatement().executeUpdate("INSERT INTO hot_path_probe VALUES (7)");
                    throw failure;
                }, result -> true));
        assertSame(failure, thrown);
        assertTrue(stored().isEmpty(), "nothing of a failed transaction stays");

        DbClientException sqlFailure = assertThrows(DbClientException.class, () -> jdbc.inTransaction(
                "inserting failed", connection -> {
                    connection.createStatement().executeUpdate("INSERT INTO hot_path_probe VALUES (8)");
                    return connection.createStatement().executeUpdate("INSERT INTO hot_path_probe VALUES (8)");
                }, result -> true));
        assertEquals("23505", ((SQLException) sqlFailure.getCause()).getSQLState());
        assertTrue(stored().isEmpty(), "nothing of a failed transaction stays");
    }

    private static int insert(int n, boolean commit) {
        return jdbc.inTransaction("inserting failed",
                connection -> connection.createStatement().executeUpdate("INSERT INTO hot_path_probe VALUES (" + n + ")"),
                inserted -> commit);
    }

    private static List<Integer> stored() {
        return jdbc.withConnection("reading failed", connection -> {
            try (PreparedStatement st = HotPathJdbc.prepare(connection, "SELECT n FROM hot_path_probe ORDER BY n",
                    List.of())) {
                return HotPathJdbc.list(st, rs -> rs.getInt(1));
            }
        });
    }
}
