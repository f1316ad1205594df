package io.hivematrix.archive.bench.rest;

import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.json.JsonBodyReader;
import io.hivematrix.archive.adapter.rest.routes.DownloadName;
import io.hivematrix.archive.adapter.rest.routes.SnapshotBodies;
import io.hivematrix.archive.adapter.rest.routes.SnapshotBody;
import io.hivematrix.archive.adapter.rest.routes.SnapshotView;
import io.hivematrix.archive.adapter.rest.security.Caller;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.application.service.SnapshotAssembler;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.Sha256;
import io.hivematrix.archive.domain.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The Ledger fixture taken through the create path once (body, parsed tree, command, snapshot, archived
 * copy), and the create path itself as the route runs it, for the benchmarks and the Helidon ceiling.
 */
public final class BenchFixture {
    /** Where the fixture is read from unless {@code -Dbench.fixture} says otherwise (relative to the cwd). */
    public static final String DEFAULT_PATH = "fixtures/ledger-snapshot-620547-202510.json";
    /** The service's create route authenticates Ledger's service token to this caller. */
    static final Caller LEDGER = Caller.service("ledger");
    /** A stored snapshot's timestamp has microseconds, so the GET JSON is as long as the real one. */
    private static final Instant ARCHIVED_AT = Instant.parse("2025-11-01T02:00:00.123456Z");

    private final byte[] body;
    private final String receivedBody;
    private final SnapshotBody parsed;
    private final CreateSnapshotCommand command;
    private final Snapshot snapshot;
    private final ArchivedSnapshot archived;

    private BenchFixture(byte[] body) {
        this.body = body;
        this.receivedBody = utf8(body).orElseThrow(() -> new IllegalArgumentException("fixture is not UTF-8"));
        this.parsed = read(receivedBody);
        this.command = command(body);
        this.snapshot = BenchFixture.assemble(command);
        // Sealed (an audit sequence number): the state a GET finds a snapshot in a second after it was created.
        this.archived = new ArchivedSnapshot(1, ARCHIVED_AT, Sha256.hex(receivedBody), snapshot, 1L);
    }

    /** The fixture at {@link #path()}. */
    public static BenchFixture load() {
        return load(path());
    }

    public static BenchFixture load(Path path) {
        try {
            return new BenchFixture(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no fixture at " + path.toAbsolutePath()
                    + " (run from the repository root or set -Dbench.fixture=...)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path path() {
        return Path.of(System.getProperty("bench.fixture", DEFAULT_PATH));
    }

    /** What the create route does with a body before the use case: decode, parse, read into a command. */
    static CreateSnapshotCommand command(byte[] body) {
        if (!(JsonBodyReader.read(body, Long.MAX_VALUE) instanceof JsonBodyReader.Text text)) {
            throw new IllegalArgumentException("fixture must be UTF-8");
        }
        return switch (SnapshotBodies.parse(text, LEDGER, null)) {
            case SnapshotBodies.Command command -> command.command();
            case SnapshotBodies.Malformed malformed -> throw new IllegalArgumentException(malformed.detail());
        };
    }

    /** The route's UTF-8 check of the raw body. */
    static Optional<String> utf8(byte[] body) {
        return JsonBodyReader.utf8(body);
    }

    /** The route's streaming read of a body: its small fields as a tree, its breakdown written out canonically. */
    static SnapshotBody read(String body) {
        try {
            return SnapshotBody.read(body).orElseThrow(() -> new IllegalArgumentException("not a JSON object"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of {@code GET /api/snapshot/{invoice}} for this snapshot, from the route's own serialisation. */
    public byte[] getResponseJson() {
        return Json.write(SnapshotView.from(archived));
    }

    /** The ETag the GET route sends with {@link #getResponseJson()}. */
    public String jsonEtag() {
        return "\"" + archived.contentSha256() + "\"";
    }

    /** The body of {@code GET /api/snapshot/{invoice}/csv}: the bill's own CSV. */
    public byte[] invoiceCsv() {
        return snapshot.invoiceCsv().getBytes(StandardCharsets.UTF_8);
    }

    /** The ETag the CSV route sends. */
    public String csvEtag() {
        return "\"" + archived.contentSha256() + "-csv\"";
    }

    /** The Content-Disposition the CSV route sends (the download's file name). */
    public String csvContentDisposition() {
        return DownloadName.contentDisposition(snapshot.companyName(), snapshot.period());
    }

    public byte[] body() {
        return body.clone();
    }

    public String receivedBody() {
        return receivedBody;
    }

    SnapshotBody parsed() {
        return parsed;
    }

    CreateSnapshotCommand command() {
        return command;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public ArchivedSnapshot archived() {
        return archived;
    }

    /** The snapshot the service would store; a fixture that fails validation is a bug in the bench, so it throws. */
    static Snapshot assemble(CreateSnapshotCommand command) {
        SnapshotAssembler.Assembled assembled = new SnapshotAssembler().assemble(command);
        if (!assembled.errors().isEmpty()) {
            throw new IllegalArgumentException("fixture does not validate: " + assembled.errors());
        }
        return assembled.snapshot();
    }
}
