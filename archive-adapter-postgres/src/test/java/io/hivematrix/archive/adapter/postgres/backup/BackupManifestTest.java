package io.hivematrix.archive.adapter.postgres.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.backup.BackupManifest.AuditHead;
import io.hivematrix.archive.adapter.postgres.backup.BackupManifest.TablePart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest's JSON is the documented one, reads back as written, and names every difference from a restore. */
class BackupManifestTest {
    private static final String HASH = "9c1f".repeat(16);
    private static final BackupManifest MANIFEST = new BackupManifest(BackupManifest.FORMAT, 1,
            "2026-11-29T18:12:51.004Z", "0.1.0", "10", "PostgreSQL 17.7", new AuditHead(12, HASH, 15, 3),
            List.of(new TablePart("billing_snapshots", List.of("id", "invoice_number"), 15, 2_345, "ab".repeat(32)),
                    new TablePart("audit_chain", List.of("seq"), 12, 40, "cd".repeat(32))));

    @Test
    void json_usesTheDocumentedSnakeCaseFields_andReadsBackEqual() throws Exception {
        String json = new String(MANIFEST.toJson(), StandardCharsets.UTF_8);
        for (String field : List.of("\"format\" : \"hivematrix-archive-backup\"", "\"format_version\" : 1",
                "\"created_at\"", "\"archive_version\"", "\"schema_version\" : \"10\"", "\"postgres_version\"",
                "\"audit_head\"", "\"entry_hash\"", "\"snapshots\" : 15", "\"pending\" : 3", "\"tables\"",
                "\"columns\"", "\"rows\" : 15", "\"bytes\" : 2345", "\"sha256\"")) {
            assertTrue(json.contains(field), field + " in\n" + json);
        }
        assertEquals(MANIFEST, BackupManifest.fromJson(MANIFEST.toJson()));
    }

    @Test
    void aNewerWritersExtraFields_areIgnored() throws Exception {
        String json = new String(MANIFEST.toJson(), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"comment\": \"x\",");
        assertEquals(MANIFEST, BackupManifest.fromJson(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void differences_nameTheHeadAndEveryTableThatDiffers() {
        assertEquals(List.of(), MANIFEST.differences(new AuditHead(12, HASH, 15, 3),
                Map.of("billing_snapshots", 15L, "audit_chain", 12L)));
        assertEquals(List.of("audit head seq: backup 12, restored 11",
                        "audit head hash: backup " + HASH + ", restored " + "0".repeat(64),
                        "rows in audit_chain: backup 12, restored 11"),
                MANIFEST.differences(new AuditHead(11, "0".repeat(64), 15, 3),
                        Map.of("billing_snapshots", 15L, "audit_chain", 11L)));
    }
}
