package io.hivematrix.archive.adapter.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev auth: the key is private to its owner, survives restarts, and its tokens verify as Core's would. */
class DevSigningKeyTest {

    @Test
    void keyFile_isOwnerOnly_andReloadsToTheSameKey(@TempDir Path dataDir) throws Exception {
        DevSigningKey first = DevSigningKey.loadOrCreate(dataDir);
        Path file = dataDir.resolve(DevSigningKey.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        String token = first.userToken("ann@example.com", "Ann", "admin", Duration.ofMinutes(5));
        TokenVerifier afterRestart = TokenVerifier.forKeys(DevSigningKey.loadOrCreate(dataDir).publicKeys());
        assertEquals(Caller.user("ann@example.com", "Ann", "admin"), afterRestart.verify(token));
    }

    @Test
    void serviceTokens_areForArchive(@TempDir Path dataDir) throws Exception {
        DevSigningKey key = DevSigningKey.loadOrCreate(dataDir);
        Caller caller = TokenVerifier.forKeys(key.publicKeys()).verify(key.serviceToken("ledger", Duration.ofMinutes(1)));
        assertEquals("service:ledger", caller.principal());
    }

    @Test
    void anotherDataDirsKey_isNotTrusted(@TempDir Path one, @TempDir Path other) {
        String token = DevSigningKey.loadOrCreate(one).userToken("a@b.c", "A", "admin", Duration.ofMinutes(1));
        TokenVerifier verifier = TokenVerifier.forKeys(DevSigningKey.loadOrCreate(other).publicKeys());
        assertThrows(TokenVerifier.InvalidToken.class, () -> verifier.verify(token));
    }
}
