package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings come from the keys SPEC §1 names, with its defaults, and never print a password. */
class ArchiveSettingsTest {

    @Test
    void defaults_areLoopback5012_embeddedDatabase_dataDirInWorkingDirectory() {
        ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.classpath("application.yaml")));
        assertEquals("127.0.0.1", settings.listener().host());
        assertEquals(5012, settings.listener().port());
        assertTrue(settings.dbUrl().isEmpty());
        assertEquals(Path.of("data").toAbsolutePath(), settings.dataDir());
        assertEquals(10L * 1024 * 1024, settings.listener().maxBodyBytes());
    }

    @Test
    void explicitValues_override_andThePasswordIsNeverPrinted() {
        ArchiveSettings settings = settings(Map.of(
                "ARCHIVE_HOST", "0.0.0.0", "ARCHIVE_PORT", "6000",
                "ARCHIVE_DB_URL", "jdbc:postgresql://db/archive", "ARCHIVE_DB_USER", "archive",
                "ARCHIVE_DB_PASSWORD", "s3cr3t-value", "ARCHIVE_DATA_DIR", "/var/lib/archive"));
        assertEquals("0.0.0.0", settings.listener().host());
        assertEquals(6000, settings.listener().port());
        assertEquals("jdbc:postgresql://db/archive", settings.dbUrl().orElseThrow());
        assertEquals("s3cr3t-value", settings.dbPassword().orElseThrow());
        assertEquals(Path.of("/var/lib/archive"), settings.dataDir());
        assertFalse(settings.toString().contains("s3cr3t-value"));
    }

    @Test
    void startUpSummary_namesEverySetting_andMasksEveryCredential() {
        ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(
                "ARCHIVE_DB_URL", "jdbc:postgresql://db/archive?user=archive&password=url-secret&ssl=true",
                "ARCHIVE_DB_PASSWORD", "s3cr3t-value", "CORE_SERVICE_URL", "https://svc:core-secret@core:5000",
                "ARCHIVE_LOG_REQUESTS", "false", "ARCHIVE_SHUTDOWN_GRACE_SECONDS", "45"))));
        String summary = String.join("\n", settings.describe());
        assertFalse(summary.contains("s3cr3t-value") || summary.contains("url-secret") || summary.contains("core-secret"), summary);
        assertTrue(summary.contains("ARCHIVE_DB_URL=jdbc:postgresql://db/archive?user=archive&password=****&ssl=true"), summary);
        assertTrue(summary.contains("CORE_SERVICE_URL=https://****@core:5000"), summary);
        assertTrue(summary.contains("ARCHIVE_DB_PASSWORD=****"), summary);
        assertTrue(summary.contains("ARCHIVE_LOG_REQUESTS=false") && summary.contains("ARCHIVE_SHUTDOWN_GRACE_SECONDS=45"), summary);
        // Every key of the built-in application.yaml is in the summary, so none is forgotten when one is added.
        ArchiveSettings defaults = ArchiveSettings.from(Config.just(ConfigSources.classpath("application.yaml")));
        List<String> keys = defaults.describe().stream().map(line -> line.substring(0, line.indexOf('='))).toList();
        Config yaml = Config.just(ConfigSources.classpath("application.yaml"));
        yaml.asNodeList().orElseThrow().forEach(node -> assertTrue(keys.contains(node.key().name()), node.key().name()));
        assertTrue(defaults.logRequests());
        assertEquals(Duration.ofSeconds(20), defaults.shutdownGrace());
        assertThrows(IllegalArgumentException.class, () -> ArchiveSettings.from(Config.just(ConfigSources.create(
                Map.of("ARCHIVE_SHUTDOWN_GRACE_SECONDS", "0")))));
    }

    @Test
    void theLog_isNamedAfterItsDatabase_itsKeyLivesInTheDataDirectory_andABadOriginIsRefused() {
        ArchiveSettings defaults = ArchiveSettings.from(Config.just(ConfigSources.classpath("application.yaml")));
        assertEquals("archive.hivematrix/archive", defaults.logOrigin());
        assertEquals(defaults.dataDir().resolve("log-key"), defaults.logKey());
        assertEquals(Duration.ofSeconds(60), defaults.checkpointInterval());
        assertTrue(defaults.checkpointDir().isEmpty() && defaults.witnessUrl().isEmpty());

        ArchiveSettings external = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(
                "ARCHIVE_DB_URL", "jdbc:postgresql://db:5432/billing_prod?ssl=true", "ARCHIVE_DATA_DIR", "/srv/a"))));
        assertEquals("archive.hivematrix/billing_prod", external.logOrigin());
        assertEquals(Path.of("/srv/a/log-key"), external.logKey());

        ArchiveSettings set = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(
                "ARCHIVE_LOG_ORIGIN", "archive.example.com/billing", "ARCHIVE_LOG_KEY", "/etc/archive/log-key",
                "ARCHIVE_CHECKPOINT_SECONDS", "5", "ARCHIVE_CHECKPOINT_DIR", "/srv/checkpoints",
                "ARCHIVE_WITNESS_URL", "https://user:pw@witness.example/add"))));
        assertEquals("archive.example.com/billing", set.logOrigin());
        assertEquals(Path.of("/etc/archive/log-key"), set.logKey());
        assertEquals(Duration.ofSeconds(5), set.checkpointInterval());
        assertEquals(Path.of("/srv/checkpoints"), set.checkpointDir().orElseThrow());
        assertTrue(String.join(" ", set.describe()).contains("ARCHIVE_WITNESS_URL=https://****@witness.example/add"));

        for (String bad : List.of("two words", "a+b")) {
            assertThrows(IllegalArgumentException.class, () -> ArchiveSettings.from(Config.just(
                    ConfigSources.create(Map.of("ARCHIVE_LOG_ORIGIN", bad)))), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ArchiveSettings.from(Config.just(ConfigSources.create(
                Map.of("ARCHIVE_CHECKPOINT_SECONDS", "0")))));
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
    void concurrentExports_areTwoByDefault_readFromTheirKey_andBounded() {
        assertEquals(2, ArchiveSettings.from(Config.just(ConfigSources.classpath("application.yaml"))).maxConcurrentExports());
        assertEquals(2, ArchiveSettings.from(Config.just(ConfigSources.create(Map.of()))).maxConcurrentExports(),
                "the YAML and the code agree");
        assertEquals(4, ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(
                "ARCHIVE_MAX_CONCURRENT_EXPORTS", "4")))).maxConcurrentExports());
        for (String outOfRange : new String[] {"0", "65"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchiveSettings.from(
                    Config.just(ConfigSources.create(Map.of("ARCHIVE_MAX_CONCURRENT_EXPORTS", outOfRange)))));
            assertTrue(e.getMessage().contains("ARCHIVE_MAX_CONCURRENT_EXPORTS"), e.getMessage());
        }
    }

    @Test
    void listenerLimits_haveTheDocumentedDefaults() {
        ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.classpath("application.yaml")));
        assertEquals(4096, settings.listener().maxRequestLineBytes());
        assertEquals(16_384, settings.listener().maxHeaderBytes());
        assertEquals(Duration.ofSeconds(60), settings.listener().idleTimeout());
        assertEquals(Duration.ofSeconds(15), settings.listener().idleCheckPeriod());
        assertEquals(Duration.ofSeconds(30), settings.listener().readTimeout());
        assertEquals(1000, settings.listener().maxConnections());
        // The YAML and the code agree: nothing set at all gives the same limits.
        ArchiveSettings none = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of())));
        assertEquals(settings.listener().maxRequestLineBytes(), none.listener().maxRequestLineBytes());
        assertEquals(settings.listener().maxHeaderBytes(), none.listener().maxHeaderBytes());
        assertEquals(settings.listener().idleTimeout(), none.listener().idleTimeout());
        assertEquals(settings.listener().readTimeout(), none.listener().readTimeout());
        assertEquals(settings.listener().maxConnections(), none.listener().maxConnections());
    }

    @Test
    void listenerLimits_areRead_andTheIdleCheckPeriodFollowsTheIdleTimeout() {
        ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(
                "ARCHIVE_MAX_REQUEST_LINE_BYTES", "1024", "ARCHIVE_MAX_HEADER_BYTES", "4096",
                "ARCHIVE_IDLE_TIMEOUT_SECONDS", "2", "ARCHIVE_READ_TIMEOUT_SECONDS", "5",
                "ARCHIVE_MAX_CONNECTIONS", "20"))));
        assertEquals(1024, settings.listener().maxRequestLineBytes());
        assertEquals(4096, settings.listener().maxHeaderBytes());
        assertEquals(Duration.ofSeconds(2), settings.listener().idleTimeout());
        assertEquals(Duration.ofSeconds(1), settings.listener().idleCheckPeriod(), "never checked more often than once a second");
        assertEquals(Duration.ofSeconds(5), settings.listener().readTimeout());
        assertEquals(20, settings.listener().maxConnections());
        assertEquals(Duration.ofSeconds(10), withIdle("40").listener().idleCheckPeriod());
        assertEquals(Duration.ofSeconds(15), withIdle("3600").listener().idleCheckPeriod(), "at least every 15 s");
    }

    @Test
    void impossibleListenerLimits_areRejectedAtStartUp_namingTheSetting() {
        Map<String, List<String>> impossible = Map.of(
                "ARCHIVE_MAX_REQUEST_LINE_BYTES", List.of("0", "255", "65537"),
                "ARCHIVE_MAX_HEADER_BYTES", List.of("-1", "1023", "1048577"),
                "ARCHIVE_IDLE_TIMEOUT_SECONDS", List.of("0", "-5", "3601"),
                "ARCHIVE_READ_TIMEOUT_SECONDS", List.of("0", "-1", "3601"),
                "ARCHIVE_MAX_CONNECTIONS", List.of("0", "-1", "1000001"));
        impossible.forEach((key, values) -> values.forEach(value -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(key, value)))),
                    key + "=" + value);
            assertTrue(e.getMessage().startsWith(key), e.getMessage());
        }));
    }

    private static ArchiveSettings withIdle(String seconds) {
        return ArchiveSettings.from(Config.just(ConfigSources.create(Map.of("ARCHIVE_IDLE_TIMEOUT_SECONDS", seconds))));
    }

    @Test
    void impossiblePort_isRejectedAtStartUp() {
        assertThrows(IllegalArgumentException.class,
                () -> ArchiveSettings.from(Config.just(ConfigSources.create(Map.of("ARCHIVE_PORT", "70000")))));
    }

    @Test
    void authentication_isCore_orDevOnlyWhenAskedFor_onLoopback_neverBoth() {
        assertEquals(null, settings(Map.of("CORE_SERVICE_URL", "http://core:5000")).authProblem());
        assertEquals(null, settings(Map.of("ARCHIVE_AUTH", "dev")).authProblem());
        assertEquals(null, settings(Map.of("ARCHIVE_AUTH", "DEV", "ARCHIVE_HOST", "::1")).authProblem());
        assertEquals(null, settings(Map.of("ARCHIVE_AUTH", "dev", "ARCHIVE_HOST", "localhost")).authProblem());

        String none = settings(Map.of()).authProblem();
        assertTrue(none.contains("CORE_SERVICE_URL") && none.contains("ARCHIVE_AUTH=dev"), none);
        String blank = settings(Map.of("CORE_SERVICE_URL", " ")).authProblem();
        assertTrue(blank.startsWith("no authentication is configured"), "a blank URL no longer means dev auth: " + blank);
        String exposed = settings(Map.of("ARCHIVE_AUTH", "dev", "ARCHIVE_HOST", "0.0.0.0")).authProblem();
        assertTrue(exposed.contains("ARCHIVE_HOST=0.0.0.0"), exposed);

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                "ARCHIVE_AUTH", "dev", "CORE_SERVICE_URL", "http://core:5000")));
        assertTrue(both.getMessage().contains("ARCHIVE_AUTH=dev and CORE_SERVICE_URL"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("ARCHIVE_AUTH", "anyone")));
    }

    @Test
    void allowedOrigins_areOriginsOnly() {
        assertEquals(java.util.Set.of("https://nexus.example", "http://hub:8080"), settings(Map.of(
                "ARCHIVE_ALLOWED_ORIGINS", "https://nexus.example, http://hub:8080 ,")).allowedOrigins());
        assertTrue(settings(Map.of()).allowedOrigins().isEmpty(), "same-origin only by default");
        for (String bad : List.of("nexus.example", "https://nexus.example/archive", "ftp://nexus.example",
                "https://user:pw@nexus.example")) {
            assertThrows(IllegalArgumentException.class, () -> settings(Map.of("ARCHIVE_ALLOWED_ORIGINS", bad)), bad);
        }
    }

    @Test
    void theOwnerRoleIsNamedApartAndOnlyForAnExternalDatabase() {
        ArchiveSettings two = settings(Map.of("ARCHIVE_DB_URL", "jdbc:postgresql://db/archive", "ARCHIVE_DB_USER", "archive_app",
                "ARCHIVE_DB_PASSWORD", "runtime-secret", "ARCHIVE_MIGRATE_DB_USER", "archive_owner",
                "ARCHIVE_MIGRATE_DB_PASSWORD", "owner-secret"));
        DatabaseRoles roles = DatabaseRoles.of(two, null);
        assertEquals("archive_owner", roles.owner().user());
        assertEquals("owner-secret", roles.owner().password());
        assertEquals("archive_app", roles.runtime().user());
        assertTrue(roles.separate());
        assertFalse(two.allowOwnerRole(), "an owner role is refused unless allowed");
        String described = String.join(" ", two.describe());
        assertTrue(described.contains("ARCHIVE_MIGRATE_DB_USER=archive_owner"), described);
        assertFalse(described.contains("owner-secret") || described.contains("runtime-secret"), described);

        DatabaseRoles one = DatabaseRoles.of(settings(Map.of("ARCHIVE_DB_URL", "jdbc:postgresql://db/archive",
                "ARCHIVE_DB_USER", "archive", "ARCHIVE_ALLOW_OWNER_ROLE", "true")), null);
        assertFalse(one.separate(), "one role migrates and serves");
        assertEquals(one.owner(), one.runtime());

        IllegalArgumentException embedded = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("ARCHIVE_MIGRATE_DB_USER", "archive_owner")));
        assertTrue(embedded.getMessage().contains("ARCHIVE_DB_URL"), embedded.getMessage());
    }

    @Test
    void aReadReplica_isOptional_readAsTheRuntimeRoleUnlessNamed_andItsLagLimitIsBounded() {
        ArchiveSettings none = settings(Map.of());
        assertTrue(none.dbReadUrl().isEmpty());
        assertEquals(Duration.ofSeconds(30), none.dbReadMaxLag());
        assertTrue(DatabaseRoles.readReplica(none, DatabaseRoles.of(settings(Map.of("ARCHIVE_DB_URL",
                "jdbc:postgresql://db/archive")), null)).isEmpty());

        ArchiveSettings replica = settings(Map.of("ARCHIVE_DB_URL", "jdbc:postgresql://db/archive",
                "ARCHIVE_DB_USER", "archive_app", "ARCHIVE_DB_PASSWORD", "runtime-secret",
                "ARCHIVE_DB_READ_URL", "jdbc:postgresql://replica/archive?password=url-secret",
                "ARCHIVE_DB_READ_MAX_LAG_SECONDS", "5"));
        var asRuntime = DatabaseRoles.readReplica(replica, DatabaseRoles.of(replica, null)).orElseThrow();
        assertEquals("jdbc:postgresql://replica/archive?password=url-secret", asRuntime.jdbcUrl());
        assertEquals("archive_app", asRuntime.user());
        assertEquals("runtime-secret", asRuntime.password());
        assertEquals(Duration.ofSeconds(5), replica.dbReadMaxLag());
        String described = String.join(" ", replica.describe());
        assertTrue(described.contains("ARCHIVE_DB_READ_URL=jdbc:postgresql://replica/archive?password=****"), described);
        assertFalse(described.contains("url-secret"), described);

        ArchiveSettings named = settings(Map.of("ARCHIVE_DB_URL", "jdbc:postgresql://db/archive",
                "ARCHIVE_DB_READ_URL", "jdbc:postgresql://replica/archive", "ARCHIVE_DB_READ_USER", "reader",
                "ARCHIVE_DB_READ_PASSWORD", "reader-secret"));
        var asReader = DatabaseRoles.readReplica(named, DatabaseRoles.of(named, null)).orElseThrow();
        assertEquals("reader", asReader.user());
        assertEquals("reader-secret", asReader.password());
        assertFalse(String.join(" ", named.describe()).contains("reader-secret"));

        for (Map<String, String> bad : List.of(Map.of("ARCHIVE_DB_READ_URL", "postgres://replica/archive"),
                Map.of("ARCHIVE_DB_READ_USER", "reader"), Map.of("ARCHIVE_DB_READ_MAX_LAG_SECONDS", "0"),
                Map.of("ARCHIVE_DB_READ_MAX_LAG_SECONDS", "3601"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(bad), bad::toString);
            assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
        }
    }

    /** Settings for the embedded database in {@code dataDir}, with everything else at its default. */
    static ArchiveSettings embedded(Path dataDir) {
        return settings(Map.of("ARCHIVE_DATA_DIR", dataDir.toString()));
    }

    /** Settings from exactly these values, as the environment would give them. */
    static ArchiveSettings settings(Map<String, String> values) {
        return ArchiveSettings.from(Config.just(ConfigSources.create(values)));
    }
}
