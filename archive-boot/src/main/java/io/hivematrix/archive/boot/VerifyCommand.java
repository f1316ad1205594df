package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.application.port.in.AuditTrail;
import io.hivematrix.archive.domain.AuditLink;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code archive verify}: recomputes every fingerprint and link; exits 1 naming the first broken record. */
@Command(name = "verify", description = "Verify the audit chain: every snapshot's hashes and every link. Exit 1 if broken.")
final class VerifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ArchiveSettings settings = ArchiveSettings.load();
        EmbeddedDatabase embedded = settings.dbUrl().isEmpty() ? EmbeddedDatabase.start(settings.dataDir()) : null;
        try (PostgresDatabase database = PostgresDatabase.connect(Wiring.databaseSettings(settings, embedded))) {
            database.migrate();
            long started = System.nanoTime();
            AuditTrail.Verification v = Wiring.auditTrail(database, Clock.systemUTC()).verify();
            long millis = (System.nanoTime() - started) / 1_000_000;
            AuditLink last = v.head().last();
            System.out.printf("checked %d link(s) in %d ms; head seq %d hash %s; %d snapshot(s), %d waiting to be sealed%n",
                    v.checked(), millis, last == null ? 0 : last.seq(), last == null ? AuditLink.GENESIS : last.entryHash(),
                    v.head().snapshots(), v.head().pending());
            if (v.ok()) {
                System.out.println("ok");
                return 0;
            }
            AuditTrail.Broken b = v.firstBroken();
            System.out.printf("BROKEN at seq %d (invoice %s): %s%n  expected %s%n  found    %s%n", b.seq(),
                    b.invoiceNumber(), b.problem(), b.expected(), b.found());
            return 1;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
