package io.hivematrix.archive.boot;

import io.helidon.webserver.http.HttpRouting;
import io.hivematrix.archive.adapter.ledger.LedgerClients;
import io.hivematrix.archive.adapter.ledger.NeighbourSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.TokenVerifier;
import io.hivematrix.archive.application.fake.RecordingScheduleTrigger;
import io.hivematrix.archive.application.service.RunSnapshotsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;

/** The whole service as boot wires it, over a fresh test database and a throw-away dev key. */
final class TestArchive implements AutoCloseable {
    final PostgresDatabase database;
    final DevSigningKey key;

    private TestArchive(PostgresDatabase database, DevSigningKey key) {
        this.database = database;
        this.key = key;
    }

    /** Creates the database, migrates it, and registers every route on {@code routing}. */
    static TestArchive wire(HttpRouting.Builder routing, Class<?> owner) {
        PostgresDatabase database = PostgresDatabase.connect(TestPostgres.newDatabase(owner));
        database.migrate();
        DevSigningKey key;
        try {
            key = DevSigningKey.loadOrCreate(Files.createTempDirectory("archive-test-keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Codex and Ledger are not configured here: runs fail with a clear "not configured" error.
        LedgerClients neighbours = LedgerClients.create(new NeighbourSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(2)));
        RunSnapshotsService runs = Wiring.runs(database, neighbours.directory(), neighbours.ledger(), 4,
                Clock.systemUTC(), Executors.newVirtualThreadPerTaskExecutor());
        ArchiveHttp.routing(routing, Wiring.api(database, Clock.systemUTC(), TokenVerifier.forKeys(key.publicKeys()),
                ArchiveApi.DEFAULT_SNAPSHOT_WRITERS, ArchiveApi.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(1), runs,
                Wiring.schedule(database, new RecordingScheduleTrigger(), Clock.systemUTC())));
        return new TestArchive(database, key);
    }

    String bearer(String service) {
        return "Bearer " + key.serviceToken(service, Duration.ofMinutes(30));
    }

    String userBearer(String level) {
        return "Bearer " + key.userToken(level + "@example.com", level, level, Duration.ofMinutes(30));
    }

    /** The repository's fixtures folder, found from wherever the test JVM started. */
    static String fixture(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("fixtures"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("fixtures/ not found");
        }
        try {
            return Files.readString(dir.resolve("fixtures").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
