package io.hivematrix.archive.cli;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.boot.DatabaseRoles;
import io.hivematrix.archive.application.port.in.AuditTrail;
import io.hivematrix.archive.boot.ArchiveSettings;
import io.hivematrix.archive.boot.ArchiveDatabase;
import io.hivematrix.archive.keyfiles.LogKeyFile;
import io.hivematrix.archive.boot.Wiring;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.NoteKey;
import io.hivematrix.archive.domain.SignedNote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code archive verify}: recomputes every fingerprint and link, rebuilds the transparency log from the records and,
 * given checkpoints saved outside the database, checks the log still has each one's root; exits 1 naming the first
 * broken record, 2 when a checkpoint file cannot be trusted as given.
 */
@Command(name = "verify", description = "Verify the audit chain and the transparency log: every snapshot's hashes, "
        + "every link, every stored log hash, and the root at each saved checkpoint. Exit 1 if broken.")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint saved earlier (a signed note, as "
            + "GET /api/audit/checkpoint serves it or ARCHIVE_CHECKPOINT_DIR keeps it). Repeatable.")
    private List<Path> checkpointFiles = new ArrayList<>();

    @Option(names = "--key", paramLabel = "VERIFIER_KEY", description = "The log's verifier key "
            + "(<name>+<id>+<key>, as 'archive log-key' prints it); default: the public half of ARCHIVE_LOG_KEY.")
    private String verifierKey;

    @Override
    public Integer call() {
        ArchiveSettings settings = ArchiveSettings.load();
        List<Checkpoint> checkpoints;
        try {
            checkpoints = readCheckpoints(settings);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("archive verify: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("archive verify: cannot read checkpoint file " + e.getMessage() + " ("
                    + e.getClass().getSimpleName() + ")");
            return 2;
        }
        try (ArchiveDatabase opened = ArchiveDatabase.open(settings)) {
            Optional<DatabaseSettings> replica = DatabaseRoles.readReplica(settings, opened.roles());
            if (replica.isEmpty()) {
                return verify(opened.connect(), checkpoints);
            }
            // A whole-chain read is what a replica is for; what it has not replayed yet is simply not checked.
            System.err.println("archive verify: reading the replica " + ArchiveSettings.masked(replica.get().jdbcUrl())
                    + " (ARCHIVE_DB_READ_URL)");
            try {
                return verify(PostgresDatabase.connectReplica(replica.get(), 1), checkpoints);
            } catch (RuntimeException e) {
                if (!PostgresDatabase.isUnreachable(e)) {
                    throw e;
                }
                System.err.println("archive verify: the replica cannot be reached; unset ARCHIVE_DB_READ_URL to verify "
                        + "on the primary");
                return 2;
            }
        }
    }

    /** Verifies on {@code opened}, which it closes; the exit code. */
    private static Integer verify(PostgresDatabase opened, List<Checkpoint> checkpoints) {
        try (PostgresDatabase database = opened) {
            // A check changes nothing, not even the schema: an older one is named, for 'archive migrate' to bring up.
            String expected = database.latestMigrationVersion();
            String found = database.schemaVersion().orElse("none");
            if (!found.equals(expected)) {
                System.err.println("archive verify: the database's schema is at version " + found + ", this build's is "
                        + expected + ": run 'archive migrate' first");
                return 2;
            }
            long started = System.nanoTime();
            AuditTrail.Verification v = Wiring.auditTrail(database, Clock.systemUTC()).verify(checkpoints);
            long millis = (System.nanoTime() - started) / 1_000_000;
            AuditLink last = v.head().last();
            System.out.printf("checked %d link(s) in %d ms; head seq %d hash %s; %d snapshot(s), %d waiting to be sealed%n",
                    v.checked(), millis, last == null ? 0 : last.seq(), last == null ? AuditLink.GENESIS : last.entryHash(),
                    v.head().snapshots(), v.head().pending());
            if (!checkpoints.isEmpty()) {
                System.out.printf("transparency log: %d of %d checkpoint(s) matched%n", v.checkpointsMatched(),
                        checkpoints.size());
            }
            if (v.ok()) {
                System.out.println("ok");
                return 0;
            }
            AuditTrail.Broken b = v.firstBroken();
            System.out.printf("BROKEN at seq %d (invoice %s): %s%n  expected %s%n  found    %s%n", b.seq(),
                    b.invoiceNumber(), b.problem(), b.expected(), b.found());
            return 1;
        }
    }

    /** Each file's checkpoint, once its signature checks with the log's key and its origin is this log's. */
    private List<Checkpoint> readCheckpoints(ArchiveSettings settings) throws IOException {
        if (checkpointFiles.isEmpty()) {
            return List.of();
        }
        NoteKey.Verifier key = NoteKey.verifier(verifierKey != null ? verifierKey.strip() : ownKey(settings));
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Path file : checkpointFiles) {
            String note = Files.readString(file, StandardCharsets.UTF_8);
            Optional<String> text = SignedNote.verifiedText(note, key);
            if (text.isEmpty()) {
                throw new IllegalStateException(file + " carries no valid signature by " + key.name()
                        + ": it is not a checkpoint of this log, or it was altered");
            }
            Checkpoint checkpoint = Checkpoint.parse(text.get());
            if (!checkpoint.origin().equals(settings.logOrigin())) {
                throw new IllegalStateException(file + " is a checkpoint of log " + checkpoint.origin()
                        + ", not of " + settings.logOrigin() + " (ARCHIVE_LOG_ORIGIN)");
            }
            checkpoints.add(checkpoint);
        }
        return checkpoints;
    }

    private static String ownKey(ArchiveSettings settings) {
        if (!Files.exists(settings.logKey())) {
            throw new IllegalStateException("no log key at " + settings.logKey() + " (ARCHIVE_LOG_KEY); give the "
                    + "log's verifier key with --key");
        }
        return LogKeyFile.loadOrCreate(settings.logKey(), settings.logOrigin()).verifierKey();
    }
}
