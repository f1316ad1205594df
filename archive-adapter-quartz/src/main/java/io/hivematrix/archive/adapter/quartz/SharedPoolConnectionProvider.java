package io.hivematrix.archive.adapter.quartz;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Lends Quartz connections from the archive's own pool, so Quartz opens no pool of its own. */
final class SharedPoolConnectionProvider implements ConnectionProvider {
    private final DataSource dataSource;

    SharedPoolConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The pool belongs to the archive, which closes it after Quartz has stopped.
    }

    @Override
    public void initialize() {
        // Nothing to set up: the pool is already running.
    }
}
