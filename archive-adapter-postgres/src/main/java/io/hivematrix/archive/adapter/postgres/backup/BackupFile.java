package io.hivematrix.archive.adapter.postgres.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hivematrix.archive.adapter.postgres.backup.BackupManifest.TablePart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A backup file that has been checked through: its manifest is one this build reads, and every part is there with
 * the length, SHA-256 and header line the manifest gives. Opening it touches no database, so a damaged file is
 * refused before anything is written.
 */
public final class BackupFile implements AutoCloseable {
    /** Far above any real manifest (a few kB); keeps a hostile one from filling memory. */
    private static final int MAX_MANIFEST_BYTES = 1 << 20;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final ZipFile zip;
    private final BackupManifest manifest;

    private BackupFile(Path path, ZipFile zip, BackupManifest manifest) {
        this.path = path;
        this.zip = zip;
        this.manifest = manifest;
    }

    /**
     * Opens and checks the whole file (every part is read once).
     *
     * @param progress receives a line every few seconds while large parts are read
     * @throws RestoreRefusedException naming the first problem found
     */
    public static BackupFile open(Path path, Consumer<String> progress) {
        if (!Files.isRegularFile(path)) {
            throw new RestoreRefusedException(path + " is not a file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new RestoreRefusedException(path + " is not a complete backup file (" + e.getMessage()
                    + "); it may have been cut short or is not a zip file");
        } catch (IOException e) {
            throw new RestoreRefusedException(path + " cannot be read: " + e.getMessage());
        }
        try {
            BackupManifest manifest = readManifest(zip);
            checkEntries(zip, manifest);
            ProgressMeter meter = new ProgressMeter(progress);
            for (TablePart part : manifest.tables()) {
                checkPart(zip, part, meter);
            }
            return new BackupFile(path, zip, manifest);
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    public BackupManifest manifest() {
        return manifest;
    }

    public Path path() {
        return path;
    }

    /** The part's bytes as stored, uncompressed; the caller checks them again as it loads them. */
    InputStream part(TablePart part) throws IOException {
        ZipEntry entry = zip.getEntry(part.entry());
        if (entry == null) {
            throw new IOException(part.entry() + " is missing");
        }
        return zip.getInputStream(entry);
    }

    private static BackupManifest readManifest(ZipFile zip) {
        ZipEntry entry = zip.getEntry(BackupManifest.MANIFEST_ENTRY);
        if (entry == null) {
            throw new RestoreRefusedException("the file has no " + BackupManifest.MANIFEST_ENTRY
                    + ": it is not an Archive backup, or was not written to the end");
        }
        byte[] json;
        try (InputStream in = zip.getInputStream(entry)) {
            json = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (IOException e) {
            throw new RestoreRefusedException(BackupManifest.MANIFEST_ENTRY + " cannot be read (" + e.getMessage()
                    + "): the file is damaged");
        }
        if (json.length > MAX_MANIFEST_BYTES) {
            throw new RestoreRefusedException(BackupManifest.MANIFEST_ENTRY + " is larger than any Archive writes");
        }
        BackupManifest manifest;
        try {
            manifest = BackupManifest.fromJson(json);
        } catch (JsonProcessingException e) {
            throw new RestoreRefusedException(BackupManifest.MANIFEST_ENTRY + " is not a valid manifest: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        checkManifest(manifest);
        return manifest;
    }

    private static void checkManifest(BackupManifest m) {
        if (!BackupManifest.FORMAT.equals(m.format())) {
            throw new RestoreRefusedException("not an Archive backup: its manifest names format \"" + m.format()
                    + "\", not \"" + BackupManifest.FORMAT + "\"");
        }
        if (m.formatVersion() != BackupManifest.FORMAT_VERSION) {
            throw new RestoreRefusedException("backup format version " + m.formatVersion()
                    + " is not one this Archive reads (it reads version " + BackupManifest.FORMAT_VERSION
                    + "); restore it with the Archive that wrote it" + (m.archiveVersion() == null ? ""
                    : " (" + m.archiveVersion() + ")") + " or a newer one");
        }
        require(m.schemaVersion() != null && m.schemaVersion().matches("[0-9]+(\\.[0-9]+)*"), "a schema_version");
        require(m.auditHead() != null && m.auditHead().entryHash() != null
                && SHA256.matcher(m.auditHead().entryHash()).matches(), "an audit_head with an entry_hash");
        require(m.tables() != null && !m.tables().isEmpty(), "tables");
        Set<String> seen = new HashSet<>();
        for (TablePart part : m.tables()) {
            require(part.name() != null, "a name for every table");
            if (!BackupSql.TABLES.contains(part.name())) {
                throw new RestoreRefusedException("the manifest lists table " + part.name()
                        + ", which this Archive does not restore");
            }
            if (!seen.add(part.name())) {
                throw new RestoreRefusedException("the manifest lists table " + part.name() + " twice");
            }
            require(part.columns() != null && !part.columns().isEmpty()
                    && part.columns().stream().allMatch(c -> c != null && BackupSql.IDENTIFIER.matcher(c).matches()),
                    "plain column names for " + part.name());
            require(part.rows() >= 0 && part.bytes() >= 0, "row and byte counts for " + part.name());
            require(part.sha256() != null && SHA256.matcher(part.sha256()).matches(), "a SHA-256 for " + part.name());
        }
        require(seen.contains("billing_snapshots"), "the billing_snapshots table");
    }

    private static void require(boolean present, String what) {
        if (!present) {
            throw new RestoreRefusedException(BackupManifest.MANIFEST_ENTRY + " lacks " + what);
        }
    }

    /** Every entry must be the manifest or a part it lists: anything else means the file is not what it claims. */
    private static void checkEntries(ZipFile zip, BackupManifest manifest) {
        Set<String> expected = new HashSet<>();
        expected.add(BackupManifest.MANIFEST_ENTRY);
        for (TablePart part : manifest.tables()) {
            expected.add(part.entry());
            if (zip.getEntry(part.entry()) == null) {
                throw new RestoreRefusedException("the manifest lists " + part.entry() + ", but the file lacks it");
            }
        }
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            String name = entries.nextElement().getName();
            if (!expected.contains(name)) {
                throw new RestoreRefusedException("the file holds " + name + ", which its manifest does not list");
            }
        }
    }

    private static void checkPart(ZipFile zip, TablePart part, ProgressMeter meter) {
        MessageDigest sha256 = BackupWriter.sha256();
        long bytes = 0;
        String header = BackupSql.header(part.columns()) + "\n";
        byte[] expectedHeader = header.getBytes(StandardCharsets.UTF_8);
        byte[] firstBytes = new byte[expectedHeader.length];
        int firstFilled = 0;
        try (InputStream in = zip.getInputStream(zip.getEntry(part.entry()))) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, n);
                if (firstFilled < firstBytes.length) {
                    int take = Math.min(n, firstBytes.length - firstFilled);
                    System.arraycopy(buffer, 0, firstBytes, firstFilled, take);
                    firstFilled += take;
                }
                bytes += n;
                long soFar = bytes;
                meter.maybe(() -> String.format(Locale.ROOT, "restore: checking %s: %s of %s", part.entry(),
                        ProgressMeter.size(soFar), ProgressMeter.size(part.bytes())));
            }
        } catch (IOException e) {
            throw new RestoreRefusedException(part.entry() + " cannot be read (" + e.getMessage()
                    + "): the file is damaged");
        }
        if (bytes != part.bytes()) {
            throw new RestoreRefusedException(part.entry() + " holds " + bytes + " bytes where the manifest says "
                    + part.bytes() + ": the file is damaged or was altered");
        }
        String sha = HexFormat.of().formatHex(sha256.digest());
        if (!sha.equals(part.sha256())) {
            throw new RestoreRefusedException(part.entry() + " does not match its SHA-256 in the manifest (found "
                    + sha + ", expected " + part.sha256() + "): the file is damaged or was altered");
        }
        if (firstFilled < firstBytes.length || !Arrays.equals(firstBytes, expectedHeader)) {
            throw new RestoreRefusedException(part.entry() + " does not start with the header line of the columns "
                    + "its manifest lists (" + BackupSql.header(part.columns()) + ")");
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // refusing already; nothing more to say about this file
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
