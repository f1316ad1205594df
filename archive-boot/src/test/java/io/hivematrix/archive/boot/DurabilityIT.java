package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.embedded.EmbeddedDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a 201 is worth: the embedded server, started exactly as {@code serve} starts it, runs with every durability
 * setting on; a server that trades safety for speed is named at WARN, in readiness (still UP) and in a metric.
 */
class DurabilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private RunningArchive archive;

    @AfterEach
    void close() throws Exception {
        Closer.all(archive, http);
    }

    @Test
    void theEmbeddedServer_runsWithFsyncSynchronousCommitAndFullPageWritesOn(@TempDir Path dataDir) throws Exception {
        archive = RunningArchive.start(settings(dataDir, Map.of()));

        int pgPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(3)
                .trim());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "postgres", Files.readString(EmbeddedDatabase.superuserPasswordFile(dataDir)).strip());
             Statement st = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertEquals("on", rs.getString(1), setting);
                }
            }
        }
        JsonNode durability = check(readiness(), "durability");
        assertEquals("UP", durability.get("status").asText());
        assertEquals("durable", durability.get("data").get("durability").asText(), durability.toString());
        assertEquals(1.0, durableGauge());
    }

    @Test
    void aServerThatTradesSafetyForSpeed_isNamedAtWarn_inReadinessStillUp_andInAMetric(@TempDir Path dataDir)
            throws Exception {
        DatabaseSettings database = TestPostgres.newDatabase(DurabilityIT.class);
        // The test server may be durable itself (an external one, say); a database-level setting makes this one not.
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + c.getCatalog() + " SET synchronous_commit = off");
        }
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(RunningArchive.class.getName());
        logger.addHandler(capture);
        try {
            Map<String, String> external = new HashMap<>(Map.of("ARCHIVE_DB_URL", database.jdbcUrl(),
                    "ARCHIVE_DB_USER", database.user()));
            // The test server's superuser, allowed as such: this test is about durability, RestrictedRoleIT about roles.
            external.put("ARCHIVE_ALLOW_OWNER_ROLE", "true");
            if (database.password() != null) {
                external.put("ARCHIVE_DB_PASSWORD", database.password());
            }
            archive = RunningArchive.start(settings(dataDir, external));
        } finally {
            logger.removeHandler(capture);
        }

        assertTrue(warnings.stream().anyMatch(w -> w.contains("synchronous_commit=off") && w.contains("201")),
                warnings.toString());
        JsonNode ready = readiness();
        assertEquals("UP", ready.get("status").asText(), "a degraded server still serves: " + ready);
        JsonNode durability = check(ready, "durability");
        assertEquals("UP", durability.get("status").asText());
        String described = durability.get("data").get("durability").asText();
        assertTrue(described.startsWith("degraded (") && described.contains("synchronous_commit=off"), described);
        assertEquals("off", durability.get("data").get("synchronous_commit").asText());
        assertEquals(0.0, durableGauge());
    }

    private ArchiveSettings settings(Path dataDir, Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of("ARCHIVE_PORT", "0", "ARCHIVE_DATA_DIR", dataDir.toString(),
                "ARCHIVE_AUTH", "dev"));
        values.putAll(more);
        return ArchiveSettings.from(Config.just(ConfigSources.create(values),
                ConfigSources.classpath("application.yaml")));
    }

    private JsonNode readiness() throws Exception {
        return JSON.readTree(get("/observe/health/ready").body());
    }

    private static JsonNode check(JsonNode readiness, String name) {
        for (JsonNode check : readiness.get("checks")) {
            if (name.equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no " + name + " check in " + readiness);
    }

    private double durableGauge() throws Exception {
        for (String line : get("/observe/metrics").body().split("\n")) {
            if (line.startsWith("archive_db_durable ")) {
                return Double.parseDouble(line.substring("archive_db_durable ".length()));
            }
        }
        throw new AssertionError("no archive_db_durable gauge");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + archive.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
