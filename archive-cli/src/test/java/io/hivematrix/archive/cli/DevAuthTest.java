package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.rest.security.TokenVerifier;
import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Dev auth only when asked for: refused start-up without any auth, keys kept owner-only, tokens for a day at most. */
class DevAuthTest {

    @Test
    void serveWithNoAuthConfigured_refusesToStart_withOneLineNamingBothSettings(@TempDir Path dataDir) {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CORE_SERVICE_URL") == null
                && System.getenv("ARCHIVE_AUTH") == null, "this JVM's environment configures auth itself");
        Path data = dataDir.resolve("data");
        String err = runMain(data, "serve");
        assertTrue(err.startsWith("archive: refusing to start: no authentication is configured"), err);
        assertTrue(err.contains("CORE_SERVICE_URL") && err.contains("ARCHIVE_AUTH=dev"), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertTrue(Files.notExists(data), "nothing was started or created");
    }

    @Test
    void aMissingDataDirectory_isCreatedOwnerOnly(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("fresh");
        DevSigningKey.loadOrCreate(dataDir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
    }

    @Test
    void aKeyOrDirectoryOpenToOthers_isRefusedBeforeUse_namingTheFix(@TempDir Path dataDir) throws Exception {
        DevSigningKey.loadOrCreate(dataDir);
        Path key = dataDir.resolve(DevSigningKey.FILE_NAME);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException open = assertThrows(IllegalStateException.class, () -> DevSigningKey.loadOrCreate(dataDir));
        assertTrue(open.getMessage().contains("chmod 600 " + key), open.getMessage());

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        IllegalStateException dir = assertThrows(IllegalStateException.class, () -> DevSigningKey.loadOrCreate(dataDir));
        assertTrue(dir.getMessage().contains("chmod 700 " + dataDir), dir.getMessage());
    }

    @Test
    void theVerifierOfDevAuth_refusesATokenThatLivesLongerThanADay(@TempDir Path dataDir) throws Exception {
        DevSigningKey key = DevSigningKey.loadOrCreate(dataDir);
        TokenVerifier verifier = TokenVerifier.forKeys(key.publicKeys(), DevSigningKey.MAX_LIFETIME);
        assertEquals("ann@x", verifier.verify(key.userToken("ann@x", "Ann", "admin", Duration.ofHours(24)))
                .principal());
        TokenVerifier.InvalidToken refused = assertThrows(TokenVerifier.InvalidToken.class,
                () -> verifier.verify(key.userToken("ann@x", "Ann", "admin", Duration.ofDays(30))));
        assertTrue(refused.getMessage().contains("24 h"), refused.getMessage());
    }

    @Test
    void theTokenCommand_mintsForADayAtMost(@TempDir Path dataDir) {
        String err = runMain(dataDir, "token", "--level", "admin", "--ttl", "2d");
        assertTrue(err.contains("--ttl must be at most 24h"), err);
    }

    @Test
    void theKeysFingerprint_namesItWithoutRevealingIt(@TempDir Path one, @TempDir Path other) {
        String fingerprint = DevSigningKey.loadOrCreate(one).fingerprint();
        assertTrue(fingerprint.matches("SHA-256:[A-Za-z0-9_-]{43}"), fingerprint);
        assertEquals(fingerprint, DevSigningKey.loadOrCreate(one).fingerprint());
        assertNotEquals(fingerprint, DevSigningKey.loadOrCreate(other).fingerprint());
    }

    /** Runs the command line with the data directory as a system property; returns what it wrote to stderr. */
    private static String runMain(Path dataDir, String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String savedDir = System.getProperty("ARCHIVE_DATA_DIR");
        System.setProperty("ARCHIVE_DATA_DIR", dataDir.toString());
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Main()).execute(args);
            assertEquals(2, code, "exit code");
        } finally {
            System.setErr(saved);
            if (savedDir == null) {
                System.clearProperty("ARCHIVE_DATA_DIR");
            } else {
                System.setProperty("ARCHIVE_DATA_DIR", savedDir);
            }
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
