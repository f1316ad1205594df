package io.hivematrix.archive.adapter.postgres.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hivematrix.archive.domain.AuditLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A backup's {@code manifest.json}: what wrote it, the schema it came from, the audit head it saw, and for every
 * table part its columns, rows, bytes and SHA-256. Written last, so a file cut short has none.
 *
 * @param format          always {@link #FORMAT}
 * @param formatVersion   the layout of the file; a reader refuses versions it does not know
 * @param createdAt       when the backup's snapshot was taken, ISO-8601 in UTC
 * @param archiveVersion  the Archive that wrote it
 * @param schemaVersion   the newest Flyway migration applied to the database backed up
 * @param postgresVersion the server's version() text, for the record only: nothing depends on it
 * @param auditHead       the chain's head and totals in the backup's snapshot
 * @param tables          the parts in the order a restore loads them
 */
public record BackupManifest(String format, int formatVersion, String createdAt, String archiveVersion,
                             String schemaVersion, String postgresVersion, AuditHead auditHead, List<TablePart> tables) {
    public static final String FORMAT = "hivematrix-archive-backup";
    public static final int FORMAT_VERSION = 1;
    static final String MANIFEST_ENTRY = "manifest.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A newer writer may add informational fields within the same format version.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public BackupManifest {
        tables = tables == null ? null : List.copyOf(tables);
    }

    /**
     * The audit chain's newest link and totals.
     *
     * @param seq       the newest link's sequence number, 0 while nothing is sealed
     * @param entryHash its hash, or {@link AuditLink#GENESIS} while nothing is sealed
     * @param snapshots how many snapshots are archived
     * @param pending   how many of them wait to be sealed
     */
    public record AuditHead(long seq, String entryHash, long snapshots, long pending) {
        /** The head as the application reports it (e.g. after a verify), in the manifest's terms. */
        public static AuditHead of(io.hivematrix.archive.domain.AuditHead head) {
            AuditLink last = head.last();
            return new AuditHead(last == null ? 0 : last.seq(), last == null ? AuditLink.GENESIS : last.entryHash(),
                    head.snapshots(), head.pending());
        }
    }

    /**
     * One table's part, {@code tables/<name>.csv}: COPY's CSV with a header line, UTF-8.
     *
     * @param rows   rows in the part (COPY's count)
     * @param bytes  uncompressed length of the part
     * @param sha256 SHA-256 of the uncompressed part, lower-case hex
     */
    public record TablePart(String name, List<String> columns, long rows, long bytes, String sha256) {
        public TablePart {
            columns = columns == null ? null : List.copyOf(columns);
        }

        /** The part's entry name in the zip file. */
        public String entry() {
            return "tables/" + name + ".csv";
        }
    }

    /** The part of {@code table}, if the backup has one. */
    public Optional<TablePart> table(String table) {
        return tables.stream().filter(t -> t.name().equals(table)).findFirst();
    }

    /**
     * What a restored database shows that this manifest does not: its audit head (seq, hash, snapshots, pending) and
     * each table's rows. Empty when everything matches.
     */
    public List<String> differences(AuditHead restored, Map<String, Long> restoredRows) {
        List<String> out = new ArrayList<>();
        differ(out, "audit head seq", auditHead.seq(), restored.seq());
        differ(out, "audit head hash", auditHead.entryHash(), restored.entryHash());
        differ(out, "snapshots", auditHead.snapshots(), restored.snapshots());
        differ(out, "snapshots waiting to be sealed", auditHead.pending(), restored.pending());
        for (TablePart part : tables) {
            differ(out, "rows in " + part.name(), part.rows(), restoredRows.get(part.name()));
        }
        return out;
    }

    private static void differ(List<String> out, String what, Object backup, Object restored) {
        if (!Objects.equals(backup, restored)) {
            out.add(what + ": backup " + backup + ", restored " + restored);
        }
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the manifest", e);
        }
    }

    static BackupManifest fromJson(byte[] json) throws JsonProcessingException {
        try {
            return JSON.readValue(json, BackupManifest.class);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
