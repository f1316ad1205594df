package io.hivematrix.archive.keyfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.NoteKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's signing key file: made 0600 on first start, the same key on every later one, refused when open to others. */
class LogKeyFileTest {

    @Test
    void createdOwnerOnly_thenReadBackAsTheSameKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys").resolve("log-key");
        NoteKey.Signer first = LogKeyFile.loadOrCreate(file, "archive.test/log");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(first.verifierKey(), LogKeyFile.loadOrCreate(file, "another name").verifierKey(),
                "an existing key is kept, whatever name is asked for");
        assertTrue(first.verifierKey().startsWith("archive.test/log+"), first.verifierKey());
    }

    @Test
    void aKeyOthersCanRead_isRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log-key");
        LogKeyFile.loadOrCreate(file, "archive.test/log");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LogKeyFile.loadOrCreate(file, "archive.test/log"));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }
}
