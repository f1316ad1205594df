package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.testing.BulkBills;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow readers cannot starve the pool (issue 17): the whole service as {@code serve} starts it, with a request pool
 * of only two connections and exports limited to two, over 60,000 snapshots: a CSV of about 11 MB, far more than the
 * socket buffers between a stalled client and the server hold (about 3 MB measured on loopback; Linux lets a send
 * buffer grow to 4 MB by default). Slow readers are raw sockets with a small receive buffer that read the status line
 * and then stop reading.
 *
 * <p>Which pool a session belongs to is read from {@code pg_stat_activity}: each pool names its sessions
 * ({@code archive}, {@code archive-export}). Times are generous bounds for a loaded 2-core machine, not measurements.
 */
class SlowExportReadersIT {
    private static final int ROWS = 60_000;
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(30);
    /** The documented window is 10 s, checked every second: cut off well within 40 s of the stall. */
    private static final Duration CUT_OFF_WITHIN = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Either of the service's pools. */
    private static final String SERVICE = "archive%";
    /** Sessions in a transaction opened over a second ago: a streaming export's, not housekeeping's. */
    private static final Duration LONG_HELD = Duration.ofSeconds(1);

    private static DatabaseSettings database;
    private static RunningArchive archive;
    private static URI base;
    private static String reader;
    private static String ledger;
    private static HttpClient http;
    private final List<Socket> slowReaders = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        database = TestPostgres.newDatabase(SlowExportReadersIT.class);
        Path data = Files.createTempDirectory("archive-exports");
        Map<String, String> values = new HashMap<>(Map.of("ARCHIVE_PORT", "0",
                "ARCHIVE_DATA_DIR", data.toString(), "ARCHIVE_AUTH", "dev",
                "ARCHIVE_DB_URL", database.jdbcUrl(), "ARCHIVE_DB_USER", database.user(),
                // Two request connections: two exports holding them would leave every other route a 503.
                "ARCHIVE_DB_POOL_SIZE", "2",
                "ARCHIVE_MAX_CONCURRENT_EXPORTS", "2"));
        if (database.password() != null) {
            values.put("ARCHIVE_DB_PASSWORD", database.password());
        }
        // The test server's superuser, allowed as such: this test is about operations, RestrictedRoleIT about roles.
        values.put("ARCHIVE_ALLOW_OWNER_ROLE", "true");
        archive = RunningArchive.start(ArchiveSettings.from(Config.just(ConfigSources.create(values),
                ConfigSources.classpath("application.yaml"))));
        insertSnapshots();
        base = URI.create("http://127.0.0.1:" + archive.port());
        DevSigningKey key = DevSigningKey.loadOrCreate(data);
        reader = "Bearer " + key.userToken("reader@example.com", "reader", "admin", Duration.ofMinutes(10));
        ledger = "Bearer " + key.serviceToken("ledger", Duration.ofMinutes(10));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(ANSWERED_WITHIN).build();
    }

    /** In one statement, as the export memory test does: the create path would take minutes for this many. */
    private static void insertSnapshots() throws SQLException {
        try (Connection c = observer(); Statement st = c.createStatement()) {
            st.executeUpdate(BulkBills.insert("S", "Slow Reader Co ", "SLOW-", 3000, 1, ROWS, 1));
        }
    }

    @AfterEach
    void closeSlowReaders() throws Exception {
        for (Socket socket : slowReaders) {
            socket.close();
        }
        slowReaders.clear();
        // A closed client ends its export at the next write; the next test starts with both slots free.
        await(() -> sessions(SERVICE, LONG_HELD) == 0, CUT_OFF_WITHIN, "the exports of closed clients end");
    }

    @AfterAll
    static void stop() throws Exception {
        Closer.all(http, archive);
    }

    @Test
    void withTwoExportsStalled_aThirdGets503AtOnce_whileReadsAndCreatesStillSucceed() throws Exception {
        slowReaders.add(stalledExport());
        slowReaders.add(stalledExport());
        assertTrue(sessions(SERVICE, Duration.ZERO) >= 2, "two exports stream, each in a transaction: " + activity());

        HttpResponse<String> third = get("/api/snapshots/export.csv");
        assertEquals(503, third.statusCode(), third.body());
        assertEquals("10", third.headers().firstValue("Retry-After").orElse(null));
        assertTrue(third.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(third.body());
        assertEquals("urn:hivematrix:archive:problem:too-many-exports", problem.get("type").asText(), third.body());
        assertEquals(2, problem.get("max_concurrent_exports").asInt());

        // Every other route still has both request connections.
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/snapshot"))
                .timeout(ANSWERED_WITHIN).header("Authorization", ledger).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestArchive.fixture("ledger-snapshot-620547-202510.json")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> read = get("/api/snapshot/620547-202510");
        assertEquals(200, read.statusCode(), read.body());
        HttpResponse<String> search = get("/api/snapshots/search?limit=5");
        assertEquals(200, search.statusCode(), search.body());

        // Because the stalled exports hold connections of their own pool, and no request connection: the request
        // pool's housekeeping (sealer, Quartz) opens transactions of milliseconds, never one held for a second.
        assertEquals(2, sessions("archive-export", Duration.ZERO), "the stalled exports are still there: " + activity());
        assertEquals(0, sessions("archive", LONG_HELD), "no request connection is held: " + activity());
    }

    @Test
    void aStalledReader_isCutOffWithinTheWindow_andItsConnectionComesBack() throws Exception {
        Socket stalled = stalledExport();
        slowReaders.add(stalled);
        // Housekeeping (sealer, Quartz) holds a transaction for milliseconds: the one open for a second is the export.
        await(() -> sessions(SERVICE, LONG_HELD) == 1, ANSWERED_WITHIN, "the export streams in a transaction");
        String transaction = longHeldTransaction();

        // Cut off: its transaction ends and its connection goes back to the export pool.
        await(() -> !transaction.equals(longHeldTransaction()), CUT_OFF_WITHIN, "the stalled export is cut off");
        await(() -> gauge("archive_db_export_pool_active_connections") == 0, ANSWERED_WITHIN,
                "the export connection is back in its pool");
        // The client gets what was already in the socket buffers (megabytes on loopback), then the connection ends.
        String truncated = drain(stalled);
        assertFalse(truncated.endsWith("0\r\n\r\n"), "the chunked response was never finished");

        // Its slot is free again: an export read at full speed gets every row.
        HttpResponse<String> full = get("/api/snapshots/export.csv");
        assertEquals(200, full.statusCode());
        assertEquals(snapshotCount() + 1, full.body().lines().count(), "a header and every row");
        assertTrue(truncated.length() < full.body().length(),
                "cut off after " + truncated.length() + " bytes of " + full.body().length());
    }

    /** Starts an export on a raw socket with a small receive buffer, reads its status line, and stops reading. */
    private static Socket stalledExport() throws IOException, InterruptedException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect, so the window the client offers stays small
        socket.connect(new InetSocketAddress("127.0.0.1", archive.port()), (int) ANSWERED_WITHIN.toMillis());
        socket.setSoTimeout((int) ANSWERED_WITHIN.toMillis());
        socket.getOutputStream().write(("GET /api/snapshots/export.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + reader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String status = statusLine(socket.getInputStream());
        assertEquals("HTTP/1.1 200 OK", status, "the export started");
        // The server writes until the socket buffers are full and then waits on this client: one session in a
        // transaction on the export pool says it is streaming.
        return socket;
    }

    /** The first line of the response, read a byte at a time so that nothing past it is taken off the socket. */
    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    /** Everything left on the socket until the server's close (or reset). */
    private static String drain(Socket socket) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = socket.getInputStream().read(buffer); n != -1; n = socket.getInputStream().read(buffer)) {
                got.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // A connection closed with unsent data ends with a reset: as good as an end of stream here.
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(ANSWERED_WITHIN)
                .header("Authorization", reader).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double gauge(String series) {
        try {
            String scrape = get("/observe/metrics").body();
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
            assertTrue(m.find(), () -> series + " missing from:\n" + scrape);
            return Double.parseDouble(m.group(1));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** This database's sessions of a pool (a LIKE pattern) inside a transaction opened at least {@code held} ago. */
    private static int sessions(String pool, Duration held) {
        try (Connection c = observer(); PreparedStatement st = c.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND application_name LIKE ?
                   AND xact_start <= now() - make_interval(secs => ?)
                """)) {
            st.setString(1, pool);
            st.setDouble(2, held.toMillis() / 1000.0);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static long snapshotCount() throws SQLException {
        try (Connection c = observer(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM billing_snapshots")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The backend and start of the one transaction held over a second, or "" when there is none. */
    private static String longHeldTransaction() {
        try (Connection c = observer(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid, xact_start FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND application_name LIKE 'archive%' AND xact_start <= now() - INTERVAL '1 second'")) {
            return rs.next() ? rs.getInt(1) + "@" + rs.getString(2) : "";
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Every session of this database, for failure messages. */
    private static String activity() {
        try (Connection c = observer(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT application_name, state, xact_start IS NOT NULL FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append('/').append(rs.getString(2))
                        .append(rs.getBoolean(3) ? "/in-transaction" : "").append(' ');
            }
            return out.toString();
        } catch (SQLException e) {
            return "(pg_stat_activity unreadable: " + e.getMessage() + ")";
        }
    }

    /** A connection of the test's own, named apart from the service's pools. */
    private static Connection observer() throws SQLException {
        Connection c = DriverManager.getConnection(database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?")
                + "ApplicationName=test-observer", database.user(), database.password());
        return c;
    }

    private static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + within.toSeconds() + " s; sessions: " + activity());
            }
            Thread.sleep(200);
        }
    }
}
