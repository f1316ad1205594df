package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.embedded.EmbeddedDatabase;
import io.hivematrix.archive.embedded.EmbeddedSupervisor;
import io.hivematrix.archive.embedded.RunningEmbeddedServer;
import java.util.Optional;

/**
 * The one place that chooses the database: the external server {@code ARCHIVE_DB_URL} names or, without one, the
 * embedded server in the data directory, started here and stopped on close; either way, with the roles to use.
 */
public final class ArchiveDatabase implements AutoCloseable {
    private final DatabaseRoles roles;
    /** Null for an external server, which Archive neither starts nor stops. */
    private final EmbeddedDatabase embedded;

    private ArchiveDatabase(DatabaseRoles roles, EmbeddedDatabase embedded) {
        this.roles = roles;
        this.embedded = embedded;
    }

    /** Opens the database the settings name, starting the embedded one when they name none. */
    public static ArchiveDatabase open(ArchiveSettings settings) {
        EmbeddedDatabase embedded = settings.dbUrl().isEmpty() ? EmbeddedDatabase.start(settings.dataDir()) : null;
        return new ArchiveDatabase(DatabaseRoles.of(settings, embedded), embedded);
    }

    /** Whether there is a database to open: an external one always, an embedded one once a first start made it. */
    public static boolean exists(ArchiveSettings settings) {
        return settings.dbUrl().isPresent() || EmbeddedDatabase.exists(settings.dataDir());
    }

    /**
     * The port of the embedded server a running service started on the data directory, which a command must share
     * or leave alone (a second start would fail); empty when none runs or the database is external.
     */
    public static Optional<Integer> runningServicePort(ArchiveSettings settings) {
        return settings.dbUrl().isPresent() ? Optional.empty() : RunningEmbeddedServer.port(settings.dataDir());
    }

    /** How a command reaches that running server: as the runtime role, with a small pool. */
    public static DatabaseSettings runningService(ArchiveSettings settings, int port) {
        return RunningEmbeddedServer.settings(settings.dataDir(), port, 2);
    }

    public DatabaseRoles roles() {
        return roles;
    }

    /** Applies pending migrations as the owner and grants the runtime role its rights; how many ran. */
    public int migrate() {
        return roles.migrate();
    }

    /** A connection pool as the runtime role, for a command. */
    public PostgresDatabase connect() {
        return PostgresDatabase.connect(roles.runtime());
    }

    /** Starts the embedded server's supervisor ({@code giveUp} when it cannot bring it back); none for an external one. */
    Optional<EmbeddedSupervisor> supervise(Runnable giveUp) {
        return Optional.ofNullable(embedded).map(server -> server.supervise(giveUp));
    }

    /** Stops the embedded server; an external one is left running. */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
