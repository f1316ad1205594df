package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's production roles, taken from the README itself: the owner migrates, and the whole service runs as
 * the runtime role with exactly the grants the README lists. It creates and seals a snapshot, changes the
 * schedule (Quartz writes its clustered tables), runs and finishes a monthly job and reports ready; so the
 * documented grants are enough, and the README cannot drift from what the service needs.
 */
class RestrictedRoleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SQL_BLOCK = Pattern.compile("\\*\\*Two roles in production\\.\\*\\*.*?```sql\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void theServiceRunsAsTheReadmesRuntimeRole() throws Exception {
        DatabaseSettings owner = TestPostgres.newDatabase(RestrictedRoleIT.class);
        try (Connection c = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                     "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            assumeTrue(rs.getBoolean(1), "creating roles needs a superuser or CREATEROLE");
        }
        try (PostgresDatabase database = PostgresDatabase.connect(owner)) {
            database.migrate(); // as the owner, as the README says
        }
        String role = "archive_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        String password = "runtime-" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
             Statement s = c.createStatement()) {
            for (String statement : readmeGrants(role, password)) {
                s.execute(statement);
            }
        }

        try (FakeCodexServer codex = new FakeCodexServer(3); FakeLedgerServer ledger = new FakeLedgerServer();
             HttpClient http = HttpClient.newHttpClient()) {
            Path data = Files.createTempDirectory("archive-role");
            ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(
                    "ARCHIVE_PORT", "0", "ARCHIVE_DATA_DIR", data.toString(), "ARCHIVE_AUTH", "dev", "ARCHIVE_DB_URL", owner.jdbcUrl(),
                    "ARCHIVE_DB_USER", role, "ARCHIVE_DB_PASSWORD", password,
                    "CODEX_URL", codex.uri().toString(), "LEDGER_URL", ledger.uri().toString())),
                    ConfigSources.classpath("application.yaml")));
            RunningArchive archive = RunningArchive.start(settings);
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
                JsonNode verify = JSON.readTree(send(http, base, "GET", "/api/audit/verify", admin, null).body());
                assertTrue(verify.get("ok").asBoolean(), verify.toString());
            } finally {
                archive.close();
            }
        }
    }

    /** The README's grant block, for a role of this test's own (roles are cluster-wide, the server shared). */
    private static List<String> readmeGrants(String role, String password) {
        Matcher m = SQL_BLOCK.matcher(TestArchive.repositoryFile("README.md"));
        assertTrue(m.find(), "README has the two-roles SQL block");
        List<String> statements = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (String line : m.group(1).split("\n")) {
            sql.append(line.replaceAll("--.*$", "").trim()).append(' ');
        }
        for (String statement : sql.toString().split(";")) {
            String text = statement.trim().replaceAll("\\s+", " ");
            if (text.isEmpty() || text.contains("archive_owner")) {
                continue; // the test's database user is the owner already
            }
            statements.add(text.replace("archive_app", role).replace("'…'", "'" + password + "'"));
        }
        assertTrue(statements.size() >= 4, statements::toString);
        return statements;
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
