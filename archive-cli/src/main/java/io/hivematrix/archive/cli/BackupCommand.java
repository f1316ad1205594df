package io.hivematrix.archive.cli;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.backup.BackupManifest;
import io.hivematrix.archive.adapter.postgres.backup.BackupManifest.TablePart;
import io.hivematrix.archive.adapter.postgres.backup.BackupWriter;
import io.hivematrix.archive.boot.ArchiveSettings;
import io.hivematrix.archive.boot.ArchiveDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code archive backup FILE}: an online, consistent backup of every archive table into one zip file. */
@Command(name = "backup", description = {
    "Back up every archive table into FILE, online and consistent (the service keeps running).",
    "FILE is a zip of CSV parts and a manifest, read in one snapshot of the database.",
    "Exit 0 when written, 1 on failure, 2 when FILE exists or there is no database to back up."})
final class BackupCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file to write; it must not exist.")
    Path file;

    @Override
    public Integer call() {
        if (Files.exists(file)) {
            System.err.println("archive backup: " + file + " exists; give a new file name");
            return 2;
        }
        if (file.toAbsolutePath().getParent() == null || !Files.isDirectory(file.toAbsolutePath().getParent())) {
            System.err.println("archive backup: the directory of " + file + " does not exist");
            return 2;
        }
        ArchiveSettings settings = ArchiveSettings.load();
        ArchiveDatabase opened = null;
        try {
            DatabaseSettings target;
            Optional<Integer> running = ArchiveDatabase.runningServicePort(settings);
            if (running.isPresent()) {
                // Online: the service's own embedded server answers alongside it.
                target = ArchiveDatabase.runningService(settings, running.get());
            } else if (!ArchiveDatabase.exists(settings)) {
                System.err.println("archive backup: there is no embedded database in " + settings.dataDir()
                        + " (set ARCHIVE_DATA_DIR, or ARCHIVE_DB_URL for an external server)");
                return 2;
            } else {
                opened = ArchiveDatabase.open(settings);
                target = opened.roles().runtime();
            }
            long started = System.nanoTime();
            BackupManifest manifest;
            try (PostgresDatabase database = PostgresDatabase.connect(target)) {
                manifest = BackupWriter.write(database, file, Main.VERSION, System.err::println);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            for (TablePart part : manifest.tables()) {
                System.out.printf(Locale.ROOT, "%-24s %,12d rows %,16d bytes  sha256 %s%n", part.name(), part.rows(),
                        part.bytes(), part.sha256());
            }
            BackupManifest.AuditHead head = manifest.auditHead();
            System.out.printf(Locale.ROOT, "wrote %s (%,d bytes) in %d ms: schema version %s; audit head seq %d hash %s; "
                            + "%d snapshot(s), %d waiting to be sealed%n", file, Files.size(file), millis,
                    manifest.schemaVersion(), head.seq(), head.entryHash(), head.snapshots(), head.pending());
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("archive backup: failed, no backup written: " + reason(e));
            return 1;
        } finally {
            if (opened != null) {
                opened.close();
            }
        }
    }

    /** A failure in one line: its message and, when it wraps one, the innermost cause's (the driver's, say). */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (root != failure && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message.lines().findFirst().orElse(message);
    }
}
