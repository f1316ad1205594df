package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The listener's limits on a real server built by {@code ListenerSettings.serverConfig()} with every route, over a real database,
 * with limits small enough to reach quickly: oversized bodies, heads and request lines are refused with 4xx problems
 * and nothing is stored; slow, silent and idle clients neither delay others nor keep their connections.
 *
 * <p>Times are generous upper bounds (a loaded 2-core machine): "answered within 10 s", "closed within 20 s" against
 * timeouts of 2 s.
 */
class ListenerLimitsIT {
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_LINE = 1024;
    private static final int MAX_HEADERS = 4096;
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(10);
    /** Read and idle timeouts are 2 s, the idle check runs every second: 20 s leaves ample room on a loaded box. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(20);

    private static Running archive;
    private static HttpClient http;

    /** A server from {@code ListenerSettings.serverConfig()}, with the routes {@link TestArchive} wires, on a fresh database. */
    private record Running(WebServer server, TestArchive archive) implements AutoCloseable {
        static Running start(int maxConnections) {
            ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.create(Map.of(
                    "ARCHIVE_HOST", "127.0.0.1",
                    "ARCHIVE_PORT", "0",
                    "ARCHIVE_MAX_BODY_BYTES", String.valueOf(MAX_BODY),
                    "ARCHIVE_MAX_REQUEST_LINE_BYTES", String.valueOf(MAX_LINE),
                    "ARCHIVE_MAX_HEADER_BYTES", String.valueOf(MAX_HEADERS),
                    "ARCHIVE_IDLE_TIMEOUT_SECONDS", "2",
                    "ARCHIVE_READ_TIMEOUT_SECONDS", "2",
                    "ARCHIVE_MAX_CONNECTIONS", String.valueOf(maxConnections)))));
            TestArchive[] wired = new TestArchive[1];
            WebServer server = settings.listener().serverConfig()
                    .routing(routing -> wired[0] = TestArchive.wire(routing, ListenerLimitsIT.class))
                    .build()
                    .start();
            return new Running(server, wired[0]);
        }

        int port() {
            return server.port();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port() + path);
        }

        @Override
        public void close() {
            server.stop();
            archive.close();
        }
    }

    @BeforeAll
    static void start() {
        archive = Running.start(1000);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(ANSWERED_WITHIN).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        archive.close();
    }

    @Test
    void bodyOverTheLimit_isRefusedWith413Problem_andNothingIsStored() throws Exception {
        String ledger = archive.archive().bearer("ledger");

        // Declared too large: refused from the headers alone, before a byte of the body is sent.
        try (Socket socket = open(archive)) {
            send(socket, "POST /api/snapshot HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ledger
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n");
            RawResponse res = RawResponse.read(socket);
            assertEquals(413, res.status(), res.toString());
            assertBodyTooLargeProblem(res.header("content-type"), res.body());
            assertTrue(closedByServer(socket, ANSWERED_WITHIN), "the connection is closed after a 413");
        }

        // Chunked, so no length is declared: cut off with 413 as soon as it passes the limit.
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(archive.uri("/api/snapshot"))
                .timeout(ANSWERED_WITHIN)
                .header("Authorization", ledger).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        snapshot(1, MAX_BODY + 8 * 1024).getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertBodyTooLargeProblem(chunked.headers().firstValue("content-type").orElse(""), chunked.body());

        // The same snapshot under the limit is archived: the limit, not the content, refused the others.
        HttpResponse<String> small = http.send(HttpRequest.newBuilder(archive.uri("/api/snapshot"))
                .timeout(ANSWERED_WITHIN)
                .header("Authorization", ledger).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(snapshot(2, MAX_BODY / 2))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, small.statusCode(), small.body());

        String admin = archive.archive().userBearer("admin");
        assertEquals(404, get("/api/snapshot/620547-202501", admin).statusCode(),
                "the chunked snapshot was not stored");
        assertEquals(200, get("/api/snapshot/620547-202502", admin).statusCode());
    }

    @Test
    void headOverTheLimits_is4xxNever5xx_andTheConnectionIsClosed() throws Exception {
        Map<String, String> oversized = Map.of(
                "one large header", "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                        + "a".repeat(2 * MAX_HEADERS) + "\r\n\r\n",
                "many small headers", "GET /health HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-Padding: aaaaaaaaaaaaaaaaaaaa\r\n".repeat(MAX_HEADERS / 16) + "\r\n",
                "a long request line", "GET /api/snapshots/search?company=" + "a".repeat(2 * MAX_LINE)
                        + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        for (Map.Entry<String, String> request : oversized.entrySet()) {
            try (Socket socket = open(archive)) {
                send(socket, request.getValue());
                RawResponse res = RawResponse.read(socket);
                assertTrue(res.status() >= 400 && res.status() < 500, request.getKey() + ": " + res);
                String what = request.getKey() + ": " + res;
                assertTrue(res.header("content-type").startsWith("application/problem+json"), what);
                assertTrue(res.body().contains("\"status\":" + res.status()), what);
                assertTrue(closedByServer(socket, ANSWERED_WITHIN), request.getKey() + ": the connection must not hang");
            }
        }
        try (Socket socket = open(archive)) {
            send(socket, "GET /health?pad=" + "a".repeat(2 * MAX_LINE) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(414, RawResponse.read(socket).status());
        }

        // Just under the limits is served.
        try (Socket socket = open(archive)) {
            send(socket, "GET /health?pad=" + "a".repeat(MAX_LINE / 2) + " HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                    + "a".repeat(MAX_HEADERS / 2) + "\r\n\r\n");
            assertEquals(200, RawResponse.read(socket).status());
        }
    }

    @Test
    void slowClients_doNotDelayOthers_andAreCutOffAfterTheReadTimeout() throws Exception {
        String ledger = archive.archive().bearer("ledger");
        List<Socket> slow = new ArrayList<>();
        List<Thread> tricklers = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        try {
            slow.add(open(archive)); // connects, says nothing
            Socket partialLine = open(archive);
            send(partialLine, "GET /hea");
            slow.add(partialLine);
            Socket headers = open(archive); // a request line, then a header byte every 300 ms (slowloris)
            send(headers, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            slow.add(headers);
            tricklers.add(trickle(headers, done));
            Socket body = open(archive); // a complete head, then a body byte every 300 ms
            send(body, "POST /api/snapshot HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ledger
                    + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"a\":\"");
            slow.add(body);
            tricklers.add(trickle(body, done));

            for (int i = 0; i < 5; i++) {
                assertEquals(200, get("/health", null).statusCode(), "a normal request beside the slow ones");
            }

            long deadline = System.nanoTime() + CLOSED_WITHIN.toNanos();
            for (Socket socket : slow) {
                assertTrue(closedByServer(socket, remaining(deadline)), "a slow connection is closed by the server");
            }
        } finally {
            done.set(true);
            for (Thread trickler : tricklers) {
                trickler.join(ANSWERED_WITHIN);
            }
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void manyIdleConnections_doNotStopHealth_andAreClosedAfterTheTimeouts() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                idle.add(open(archive)); // never sends a byte
            }
            for (int i = 0; i < 20; i++) {
                // One request, then idle on a kept-alive connection: Helidon's own idle timeout.
                Socket socket = open(archive);
                send(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                RawResponse res = RawResponse.read(socket);
                assertEquals(200, res.status(), res.toString());
                assertEquals("keep-alive", res.header("connection").toLowerCase(Locale.ROOT));
                idle.add(socket);
            }

            assertEquals(200, get("/health", null).statusCode(), "answered beside 420 idle connections");

            long deadline = System.nanoTime() + CLOSED_WITHIN.toNanos();
            int open = 0;
            for (Socket socket : idle) {
                if (!closedByServer(socket, remaining(deadline))) {
                    open++;
                }
            }
            assertEquals(0, open, "idle connections left open by the server");
            assertEquals(200, get("/health", null).statusCode());
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void overTheConnectionLimit_aClientWaitsForASlot_andSilentConnectionsFreeTheirs() throws Exception {
        try (Running capped = Running.start(20)) {
            List<Socket> silent = new ArrayList<>();
            try {
                long start = System.nanoTime(); // before any silent connection: none can be cut before start + 2 s
                for (int i = 0; i < 20; i++) {
                    silent.add(open(capped));
                }
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(capped.uri("/health"))
                        .timeout(ANSWERED_WITHIN).GET().build(), HttpResponse.BodyHandlers.ofString());
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                assertEquals(200, res.statusCode(), res.body());
                // Not refused: it queued until the first silent connection reached its 2 s read timeout.
                assertTrue(waited.compareTo(Duration.ofSeconds(1)) >= 0, "served before a slot was free: " + waited);
                long deadline = System.nanoTime() + CLOSED_WITHIN.toNanos();
                for (Socket socket : silent) {
                    assertTrue(closedByServer(socket, remaining(deadline)));
                }
            } finally {
                for (Socket socket : silent) {
                    socket.close();
                }
            }
        }
    }

    private static void assertBodyTooLargeProblem(String contentType, String body) {
        assertTrue(contentType.startsWith("application/problem+json"), contentType);
        assertTrue(body.contains("\"type\":\"urn:hivematrix:archive:problem:body-too-large\""), body);
        assertTrue(body.contains("\"status\":413"), body);
        assertTrue(body.contains(String.valueOf(MAX_BODY)), body);
    }

    /** Ledger's fixture for the given month of 2025, its billing data padded to about {@code size} bytes. */
    private static String snapshot(int month, int size) {
        String fixture = TestArchive.fixture("ledger-snapshot-620547-202510.json")
                .replace("\"invoice_number\": \"620547-202510\"",
                        "\"invoice_number\": \"620547-2025%02d\"".formatted(month))
                .replace("\"billing_month\": 10,", "\"billing_month\": " + month + ",");
        int padding = Math.max(0, size - fixture.length());
        return fixture.replace("\"billing_data_json\": {",
                "\"billing_data_json\": {\"padding\": \"" + "x".repeat(padding) + "\",");
    }

    private static HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(archive.uri(path)).timeout(ANSWERED_WITHIN).GET();
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Socket open(Running running) throws IOException {
        Socket socket = new Socket("127.0.0.1", running.port());
        socket.setSoTimeout((int) ANSWERED_WITHIN.toMillis());
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Writes one byte every 300 ms until the server closes the connection or the test is done. */
    private static Thread trickle(Socket socket, AtomicBoolean done) {
        return Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                while (!done.get()) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection: what the test waits for
            }
        });
    }

    /** Whether the server ends the connection (end of stream, or a reset) within {@code within}. */
    private static boolean closedByServer(Socket socket, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            long left = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            socket.setSoTimeout((int) left);
            try {
                if (in.read(buffer) == -1) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset: closed while our bytes were unread, or while we were still writing
            }
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    /** A response read off a raw socket: its status, lower-cased headers and a Content-Length body. */
    private record RawResponse(int status, Map<String, String> headers, String body) {
        static RawResponse read(Socket socket) throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b == -1) {
                    fail("the connection ended before a complete response head: "
                            + head.toString(StandardCharsets.ISO_8859_1));
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(status, headers, body);
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }
}
