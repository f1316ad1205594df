package io.hivematrix.archive.boot;

import io.helidon.webserver.WebServer;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import java.lang.System.Logger.Level;
import java.time.Clock;

/** A started Archive: its web server, its database pool and, when embedded, its PostgreSQL; stops in reverse order. */
final class RunningArchive implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunningArchive.class.getName());

    private final EmbeddedDatabase embedded;
    private final PostgresDatabase database;
    private final WebServer server;
    private final AuditSealer sealer;

    private RunningArchive(EmbeddedDatabase embedded, PostgresDatabase database, WebServer server,
                           AuditSealer sealer) {
        this.embedded = embedded;
        this.database = database;
        this.server = server;
        this.sealer = sealer;
    }

    /** Opens (or starts) the database, applies migrations, then starts serving. */
    static RunningArchive start(ArchiveSettings settings) {
        EmbeddedDatabase embedded = settings.dbUrl().isEmpty() ? EmbeddedDatabase.start(settings.dataDir()) : null;
        PostgresDatabase database = null;
        try {
            database = PostgresDatabase.connect(Wiring.databaseSettings(settings, embedded));
            int applied = database.migrate();
            if (applied > 0) {
                LOG.log(Level.INFO, "Applied " + applied + " database migration(s)");
            }
            WebServer server = Wiring.server(settings, Wiring.api(database, Clock.systemUTC(),
                    Wiring.tokenVerifier(settings), settings.snapshotWriters(), settings.maxBodyBytes(),
                    settings.auditSealInterval())).start();
            AuditSealer sealer = AuditSealer.start(Wiring.auditTrail(database, Clock.systemUTC()),
                    settings.auditSealInterval());
            return new RunningArchive(embedded, database, server, sealer);
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        sealer.close();
        database.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
