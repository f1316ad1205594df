package io.hivematrix.archive.cli;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.backup.BackupFile;
import io.hivematrix.archive.adapter.postgres.backup.BackupManifest;
import io.hivematrix.archive.adapter.postgres.backup.PostgresRestore;
import io.hivematrix.archive.adapter.postgres.backup.RestoreRefusedException;
import io.hivematrix.archive.application.port.in.AuditTrail;
import io.hivematrix.archive.boot.ArchiveSettings;
import io.hivematrix.archive.boot.ArchiveDatabase;
import io.hivematrix.archive.boot.DatabaseRoles;
import io.hivematrix.archive.boot.Wiring;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code archive restore FILE}: checks a backup through, loads it into an empty database, then verifies the audit
 * chain and compares what was restored with the backup's manifest.
 */
@Command(name = "restore", description = {
    "Restore a backup into an empty database, then verify it against the backup.",
    "The file is checked through first; the target may be embedded or external. After loading, the audit chain",
    "is verified and its head and every table's rows are compared with the backup's manifest.",
    "Exit 0 when all matches, 1 when something differs (named) or the load failed,",
    "2 when refused with nothing written: a damaged or unknown file, a non-empty target, a running service."})
final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file to restore.")
    Path file;

    @Override
    public Integer call() {
        BackupFile backup;
        long started = System.nanoTime();
        try {
            // The whole file is checked before any database is touched: a damaged one changes nothing.
            backup = BackupFile.open(file, System.err::println);
        } catch (RestoreRefusedException e) {
            return refused(e.getMessage());
        }
        System.err.printf(Locale.ROOT, "restore: checked %s: %d parts, %,d bytes, in %.1f s%n", file,
                backup.manifest().tables().size(),
                backup.manifest().tables().stream().mapToLong(BackupManifest.TablePart::bytes).sum(), seconds(started));
        ArchiveSettings settings = ArchiveSettings.load();
        try (backup) {
            Optional<Integer> running = ArchiveDatabase.runningServicePort(settings);
            if (running.isPresent()) {
                return refused("a service is running on " + settings.dataDir() + " (its embedded PostgreSQL "
                        + "listens on port " + running.get() + "); stop the service first");
            }
            try (ArchiveDatabase opened = ArchiveDatabase.open(settings)) {
                DatabaseRoles roles = opened.roles();
                // The owner loads: the runtime role may not write the chain, and gets its grants once all is loaded.
                try (PostgresDatabase database = PostgresDatabase.connect(roles.owner())) {
                    int status = restore(database, backup, started);
                    if (roles.separate()) {
                        database.grantRuntimeRole(roles.runtime().user());
                    }
                    return status;
                }
            }
        } catch (RestoreRefusedException e) {
            return refused(e.getMessage());
        } catch (IOException | RuntimeException e) {
            System.err.println("archive restore: failed: " + BackupCommand.reason(e));
            return 1;
        }
    }

    private static int restore(PostgresDatabase database, BackupFile backup, long started) throws IOException {
        BackupManifest manifest = backup.manifest();
        long loading = System.nanoTime();
        PostgresRestore.Restored restored = PostgresRestore.restore(database, backup, System.err::println);
        System.err.printf(Locale.ROOT, "restore: loaded and migrated in %.1f s; verifying the audit chain%n",
                seconds(loading));
        long verifying = System.nanoTime();
        AuditTrail.Verification v = Wiring.auditTrail(database, Clock.systemUTC()).verify();
        long verifyMillis = (System.nanoTime() - verifying) / 1_000_000;
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("restored %s (written %s by Archive %s at schema version %s) in %d ms; schema now at "
                        + "version %s%n", backup.path(), manifest.createdAt(), manifest.archiveVersion(),
                manifest.schemaVersion(), millis, restored.toVersion());
        for (Map.Entry<String, Long> table : restored.rows().entrySet()) {
            System.out.printf(Locale.ROOT, "%-24s %,12d rows%n", table.getKey(), table.getValue());
        }
        BackupManifest.AuditHead head = BackupManifest.AuditHead.of(v.head());
        System.out.printf("checked %d link(s) in %d ms; head seq %d hash %s; %d snapshot(s), %d waiting to be sealed%n",
                v.checked(), verifyMillis, head.seq(), head.entryHash(), head.snapshots(), head.pending());

        List<String> problems = new ArrayList<>();
        if (!v.ok()) {
            AuditTrail.Broken b = v.firstBroken();
            problems.add(String.format("audit chain BROKEN at seq %d (invoice %s): %s; expected %s, found %s", b.seq(),
                    b.invoiceNumber(), b.problem(), b.expected(), b.found()));
        }
        problems.addAll(manifest.differences(head, restored.rows()));
        restored.missingGuards().forEach(g -> problems.add("guard trigger missing: " + g));
        if (problems.isEmpty()) {
            System.out.println("ok: the restored database matches the backup's manifest");
            return 0;
        }
        problems.forEach(p -> System.out.println("DIFFERS: " + p));
        System.out.println("the restored database does not match the backup; it is left as loaded, for inspection");
        return 1;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int refused(String why) {
        System.err.println("archive restore: refused, nothing written: " + why);
        return 2;
    }
}
