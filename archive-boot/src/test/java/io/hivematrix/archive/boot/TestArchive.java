package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import io.helidon.webserver.http.HttpRouting;
import io.hivematrix.archive.adapter.ledger.LedgerClients;
import io.hivematrix.archive.adapter.ledger.NeighbourSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.routes.ExportLimits;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.testkit.RecordingScheduleTrigger;
import io.hivematrix.archive.adapter.rest.routes.ExportLimits;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.application.service.RetryPolicy;
import io.hivematrix.archive.application.service.RunSettings;
import io.hivematrix.archive.application.service.RunSnapshotsService;
import io.hivematrix.archive.testkit.neighbours.LedgerBills;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;

/** The whole service as boot wires it, over a fresh test database and a throw-away dev key. */
final class TestArchive implements AutoCloseable {
    final PostgresDatabase database;
    final DevSigningKey key;
    private final LedgerClients neighbours;

    private TestArchive(PostgresDatabase database, DevSigningKey key, LedgerClients neighbours) {
        this.database = database;
        this.key = key;
        this.neighbours = neighbours;
    }

    /** Creates the database, migrates it, and registers every route on {@code routing}. */
    static TestArchive wire(HttpRouting.Builder routing, Class<?> owner) {
        PostgresDatabase database = database(owner);
        // Codex and Ledger are not configured here: runs fail with a clear "not configured" error.
        LedgerClients neighbours = LedgerClients.create(new NeighbourSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(2)));
        RunSnapshotsService runs = Wiring.runs(database, neighbours.directory(), neighbours.ledger(), 4,
                Clock.systemUTC(), Executors.newVirtualThreadPerTaskExecutor());
        return routes(routing, database, neighbours, runs);
    }

    /**
     * As {@link #wire(HttpRouting.Builder, Class)}, with runs calling Codex and Ledger at the given URLs (no Core,
     * so no service token) within {@code callTimeout}. Built like {@link Wiring#runs} but with {@code retry}, which
     * Wiring.runs fixes to {@link RetryPolicy#DEFAULT}.
     */
    static TestArchive wire(HttpRouting.Builder routing, Class<?> owner, URI codex, URI ledger, Duration callTimeout,
                            int concurrency, RetryPolicy retry) {
        PostgresDatabase database = database(owner);
        LedgerClients neighbours = LedgerClients.create(NeighbourSettings.of(codex, ledger, null)
                .withTimeouts(callTimeout, Duration.ofSeconds(1)));
        RunSnapshotsService runs = new RunSnapshotsService(neighbours.directory(), neighbours.ledger(),
                database.snapshotStore(), database.jobStore(), database.scheduleStore(), Clock.systemUTC(),
                new RunSettings(ZoneId.systemDefault(), concurrency, retry), Executors.newVirtualThreadPerTaskExecutor());
        return routes(routing, database, neighbours, runs);
    }

    private static PostgresDatabase database(Class<?> owner) {
        PostgresDatabase database = PostgresDatabase.connect(TestPostgres.newDatabase(owner));
        database.migrate();
        return database;
    }

    private static TestArchive routes(HttpRouting.Builder routing, PostgresDatabase database, LedgerClients neighbours,
                                      RunSnapshotsService runs) {
        DevSigningKey key;
        try {
            key = DevSigningKey.loadOrCreate(Files.createTempDirectory("archive-test-keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArchiveHttp.routing(routing, Wiring.api(database, Clock.systemUTC(), TokenVerifier.forKeys(key.publicKeys()),
                ArchiveApi.DEFAULT_SNAPSHOT_WRITERS, ArchiveApi.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(1), runs,
                Wiring.schedule(database, new RecordingScheduleTrigger(), Clock.systemUTC()), ExportLimits.DEFAULT, TestLogKey.SIGNER));
        return new TestArchive(database, key, neighbours);
    }

    String bearer(String service) {
        return "Bearer " + key.serviceToken(service, Duration.ofMinutes(30));
    }

    String userBearer(String level) {
        return "Bearer " + key.userToken(level + "@example.com", level, level, Duration.ofMinutes(30));
    }

    /** The repository's fixtures folder, found from wherever the test JVM started. */
    static String fixture(String name) {
        return repositoryFile("fixtures/" + name);
    }

    /** A file of the repository (the folder holding {@code fixtures/}), found from wherever the test JVM started. */
    static String repositoryFile(String relative) {
        try {
            return Files.readString(LedgerBills.repositoryFile(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        neighbours.close();
        database.close();
    }
}
