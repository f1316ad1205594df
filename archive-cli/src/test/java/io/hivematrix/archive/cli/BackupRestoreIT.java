package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.WebServer;
import io.hivematrix.archive.adapter.ledger.LedgerClients;
import io.hivematrix.archive.adapter.ledger.NeighbourSettings;
import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.OldSchemaSnapshots;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.adapter.quartz.QuartzSchedule;
import io.hivematrix.archive.adapter.rest.ArchiveApi;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.embedded.EmbeddedDatabase;
import io.hivematrix.archive.testkit.RecordingScheduleTrigger;
import io.hivematrix.archive.adapter.rest.routes.ExportLimits;
import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.boot.DatabaseRoles;
import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import io.hivematrix.archive.boot.Wiring;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Charges;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.SchedulePolicy;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.Terms;
import io.hivematrix.archive.domain.Usage;
import io.hivematrix.archive.domain.SnapshotJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code archive backup} and {@code archive restore} against real PostgreSQL: a round trip of 10,000 snapshots that
 * the HTTP API cannot tell from the original, embedded ↔ external and back, and files or targets that are refused
 * with nothing written.
 */
class BackupRestoreIT {
    private static final int SNAPSHOTS = 10_000;
    private static final int SEALED = 9_000;
    private static final int OVER_HTTP = 50;
    private static final int ACCOUNTS = 400;
    private static final Instant T0 = Instant.parse("2025-11-01T02:00:00.123456Z");
    private static final String[] NAMES = {"Acme Corp", "Ünïcode Straße GmbH", "Comma, Quote \"and\" Co",
        "Back\\slash Inc", "100% Pure_Water", "Zeta Partners", "Ωmega Ltd"};
    private static final String[] KEYS = {"ARCHIVE_DB_URL", "ARCHIVE_DB_USER", "ARCHIVE_DB_PASSWORD", "ARCHIVE_DATA_DIR"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;

    private static DevSigningKey key;
    private static DatabaseSettings sourceSettings;
    private static PostgresDatabase source;
    private static Api sourceApi;
    private static Path backup;
    private static List<String> invoices;
    private static List<UUID> jobIds;

    /** A small archive (a few sealed, a few pending, a job) whose backup the refusal tests damage in various ways. */
    private static Path smallBackup;
    /** Held, so that its level sticks: 40,000 compared requests need no log line each. */
    private static final java.util.logging.Logger REQUEST_LOG = java.util.logging.Logger.getLogger(
            "io.hivematrix.archive.requests");

    @BeforeAll
    static void fillAndBackUp() throws Exception {
        REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
        key = DevSigningKey.loadOrCreate(dir.resolve("keys"));
        sourceSettings = TestPostgres.newDatabase("BackupRestoreIT_source");
        source = PostgresDatabase.connect(sourceSettings);
        source.migrate();
        sourceApi = new Api(source);
        long started = System.nanoTime();
        invoices = Collections.synchronizedList(new ArrayList<>());
        save(source, 0, SEALED);
        assertEquals(SEALED, Wiring.auditTrail(source, Clock.systemUTC()).sealPending());
        save(source, SEALED, SNAPSHOTS - OVER_HTTP);
        createOverHttp(sourceApi, OVER_HTTP);
        jobIds = addJobsAndSchedule(source);
        System.out.printf("BackupRestoreIT: %d snapshots stored in %d ms%n", invoices.size(),
                (System.nanoTime() - started) / 1_000_000);
        assertEquals(SNAPSHOTS, invoices.size());

        backup = dir.resolve("archive.zip");
        CliRun result = cli(external(sourceSettings), "backup", backup.toString());
        assertEquals(0, result.code(), result.all());
        assertTrue(result.err().contains("backup: billing_snapshots (2 of 11): 10,000 rows"), result.err());

        DatabaseSettings small = TestPostgres.newDatabase("BackupRestoreIT_small");
        try (PostgresDatabase db = PostgresDatabase.connect(small)) {
            db.migrate();
            for (int i = 0; i < 6; i++) {
                db.snapshotStore().save(bill(i), ReceivedBody.of(body(i)), archivedAt(i), null);
            }
            Wiring.auditTrail(db, Clock.systemUTC()).sealPending();
            for (int i = 6; i < 9; i++) {
                db.snapshotStore().save(bill(i), ReceivedBody.of(body(i)), archivedAt(i), null);
            }
            addJobsAndSchedule(db);
        }
        smallBackup = dir.resolve("small.zip");
        CliRun smallResult = cli(external(small), "backup", smallBackup.toString());
        assertEquals(0, smallResult.code(), smallResult.all());
    }

    @AfterAll
    static void close() {
        REQUEST_LOG.setLevel(null);
        if (sourceApi != null) {
            sourceApi.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @AfterEach
    void clearSettings() {
        for (String k : KEYS) {
            System.clearProperty(k);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Round trips

    @Test
    void backupThenRestore_servesEverySnapshotCsvSearchJobAndTheAuditHead_byteForByte() throws Exception {
        JsonNode manifest = manifest(backup);
        assertEquals("hivematrix-archive-backup", manifest.get("format").asText());
        assertEquals(1, manifest.get("format_version").asInt());
        assertEquals(SEALED, manifest.get("audit_head").get("seq").asLong());
        assertEquals(SNAPSHOTS, manifest.get("audit_head").get("snapshots").asLong());
        assertEquals(SNAPSHOTS - SEALED, manifest.get("audit_head").get("pending").asLong());

        DatabaseSettings target = TestPostgres.newDatabase("BackupRestoreIT_restored");
        CliRun restored = cli(external(target), "restore", backup.toString());
        assertEquals(0, restored.code(), restored.all());
        assertTrue(restored.out().contains("ok: the restored database matches the backup's manifest"), restored.out());
        assertTrue(restored.out().matches("(?s).*billing_snapshots\\s+10,000 rows.*"), restored.out());
        assertTrue(restored.out().matches("(?s).*checked " + SEALED + " link\\(s\\) in \\d+ ms; head seq " + SEALED + " .*"), restored.out());

        try (PostgresDatabase copy = PostgresDatabase.connect(target); Api copyApi = new Api(copy)) {
            List<String> differences = compareApis(sourceApi, copyApi);
            assertTrue(differences.isEmpty(), differences.size() + " difference(s), e.g. " + differences.stream()
                    .limit(5).toList());

            // The same Idempotency-Key and body replays the original 201 on both, creating nothing.
            String replayBody = httpBody(SNAPSHOTS - 1);
            Got first = sourceApi.post("/api/snapshot", replayBody, "http-key-" + (SNAPSHOTS - 1));
            Got again = copyApi.post("/api/snapshot", replayBody, "http-key-" + (SNAPSHOTS - 1));
            assertEquals(201, again.status(), again.text());
            assertEquals(first.text(), again.text());
            assertEquals(SNAPSHOTS, count(copy, "billing_snapshots"));

            // Every snapshot kept the archive time the source's database stamped (the restore switched the stamping
            // trigger off while loading), and new snapshots are stamped again.
            String archiveTimes = "SELECT md5(string_agg(invoice_number || '@' || archived_at::text, ',' ORDER BY id))"
                    + " FROM billing_snapshots";
            assertEquals(text(source, archiveTimes), text(copy, archiveTimes));

            // The monthly totals are not in the backup: the bills rebuilt them as they loaded (V14's trigger).
            String periodTotals = "SELECT md5(string_agg(t::text, ',' ORDER BY t.billing_year, t.billing_month, t.shard))"
                    + " FROM period_totals t";
            assertEquals(text(source, periodTotals), text(copy, periodTotals));
            assertFalse(manifest.toString().contains("period_totals"));

            // Guards are in place: archived rows still cannot change.
            SQLException refused = assertThrows(SQLException.class, () -> execute(copy, "UPDATE billing_snapshots SET notes = 'x'"));
            assertTrue(refused.getMessage().contains("archived records are immutable"), refused.getMessage());

            // Ids continue after the restored ones.
            long maxId = longValue(copy, "SELECT max(id) FROM billing_snapshots");
            var added = (SnapshotStore.SaveResult.Saved) copy.snapshotStore().save(bill(SNAPSHOTS + 1),
                    ReceivedBody.of(body(SNAPSHOTS + 1)), T0, null);
            assertEquals(maxId + 1, longValue(copy, "SELECT id FROM billing_snapshots WHERE invoice_number = '"
                    + bill(SNAPSHOTS + 1).invoiceNumber().value() + "'"));
            assertTrue(added.snapshot().archivedAt().isAfter(T0), "after the restore the database stamps its clock "
                    + "again: " + added.snapshot().archivedAt());

            // Quartz's tables are not in the backup: the scheduler places its trigger from the restored policy.
            var policy = copy.scheduleStore().load(ZoneId.systemDefault()).policy();
            QuartzSchedule quartz = QuartzSchedule.start(copy.dataSource(), copyApi.runs,
                    () -> copy.scheduleStore().load(ZoneId.systemDefault()).policy(), Clock.systemUTC(),
                    "backup-restore-it", Duration.ofSeconds(15));
            try {
                Instant next = quartz.nextFireTime();
                assertNotNull(next, "the restored schedule has a trigger");
                assertEquals(policy.nextFireAfter(Instant.now()).orElseThrow().toInstant(), next);
            } finally {
                quartz.close();
            }
        }
    }

    @Test
    void externalToEmbeddedToExternal_restoresTheSameTables_byteForByte() throws Exception {
        Path embeddedDir = dir.resolve("embedded-a");
        CliRun intoEmbedded = cli(embedded(embeddedDir), "restore", backup.toString());
        assertEquals(0, intoEmbedded.code(), intoEmbedded.all());

        Path fromEmbedded = dir.resolve("from-embedded.zip");
        CliRun backupEmbedded = cli(embedded(embeddedDir), "backup", fromEmbedded.toString());
        assertEquals(0, backupEmbedded.code(), backupEmbedded.all());

        DatabaseSettings external = TestPostgres.newDatabase("BackupRestoreIT_back_out");
        CliRun outAgain = cli(external(external), "restore", fromEmbedded.toString());
        assertEquals(0, outAgain.code(), outAgain.all());

        Path fromExternal = dir.resolve("from-external.zip");
        assertEquals(0, cli(external(external), "backup", fromExternal.toString()).code());

        Path embeddedAgain = dir.resolve("embedded-b");
        CliRun intoEmbeddedAgain = cli(embedded(embeddedAgain), "restore", fromExternal.toString());
        assertEquals(0, intoEmbeddedAgain.code(), intoEmbeddedAgain.all());

        JsonNode original = manifest(backup);
        for (Path copy : List.of(fromEmbedded, fromExternal)) {
            JsonNode m = manifest(copy);
            assertEquals(original.get("audit_head"), m.get("audit_head"), copy.toString());
            assertEquals(original.get("schema_version"), m.get("schema_version"));
            for (int i = 0; i < original.get("tables").size(); i++) {
                JsonNode part = original.get("tables").get(i);
                assertEquals(part, m.get("tables").get(i), part.get("name").asText() + " of " + copy
                        + " has the same columns, rows, bytes and SHA-256 as the original's");
            }
            assertEquals(original.get("tables").size(), m.get("tables").size());
        }
    }

    @Test
    void backupWhileSnapshotsArriveAndAreSealed_isOneConsistentSnapshot() throws Exception {
        DatabaseSettings busy = TestPostgres.newDatabase("BackupRestoreIT_busy");
        try (PostgresDatabase db = PostgresDatabase.connect(busy)) {
            db.migrate();
            for (int i = 0; i < 1_000; i++) {
                db.snapshotStore().save(bill(i), ReceivedBody.of(body(i)), archivedAt(i), null);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            var audit = Wiring.auditTrail(db, Clock.systemUTC());
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 1_000; !stop.get(); i++) {
                    db.snapshotStore().save(bill(i), ReceivedBody.of(body(i)), archivedAt(i), null);
                    written.incrementAndGet();
                    if (i % 7 == 0) {
                        audit.sealPending();
                    }
                }
            });
            Path file = dir.resolve("busy.zip");
            CliRun result;
            try {
                while (written.get() < 20) {
                    Thread.sleep(5);
                }
                result = cli(external(busy), "backup", file.toString());
                int after = written.get();
                while (written.get() < after + 5) {
                    Thread.sleep(5);
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertEquals(0, result.code(), result.all());
            JsonNode m = manifest(file);
            JsonNode head = m.get("audit_head");
            long snapshots = head.get("snapshots").asLong();
            assertTrue(snapshots < count(db, "billing_snapshots"), "writes went on after the backup's snapshot");
            assertEquals(snapshots, rows(m, "billing_snapshots"));
            assertEquals(head.get("pending").asLong(), rows(m, "audit_pending"));
            assertEquals(head.get("seq").asLong(), rows(m, "audit_chain"));
            assertEquals(snapshots, head.get("seq").asLong() + head.get("pending").asLong(),
                    "every snapshot in the backup is either sealed or waiting, in the same snapshot");

            DatabaseSettings target = TestPostgres.newDatabase("BackupRestoreIT_busy_restored");
            CliRun restored = cli(external(target), "restore", file.toString());
            assertEquals(0, restored.code(), restored.all());
        }
    }

    @Test
    void aBackupFromAnOlderSchema_isLoadedAtItsVersion_thenMigratedToTheLatest() throws Exception {
        DatabaseSettings old = TestPostgres.newDatabase("BackupRestoreIT_v7");
        try (PostgresDatabase db = PostgresDatabase.connect(old)) {
            db.migrateTo("7"); // before snapshot_company_names (V8) existed
            for (int i = 0; i < 5; i++) {
                // As the store of that version wrote it: today's writes a column V7 does not have.
                OldSchemaSnapshots.save(db.dataSource(), bill(i).withSubmittedBy(null), body(i), archivedAt(i));
            }
            // Left waiting to be sealed: today's sealer also writes the transparency log, which V7 does not have.
        }
        Path file = dir.resolve("v7.zip");
        assertEquals(0, cli(external(old), "backup", file.toString()).code());
        JsonNode m = manifest(file);
        assertEquals("7", m.get("schema_version").asText());
        assertFalse(m.toString().contains("snapshot_company_names"));

        DatabaseSettings target = TestPostgres.newDatabase("BackupRestoreIT_v7_restored");
        CliRun restored = cli(external(target), "restore", file.toString());
        assertEquals(0, restored.code(), restored.all());
        assertTrue(restored.out().contains("at schema version 7"), restored.out());
        try (PostgresDatabase db = PostgresDatabase.connect(target)) {
            assertEquals(Optional.of(db.latestMigrationVersion()), db.schemaVersion());
            // V8 filled the name table from the loaded snapshots.
            assertEquals(5, count(db, "snapshot_company_names"));
            // V13 added submitted_by after the load: the old bills have none, and kept their archive times.
            assertEquals(0, longValue(db, "SELECT count(submitted_by) FROM billing_snapshots"));
            for (int i = 0; i < 5; i++) {
                ArchivedSnapshot read = db.snapshotStore().findByInvoiceNumber(bill(i).invoiceNumber()).orElseThrow();
                assertEquals(bill(i).withSubmittedBy(null), read.snapshot());
                assertEquals(archivedAt(i), read.archivedAt());
            }
            // Sealed now, their old-shape fingerprints verify.
            assertEquals(5, Wiring.auditTrail(db, Clock.systemUTC()).sealPending());
            var verification = Wiring.auditTrail(db, Clock.systemUTC()).verify();
            assertTrue(verification.ok(), () -> "broken: " + verification.firstBroken());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Refusals: each leaves the target with nothing written

    @Test
    void aByteFlippedInsideATablePart_isRefused_andNothingIsWritten() throws Exception {
        Path damaged = copyOf(smallBackup, "flipped.zip");
        long offset = offsetInside(damaged, "tables/billing_snapshots.csv");
        try (RandomAccessFile raf = new RandomAccessFile(damaged.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x20);
        }
        assertRefused(damaged, "tables/billing_snapshots.csv", "damaged");
    }

    @Test
    void aPartChangedInsideAReadableZip_isRefusedByItsSha256() throws Exception {
        Path altered = rewrite(smallBackup, "altered.zip", Map.of("tables/billing_snapshots.csv",
                csv -> replaceFirst(csv, "Acme Corp", "Acme Corq")));
        assertRefused(altered, "tables/billing_snapshots.csv does not match its SHA-256 in the manifest", "altered");
    }

    @Test
    void aTruncatedFile_isRefused_andNothingIsWritten() throws Exception {
        Path cut = copyOf(smallBackup, "cut.zip");
        try (RandomAccessFile raf = new RandomAccessFile(cut.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        assertRefused(cut, "is not a complete backup file", "cut short");
    }

    @Test
    void aManifestWhoseChecksumDoesNotMatch_isRefused_andNothingIsWritten() throws Exception {
        Path wrong = withManifest(smallBackup, "wrong-sha.zip", m -> {
            ObjectNode part = part(m, "audit_chain");
            part.put("sha256", "0".repeat(64));
        });
        assertRefused(wrong, "tables/audit_chain.csv does not match its SHA-256 in the manifest", "expected "
                + "0".repeat(64));
    }

    @Test
    void anUnknownFormatVersion_isRefused_andNothingIsWritten() throws Exception {
        Path future = withManifest(smallBackup, "v2.zip", m -> m.put("format_version", 2));
        assertRefused(future, "backup format version 2 is not one this Archive reads", "it reads version 1");
    }

    @Test
    void aFileWithoutAManifest_isRefused_andNothingIsWritten() throws Exception {
        Path bare = rewrite(smallBackup, "bare.zip", Map.of("manifest.json", m -> null));
        assertRefused(bare, "has no manifest.json", "not an Archive backup");
    }

    @Test
    void aBackupOfANewerSchema_isRefused_andNothingIsWritten() throws Exception {
        Path newer = withManifest(smallBackup, "newer.zip", m -> m.put("schema_version", "999"));
        assertRefused(newer, "schema version 999 is newer than this Archive knows", "newer Archive");
    }

    @Test
    void aNonEmptyTarget_isRefused_namingTheTable_andLeftAsItWas() throws Exception {
        DatabaseSettings busy = TestPostgres.newDatabase("BackupRestoreIT_not_empty");
        try (PostgresDatabase db = PostgresDatabase.connect(busy)) {
            db.migrate();
            db.snapshotStore().save(bill(1), ReceivedBody.of(body(1)), archivedAt(1), null);
            String before = fingerprint(db);
            CliRun result = cli(external(busy), "restore", smallBackup.toString());
            assertEquals(2, result.code(), result.all());
            assertTrue(result.err().contains("the target database is not empty: tables snapshot_company_names, "
                            + "billing_snapshots, snapshot_line_items, audit_pending have rows"),
                    result.err());
            assertEquals(before, fingerprint(db), "the target is unchanged");
        }
    }

    @Test
    void aChainAlteredWithItsChecksumRecomputed_isRestored_butExits1NamingWhatDiffers() throws Exception {
        // Someone edits a link's hash and fixes up the manifest: the file is "sound", the data is not.
        Path forged = rewriteWithChecksums(smallBackup, "forged.zip", "tables/audit_chain.csv", csv -> {
            String text = new String(csv, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            String[] fields = lines[3].split(",", -1); // the third link
            int entryHash = List.of(lines[0].split(",")).indexOf("entry_hash");
            fields[entryHash] = "f".repeat(64);
            lines[3] = String.join(",", fields);
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        });
        DatabaseSettings target = TestPostgres.newDatabase("BackupRestoreIT_forged");
        CliRun result = cli(external(target), "restore", forged.toString());
        assertEquals(1, result.code(), result.all());
        assertTrue(result.out().contains("DIFFERS: audit chain BROKEN at seq 3"), result.out());
        assertTrue(result.out().contains("left as loaded, for inspection"), result.out());
    }

    @Test
    void restoreIntoAnEmbeddedDirectoryWhoseServiceRuns_isRefused_whileBackupUsesThatServer() throws Exception {
        Path running = dir.resolve("running");
        try (EmbeddedDatabase server = EmbeddedDatabase.start(running)) {
            DatabaseRoles.of(CliFixtures.embeddedSettings(running), server).migrate(); // as the service would
            PostgresDatabase db = PostgresDatabase.connect(server.settings(2));
            db.snapshotStore().save(bill(1), ReceivedBody.of(body(1)), archivedAt(1), null);

            Path file = dir.resolve("from-running.zip");
            // A second start on this directory would fail: the backup succeeds only by using the running server.
            CliRun backedUp = cli(embedded(running), "backup", file.toString());
            assertEquals(0, backedUp.code(), backedUp.all());
            assertEquals(1, rows(manifest(file), "billing_snapshots"));

            CliRun result = cli(embedded(running), "restore", smallBackup.toString());
            assertEquals(2, result.code(), result.all());
            assertTrue(result.err().contains("stop the service first"), result.err());
            assertEquals(1, count(db, "billing_snapshots"));
            db.close();
        }
    }

    @Test
    void backupToAnExistingFile_isRefused_andTheFileIsLeftAlone() throws Exception {
        Path existing = Files.writeString(dir.resolve("existing.zip"), "keep me");
        CliRun result = cli(external(sourceSettings), "backup", existing.toString());
        assertEquals(2, result.code(), result.all());
        assertTrue(result.err().contains("exists"), result.err());
        assertEquals("keep me", Files.readString(existing));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The data

    /** The {@code i}-th bill: 400 accounts × 25 periods, names with quotes, commas and non-ASCII, 0-4 line items. */
    static Snapshot bill(int i) {
        String account = String.format("B%04d", i % ACCOUNTS);
        int monthIndex = i / ACCOUNTS;
        BillingPeriod period = new BillingPeriod(2023 + monthIndex / 12, 1 + monthIndex % 12);
        String invoice = account + "-" + period.year() + String.format("%02d", period.month());
        String name = NAMES[i % NAMES.length] + (i % 3 == 0 ? " " + account : "");
        Money total = Money.of(String.format("%d.%02d", i % 9_000 - 50, i % 100));
        List<LineItem> items = new ArrayList<>();
        for (int n = 0; n < i % 5; n++) {
            items.add(new LineItem(LineType.values()[n % LineType.values().length], "Item " + n + " of " + invoice,
                    n % 2 == 0 ? null : "Line \"" + n + "\", with a comma\nand a second line",
                    new BigDecimal("1.5").add(BigDecimal.valueOf(n)), new BigDecimal("123.456789"),
                    Money.of(String.format("%d.%02d", 10 + n, i % 100))));
        }
        LocalDate invoiceDate = i % 11 == 0 ? null : LocalDate.of(period.year(), period.month(), 1).plusMonths(1)
                .minusDays(1);
        String notes = i % 7 == 0 ? null : "Note for " + invoice + ": \"quoted\", commas,\r\nCRLF, a lone marker\n\\.\n";
        String billingData = "{\"client\":{\"account_number\":\"" + account + "\",\"name\":\"Co " + i
                + "\"},\"total\":" + total.amount().toPlainString() + "}";
        String csv = "InvoiceNo,Customer,Amount\r\n" + invoice + ",\"" + name.replace("\"", "\"\"") + "\","
                + total.amount().toPlainString() + "\r\n";
        return new Snapshot(new InvoiceNumber(invoice), new AccountNumber(account), name, period, invoiceDate,
                invoiceDate == null ? null : invoiceDate.plusDays(30),
                new Terms(i % 4 == 0 ? null : "MSP Gold", "1-Year", "All Inclusive"),
                new Charges(total, Money.of("1.00"), Money.of("0.30"), Money.of("0"), Money.of("12.34"),
                        Money.of("-8.94")),
                new Usage(i % 50, i % 30, new BigDecimal(i % 10 + ".25")), billingData, csv, items,
                i % 2 == 0 ? "service:ledger" : "user:ann@example.com", notes,
                // Some without a submitter, as bills archived before it was recorded are.
                i % 5 == 0 ? null : i % 2 == 0 ? "service:ledger" : "user:ann@example.com");
    }

    /** The body "as received": odd on purpose (a lone \. line is COPY's end-of-data marker in text form). */
    static String body(int i) {
        return "{\"i\":" + i + ",\"text\":\"quoted \\\"x\\\", comma\"}\n\\.\n\r\ntrailing " + "ü".repeat(i % 3);
    }

    /** Microsecond times (what PostgreSQL keeps) spread over months, some shared. */
    static Instant archivedAt(int i) {
        return T0.plus((long) (i % 9_973) * 1_234_567L, ChronoUnit.MICROS);
    }

    private static void save(PostgresDatabase db, int from, int to) throws Exception {
        SnapshotStore store = db.snapshotStore();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = from + t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < to; i += 4) {
                        Snapshot bill = bill(i);
                        IdempotencyKey idem = i % 10 == 0
                                ? new IdempotencyKey("service:ledger", "key-" + i, sha256(body(i))) : null;
                        assertTrue(store.save(bill, ReceivedBody.of(body(i)), archivedAt(i),
                                idem) instanceof SnapshotStore.SaveResult.Saved,
                                bill.invoiceNumber().value());
                        invoices.add(bill.invoiceNumber().value());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static String httpBody(int i) throws IOException {
        ObjectNode body = (ObjectNode) JSON.readTree(CliFixtures.fixture("ledger-snapshot-620547-202510.json"));
        String account = String.format("H%04d", i);
        body.put("company_account_number", account);
        body.put("invoice_number", account + "-202510");
        body.put("company_name", NAMES[i % NAMES.length]);
        return JSON.writeValueAsString(body);
    }

    private static void createOverHttp(Api api, int count) throws Exception {
        for (int i = SNAPSHOTS - count; i < SNAPSHOTS; i++) {
            Got created = api.post("/api/snapshot", httpBody(i), "http-key-" + i);
            assertEquals(201, created.status(), created.text());
            invoices.add(String.format("H%04d", i) + "-202510");
        }
    }

    /** {@code job} with {@code account} archived on Ledger's "201", from {@code from} to {@code to} seconds after T0. */
    private static SnapshotJob archived(SnapshotJob job, String account, String name, int attempts, String invoice,
            long from, long to) {
        return job.recordSuccess(new AccountNumber(account), name, "201", attempts, 201, invoice, T0.plusSeconds(from),
                T0.plusSeconds(to));
    }

    /** A finished partial job, a completed one, a retry of the first (retry_of), one still running, and a schedule. */
    private static List<UUID> addJobsAndSchedule(PostgresDatabase db) throws SQLException {
        JobStore jobs = db.jobStore();
        SnapshotJob partial = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, new BillingPeriod(2025, 9), 3,
                        "user:ann@example.com", T0)
                .recordSuccess(new AccountNumber("B0001"), "Comma, Quote \"and\" Co", "201 created", 1, 201,
                        "B0001-202509", T0.plusMillis(1), T0.plusMillis(250))
                .recordFailure(new AccountNumber("B0002"), null, "Ledger answered 502\nBad Gateway, \"twice\"", 4, 502,
                        T0.plusMillis(2), T0.plusSeconds(30))
                .recordSuccess(new AccountNumber("B0003"), "Ünïcode Straße GmbH", null, 0, null, "B0003-202509",
                        T0.plusMillis(3), T0.plusMillis(3))
                .finish(T0.plusSeconds(90));
        SnapshotJob completed = archived(SnapshotJob.start(UUID.randomUUID(), JobType.SCHEDULED,
                new BillingPeriod(2025, 10), 2, "scheduler", T0.plusSeconds(3_600)),
                "B0004", "Acme Corp", 1, "B0004-202510", 3_601, 3_602);
        completed = archived(completed, "B0005", "Zeta Partners", 2, "B0005-202510", 3_601, 3_605)
                .finish(T0.plusSeconds(3_700));
        SnapshotJob retry = archived(SnapshotJob.start(UUID.randomUUID(), JobType.RETRY, new BillingPeriod(2025, 9), 1,
                "user:admin@example.com", T0.plusSeconds(7_200)),
                "B0002", "Back\\slash Inc", 1, "B0002-202509", 7_201, 7_202).finish(T0.plusSeconds(7_300));
        SnapshotJob running = SnapshotJob.start(UUID.randomUUID(), JobType.BULK, new BillingPeriod(2025, 8), 5,
                "user:admin@example.com", T0.plusSeconds(9_000));
        for (SnapshotJob job : List.of(partial, completed, retry, running)) {
            assertTrue(jobs.create(job));
        }
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE snapshot_jobs SET retry_of = ? WHERE id = ?")) {
            st.setObject(1, partial.id());
            st.setObject(2, retry.id());
            st.executeUpdate();
        }
        db.scheduleStore().save(new SchedulePolicy(true, 5, 3, ZoneId.of("Europe/Berlin"), true, false));
        db.scheduleStore().recordRun(T0.plusSeconds(3_700), "partial", 2);
        return List.of(partial.id(), completed.id(), retry.id(), running.id());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Comparing two running APIs

    /**
     * Every read the API offers, asked of both: each snapshot's JSON (body and ETag) and CSV (body and headers), every
     * search page, filtered searches, each company's history, totals, the full export, the audit head and verify, the
     * schedule, the job list and each job. Returns what differs.
     */
    private static List<String> compareApis(Api a, Api b) throws Exception {
        Queue<String> differences = new ConcurrentLinkedQueue<>();
        List<String> paths = new ArrayList<>();
        for (String invoice : invoices) {
            paths.add("/api/snapshot/" + invoice);
            paths.add("/api/snapshot/" + invoice + "/csv");
        }
        Set<String> accounts = new TreeSet<>();
        invoices.forEach(inv -> accounts.add(inv.substring(0, inv.indexOf('-'))));
        accounts.forEach(acct -> paths.add("/api/snapshots/company/" + acct + "?limit=100"));
        paths.addAll(List.of("/api/snapshots/totals", "/api/snapshots/export.csv", "/api/audit/head",
                "/api/audit/verify", "/api/scheduler/config", "/api/scheduler/jobs?limit=100",
                "/api/snapshots/search?company=" + URLEncoder.encode("ünïcode", StandardCharsets.UTF_8),
                "/api/snapshots/search?year=2024&month=3&limit=1000", "/api/snapshots/search?min_total=100&max_total=200",
                "/api/snapshots/search?from_period=2024-06&to_period=2024-07&limit=1000&offset=50"));
        jobIds.forEach(id -> paths.add("/api/scheduler/jobs/" + id));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < paths.size(); i += 4) {
                        compare(a, b, paths.get(i), differences);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        // Every page of the unfiltered search, walked by cursor.
        String path = "/api/snapshots/search?limit=1000";
        int pages = 0;
        while (path != null) {
            Got page = compare(a, b, path, differences);
            JsonNode next = JSON.readTree(page.body()).get("next_cursor");
            path = next == null || next.isNull() ? null
                    : "/api/snapshots/search?limit=1000&cursor=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
            pages++;
        }
        assertTrue(pages >= SNAPSHOTS / 1000, "walked every page: " + pages);
        return new ArrayList<>(differences);
    }

    private static Got compare(Api a, Api b, String path, Queue<String> differences) throws Exception {
        Got x = a.get(path);
        Got y = b.get(path);
        if (x.status() != 200) {
            differences.add(path + " answered " + x.status() + " on the original");
        }
        if (x.status() != y.status()) {
            differences.add(path + ": status " + x.status() + " vs " + y.status());
        } else if (!java.util.Arrays.equals(x.body(), y.body())) {
            differences.add(path + ": bodies differ");
        } else if (!x.headers().equals(y.headers())) {
            differences.add(path + ": headers " + x.headers() + " vs " + y.headers());
        }
        return x;
    }

    /** An HTTP answer: status, the headers that describe the content, and the body. */
    record Got(int status, Map<String, Optional<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The whole API over one database, on a real socket, with the test's signing key. */
    static final class Api implements AutoCloseable {
        final WebServer server;
        final LedgerClients neighbours;
        final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();
        final io.hivematrix.archive.application.service.RunSnapshotsService runs;
        private final String admin = "Bearer " + key.userToken("admin@example.com", "admin", "admin",
                Duration.ofHours(1));
        private final String ledger = "Bearer " + key.serviceToken("ledger", Duration.ofHours(1));

        Api(PostgresDatabase db) {
            neighbours = LedgerClients.create(new NeighbourSettings(Optional.empty(), Optional.empty(),
                    Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(2)));
            runs = Wiring.runs(db, neighbours.directory(), neighbours.ledger(), 4, Clock.systemUTC(), runner);
            ArchiveApi api = Wiring.api(db, Clock.systemUTC(), TokenVerifier.forKeys(key.publicKeys()),
                    ArchiveApi.DEFAULT_SNAPSHOT_WRITERS, ArchiveApi.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(1), runs,
                    Wiring.schedule(db, new RecordingScheduleTrigger(), Clock.systemUTC()),
                    ExportLimits.DEFAULT, CliFixtures.LOG_KEY);
            server = WebServer.builder().host("127.0.0.1").port(0)
                    .routing(routing -> ArchiveHttp.routing(routing, api)).build().start();
        }

        Got get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).header("Authorization", admin).GET().build());
        }

        Got post(String path, String json, String idempotencyKey) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).header("Authorization", ledger)
                    .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.port() + path);
        }

        private static Got send(HttpRequest request) throws IOException, InterruptedException {
            HttpResponse<byte[]> res = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, Optional<String>> headers = new LinkedHashMap<>();
            for (String h : List.of("etag", "content-type", "content-disposition")) {
                headers.put(h, res.headers().firstValue(h));
            }
            return new Got(res.statusCode(), headers, res.body());
        }

        @Override
        public void close() {
            server.stop();
            runner.shutdownNow();
            neighbours.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The CLI, the files, the databases

    /** Settings for an external database, as the environment would give them. */
    private static Map<String, String> external(DatabaseSettings db) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ARCHIVE_DB_URL", db.jdbcUrl());
        settings.put("ARCHIVE_DB_USER", db.user());
        if (db.password() != null) {
            settings.put("ARCHIVE_DB_PASSWORD", db.password());
        }
        return settings;
    }

    /** Settings for the embedded database in {@code dataDir} (ARCHIVE_DB_URL blank counts as unset). */
    private static Map<String, String> embedded(Path dataDir) {
        return Map.of("ARCHIVE_DB_URL", "", "ARCHIVE_DATA_DIR", dataDir.toString());
    }

    /** Runs the command line with {@code settings} as its only Archive settings (system properties), then clears them. */
    private static synchronized CliRun cli(Map<String, String> settings, String... args) {
        for (String k : KEYS) {
            System.clearProperty(k);
        }
        settings.forEach(System::setProperty);
        try {
            return CliRun.of(args);
        } finally {
            for (String k : KEYS) {
                System.clearProperty(k);
            }
        }
    }

    /** Restores {@code file} into a new database: refused with exit 2, the message naming the problem, nothing written. */
    private static void assertRefused(Path file, String... messageParts) throws SQLException {
        DatabaseSettings target = TestPostgres.newDatabase("BackupRestoreIT_refused");
        CliRun result = cli(external(target), "restore", file.toString());
        assertEquals(2, result.code(), result.all());
        assertTrue(result.err().contains("archive restore: refused, nothing written: "), result.all());
        for (String part : messageParts) {
            assertTrue(result.err().contains(part), "'" + part + "' in\n" + result.err());
        }
        assertEquals("", result.out());
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = 'public'""")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "no table, index or sequence was created");
        }
    }

    private static JsonNode manifest(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry("manifest.json"))) {
            return JSON.readTree(in);
        }
    }

    private static long rows(JsonNode manifest, String table) {
        for (JsonNode part : manifest.get("tables")) {
            if (part.get("name").asText().equals(table)) {
                return part.get("rows").asLong();
            }
        }
        throw new AssertionError("no part " + table);
    }

    private static ObjectNode part(ObjectNode manifest, String table) {
        for (JsonNode part : (ArrayNode) manifest.get("tables")) {
            if (part.get("name").asText().equals(table)) {
                return (ObjectNode) part;
            }
        }
        throw new AssertionError("no part " + table);
    }

    private static Path copyOf(Path file, String name) throws IOException {
        return Files.copy(file, dir.resolve(name));
    }

    /** Where inside the file the compressed data of {@code entry} lies (its middle byte). */
    private static long offsetInside(Path file, String entry) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 < bytes.length; i++) {
            // A local file header: PK\3\4, then its name at offset 30.
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4) {
                int nameLength = (bytes[i + 26] & 0xff) | (bytes[i + 27] & 0xff) << 8;
                int extraLength = (bytes[i + 28] & 0xff) | (bytes[i + 29] & 0xff) << 8;
                if (nameLength == name.length && java.util.Arrays.equals(bytes, i + 30, i + 30 + nameLength, name, 0,
                        name.length)) {
                    long dataStart = i + 30L + nameLength + extraLength;
                    try (ZipFile zip = new ZipFile(file.toFile())) {
                        return dataStart + zip.getEntry(entry).getCompressedSize() / 2;
                    }
                }
            }
        }
        throw new AssertionError(entry + " not found in " + file);
    }

    /** A copy of {@code file} with some entries' contents changed (or dropped, when the change gives null). */
    private static Path rewrite(Path file, String name, Map<String, UnaryOperator<byte[]>> changes) throws IOException {
        Path out = dir.resolve(name);
        try (ZipFile zip = new ZipFile(file.toFile());
             ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readAllBytes();
                }
                content = changes.getOrDefault(entry.getName(), UnaryOperator.identity()).apply(content);
                if (content != null) {
                    z.putNextEntry(new ZipEntry(entry.getName()));
                    z.write(content);
                    z.closeEntry();
                }
            }
        }
        return out;
    }

    private static Path withManifest(Path file, String name, java.util.function.Consumer<ObjectNode> change)
            throws IOException {
        return rewrite(file, name, Map.of("manifest.json", json -> {
            try {
                ObjectNode m = (ObjectNode) JSON.readTree(json);
                change.accept(m);
                return JSON.writeValueAsBytes(m);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    /** Changes one part and fixes its bytes and SHA-256 in the manifest, as a careful forger would. */
    private static Path rewriteWithChecksums(Path file, String name, String entry, UnaryOperator<byte[]> change)
            throws IOException {
        byte[] changed;
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            changed = change.apply(in.readAllBytes());
        }
        Path withPart = rewrite(file, name + ".part", Map.of(entry, old -> changed));
        String table = entry.substring("tables/".length(), entry.length() - ".csv".length());
        return withManifest(withPart, name, m -> {
            ObjectNode part = part(m, table);
            part.put("bytes", changed.length);
            part.put("sha256", sha256(changed));
        });
    }

    private static byte[] replaceFirst(byte[] content, String from, String to) {
        String text = new String(content, StandardCharsets.UTF_8);
        assertTrue(text.contains(from));
        return text.replaceFirst(java.util.regex.Pattern.quote(from), to).getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(PostgresDatabase db, String table) throws SQLException {
        return longValue(db, "SELECT count(*) FROM " + table);
    }

    private static long longValue(PostgresDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(PostgresDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(PostgresDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Every archive table's row count and the schema version: what a refused restore must leave as it was. */
    private static String fingerprint(PostgresDatabase db) throws SQLException {
        StringBuilder out = new StringBuilder(db.schemaVersion().orElse("-"));
        for (String table : List.of("billing_snapshots", "snapshot_line_items", "audit_pending", "audit_chain",
                "snapshot_company_names", "idempotency_keys", "scheduled_snapshots", "snapshot_jobs",
                "snapshot_job_companies")) {
            out.append(' ').append(table).append('=').append(count(db, table));
        }
        return out.toString();
    }
}
