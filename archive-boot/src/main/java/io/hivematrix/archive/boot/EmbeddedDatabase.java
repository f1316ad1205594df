package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server started in-process from the Maven-served zonky binaries, for when no
 * {@code ARCHIVE_DB_URL} is given. Its files live in {@code <data dir>/postgres} and survive restarts;
 * it listens on loopback only.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgData);
            boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            LOG.log(Level.INFO, (fresh ? "Created" : "Reopened") + " embedded PostgreSQL in " + pgData
                    + " (port " + postgres.getPort() + ")");
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + pgData
                    + " (is another Archive already using this data directory?)", e);
        }
    }

    DatabaseSettings settings(int poolSize) {
        return new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres",
                null, poolSize);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
