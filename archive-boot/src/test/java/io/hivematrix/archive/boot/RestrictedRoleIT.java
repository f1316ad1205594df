package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two roles against an external PostgreSQL, as in production: the service migrates as the owner
 * ({@code ARCHIVE_MIGRATE_DB_USER}), grants the runtime role its rights, and serves as that role, which owns nothing.
 * It creates and seals a snapshot, changes the schedule (Quartz writes its clustered tables), runs and finishes a
 * monthly job and reports ready, so the grants are enough; and with the runtime role's password nothing archived can
 * be changed. A superuser or the owner as the runtime role is refused, unless ARCHIVE_ALLOW_OWNER_ROLE=true.
 */
class RestrictedRoleIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServiceMigratesAsTheOwnerAndServesAsARoleThatCannotRewriteWhatItArchived() throws Exception {
        TestPostgres.Roles roles = rolesOrSkip();
        try (FakeCodexServer codex = new FakeCodexServer(3); FakeLedgerServer ledger = new FakeLedgerServer();
             HttpClient http = HttpClient.newHttpClient()) {
            Path data = Files.createTempDirectory("archive-role");
            Map<String, String> values = new HashMap<>(roles.serviceSettings());
            values.putAll(Map.of("ARCHIVE_PORT", "0", "ARCHIVE_DATA_DIR", data.toString(), "ARCHIVE_AUTH", "dev",
                    "CODEX_URL", codex.uri().toString(), "LEDGER_URL", ledger.uri().toString()));
            RunningArchive archive = RunningArchive.start(settings(values));
            try {
                URI base = URI.create("http://127.0.0.1:" + archive.port());
                DevSigningKey key = DevSigningKey.loadOrCreate(data);
                String ledgerBearer = "Bearer " + key.serviceToken("ledger", Duration.ofMinutes(5));
                String admin = "Bearer " + key.userToken("admin@example.com", "admin", "admin", Duration.ofMinutes(5));
                ledger.postBillsTo(base, ledgerBearer);

                assertEquals(201, send(http, base, "POST", "/api/snapshot", ledgerBearer,
                        TestArchive.fixture("ledger-snapshot-620547-202510.json")).statusCode());
                // The schedule lives in the database and in Quartz's clustered tables.
                HttpResponse<String> config = send(http, base, "POST", "/api/scheduler/config", admin,
                        "{\"enabled\":true,\"day_of_month\":2,\"hour\":3}");
                assertEquals(200, config.statusCode(), config.body());
                HttpResponse<String> started = send(http, base, "POST", "/api/snapshots/bulk/create", admin,
                        "{\"year\":2025,\"month\":9}");
                assertEquals(202, started.statusCode(), started.body());
                String jobId = JSON.readTree(started.body()).get("job_id").asText();
                JsonNode job = null;
                JsonNode head = null;
                for (int i = 0; i < 200; i++) {
                    job = JSON.readTree(send(http, base, "GET", "/api/scheduler/jobs/" + jobId, admin, null).body());
                    head = JSON.readTree(send(http, base, "GET", "/api/audit/head", admin, null).body());
                    if (!job.get("status").asText().equals("running") && head.get("pending").asLong() == 0) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertEquals("completed", job.get("status").asText(), job.toString());
                assertEquals(4, head.get("snapshot_count").asLong(), head.toString());
                assertEquals(0, head.get("pending").asLong(), "every snapshot sealed: " + head);
                HttpResponse<String> ready = send(http, base, "GET", "/observe/health/ready", null, null);
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains(roles.runtime().user()), "readiness names the role: " + ready.body());
                JsonNode verify = JSON.readTree(send(http, base, "GET", "/api/audit/verify", admin, null).body());
                assertTrue(verify.get("ok").asBoolean(), verify.toString());
            } finally {
                archive.close();
            }
        }
        RewriteAttempts.assertAllRefused(roles.runtime());
    }

    @Test
    void aRuntimeRoleThatOwnsTheTablesOrIsASuperuserIsRefusedUnlessAllowed() throws Exception {
        TestPostgres.Roles roles = rolesOrSkip();
        Path data = Files.createTempDirectory("archive-role");
        Map<String, String> ownerServes = new HashMap<>(Map.of("ARCHIVE_PORT", "0", "ARCHIVE_DATA_DIR", data.toString(),
                "ARCHIVE_AUTH", "dev", "ARCHIVE_DB_URL", roles.owner().jdbcUrl(), "ARCHIVE_DB_USER", roles.owner().user(),
                "ARCHIVE_DB_PASSWORD", roles.owner().password()));
        StartRefusedException owner = assertThrows(StartRefusedException.class,
                () -> RunningArchive.start(settings(ownerServes)).close());
        assertTrue(owner.getMessage().contains(roles.owner().user()) && owner.getMessage().contains("owner"),
                owner.getMessage());

        DatabaseSettings superuser = TestPostgres.newDatabase(RestrictedRoleIT.class);
        Map<String, String> superuserServes = new HashMap<>(ownerServes);
        superuserServes.putAll(Map.of("ARCHIVE_DB_URL", superuser.jdbcUrl(), "ARCHIVE_DB_USER", superuser.user()));
        if (superuser.password() != null) {
            superuserServes.put("ARCHIVE_DB_PASSWORD", superuser.password());
        }
        StartRefusedException su = assertThrows(StartRefusedException.class,
                () -> RunningArchive.start(settings(superuserServes)).close());
        assertTrue(su.getMessage().contains("superuser"), su.getMessage());
        try (PostgresDatabase untouched = PostgresDatabase.connect(superuser, 1)) {
            assertTrue(untouched.schemaVersion().isEmpty(), "refused before migrating: nothing created as superuser");
        }

        ownerServes.put("ARCHIVE_ALLOW_OWNER_ROLE", "true");
        RunningArchive allowed = RunningArchive.start(settings(ownerServes));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> ready = send(http, URI.create("http://127.0.0.1:" + allowed.port()), "GET",
                    "/observe/health/ready", null, null);
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("ARCHIVE_ALLOW_OWNER_ROLE=true"), ready.body());
        } finally {
            allowed.close();
        }
    }

    /** The production roles on the test server, when its user may create roles. */
    private static TestPostgres.Roles rolesOrSkip() throws Exception {
        DatabaseSettings admin = TestPostgres.newDatabase(RestrictedRoleIT.class);
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                     "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            assumeTrue(rs.getBoolean(1), "creating roles needs a superuser or CREATEROLE");
        }
        return TestPostgres.newDatabaseWithRoles(RestrictedRoleIT.class);
    }

    private static ArchiveSettings settings(Map<String, String> values) {
        return ArchiveSettings.from(Config.just(ConfigSources.create(values), ConfigSources.classpath("application.yaml")));
    }

    private static HttpResponse<String> send(HttpClient http, URI base, String method, String path, String bearer,
                                             String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
