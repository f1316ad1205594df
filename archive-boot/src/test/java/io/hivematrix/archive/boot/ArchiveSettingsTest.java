package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings come from the keys SPEC §1 names, with its defaults, and never print a password. */
class ArchiveSettingsTest {

    @Test
    void defaults_areLoopback5012_embeddedDatabase_dataDirInWorkingDirectory() {
        ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.classpath("application.yaml")));
        assertEquals("127.0.0.1", settings.host());
        assertEquals(5012, settings.port());
        assertTrue(settings.dbUrl().isEmpty());
        assertEquals(Path.of("data").toAbsolutePath(), settings.dataDir());
        assertEquals(10L * 1024 * 1024, settings.maxBodyBytes());
    }

    @Test
    void explicitValues_override_andThePasswordIsNeverPrinted() {
        ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(
                "ARCHIVE_HOST", "0.0.0.0", "ARCHIVE_PORT", "6000",
                "ARCHIVE_DB_URL", "jdbc:postgresql://db/archive", "ARCHIVE_DB_USER", "archive",
                "ARCHIVE_DB_PASSWORD", "s3cr3t-value", "ARCHIVE_DATA_DIR", "/var/lib/archive"))));
        assertEquals("0.0.0.0", settings.host());
        assertEquals(6000, settings.port());
        assertEquals("jdbc:postgresql://db/archive", settings.dbUrl().orElseThrow());
        assertEquals("s3cr3t-value", settings.dbPassword().orElseThrow());
        assertEquals(Path.of("/var/lib/archive"), settings.dataDir());
        assertFalse(settings.toString().contains("s3cr3t-value"));
    }

    @Test
    void coreUrlAndWriters_areRead_devAuthAndLedgerByDefault() {
        ArchiveSettings defaults = ArchiveSettings.from(Config.just(ConfigSources.classpath("application.yaml")));
        assertTrue(defaults.coreServiceUrl().isEmpty());
        assertEquals(java.util.Set.of("ledger"), defaults.snapshotWriters());

        ArchiveSettings set = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(
                "CORE_SERVICE_URL", "http://core:5000", "ARCHIVE_SNAPSHOT_WRITERS", "ledger, billing-bot ,"))));
        assertEquals("http://core:5000", set.coreServiceUrl().orElseThrow().toString());
        assertEquals(java.util.Set.of("ledger", "billing-bot"), set.snapshotWriters());
        assertThrows(IllegalArgumentException.class, () -> ArchiveSettings.from(Config.just(ConfigSources.create(
                Map.of("CORE_SERVICE_URL", "ftp://core")))));
    }

    @Test
    void blankDatabaseUrl_meansEmbedded() {
        ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of("ARCHIVE_DB_URL", " "))));
        assertTrue(settings.dbUrl().isEmpty());
    }

    @Test
    void impossiblePort_isRejectedAtStartUp() {
        assertThrows(IllegalArgumentException.class,
                () -> ArchiveSettings.from(Config.just(ConfigSources.create(Map.of("ARCHIVE_PORT", "70000")))));
    }
}
