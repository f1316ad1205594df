package io.hivematrix.archive.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import java.sql.Connection;
import java.sql.SQLException;

/** Lends DbClient connections from HikariCP (Helidon's own Hikari module is not published for 4.5.0). */
final class HikariConnectionPool implements JdbcConnectionPool {
    private final HikariDataSource dataSource;

    HikariConnectionPool(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("no database connection available", e);
        }
    }

    @Override
    public String dbType() {
        return "postgresql";
    }
}
