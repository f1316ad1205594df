import com.sun.tools.attach.VirtualMachine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sun.tools.attach.HotSpotVirtualMachine;

/**
 * bench/hostile's driver: sends each class of hostile request to a running Archive and prints one markdown row per
 * class with the body and response sizes, the statuses, and what the service process spent on it: CPU time (all its
 * threads, GC and JIT included, from /proc) and heap allocated (the sum of its threads' allocation counters, from a
 * thread dump through the attach API: JMX would need the service to lift Helidon's deserialization filter).
 *
 * <p>Run with the JDK's source launcher: {@code java --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED
 * bench/HostileDriver.java <base-url> <pid> <fixture> [--smoke]}, with the tokens in BENCH_LEDGER, BENCH_ADMIN and
 * BENCH_READER. It exits 1 when any class got a 5xx or no answer.
 */
public final class HostileDriver {
    private static final int MAX_BODY = 10 * 1024 * 1024;
    /** A first round slower than this is reported as it is, not repeated. */
    private static final long REPEAT_BELOW_MS = 5_000;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final URI base;
    private final boolean smoke;
    private final String fixture;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Service service;

    private HostileDriver(URI base, boolean smoke, String fixture, Service service) {
        this.base = base;
        this.smoke = smoke;
        this.fixture = fixture;
        this.service = service;
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String fixture = Files.readString(Path.of(args[2]));
        boolean smoke = args.length > 3 && args[3].equals("--smoke");
        HotSpotVirtualMachine vm = (HotSpotVirtualMachine) VirtualMachine.attach(args[1]);
        try {
            boolean failed = new HostileDriver(base, smoke, fixture, new Service(args[1], vm)).run();
            System.exit(failed ? 1 : 0);
        } finally {
            vm.detach();
        }
    }

    /** The service process, seen from outside: its CPU time and the heap its threads have allocated so far. */
    record Service(String pid, HotSpotVirtualMachine vm) {
        private static final Pattern ALLOCATED = Pattern.compile(" allocated=(\\d+)([BKMG]?)");
        private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

        long cpuNanos() throws IOException {
            // Fields 14 and 15 after the command name: user and system time, in clock ticks (100 per second).
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        }

        long allocatedBytes() throws IOException {
            long sum = 0;
            Matcher m = ALLOCATED.matcher(jcmd("Thread.print -e"));
            while (m.find()) {
                long unit = switch (m.group(2)) {
                    case "K" -> 1L << 10;
                    case "M" -> 1L << 20;
                    case "G" -> 1L << 30;
                    default -> 1;
                };
                sum += Long.parseLong(m.group(1)) * unit;
            }
            return sum;
        }

        long maxHeapBytes() throws IOException {
            Matcher m = MAX_HEAP.matcher(jcmd("VM.flags"));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        private String jcmd(String command) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = vm.executeJCmd(command)) {
                // One whole buffer per read: the attach stream's native read fails on a partial region (JDK 25).
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * One HTTP request of a class. A positive {@code bytesPerSecond} trickles the body over a raw socket; a negative
     * one sends only the head, announcing a body of {@code -bytesPerSecond} bytes that never comes.
     */
    record Shot(String method, String path, Map<String, String> headers, byte[] body, int bytesPerSecond) {
        static Shot post(String path, String token, byte[] body) {
            return new Shot("POST", path, Map.of("Authorization", "Bearer " + token,
                    "Content-Type", "application/json"), body, 0);
        }

        static Shot get(String path, String token) {
            return new Shot("GET", path, Map.of("Authorization", "Bearer " + token), null, 0);
        }

        long bodyBytes() {
            return bytesPerSecond < 0 ? -bytesPerSecond : body == null ? 0 : body.length;
        }
    }

    /** What came back: the status (0: no answer) and the response body's size. */
    record Reply(int status, long bytes) {
    }

    /** A class of requests, built afresh for each round (a valid bill needs a new invoice number each time). */
    record Kind(String name, Supplier<List<Shot>> shots) {
    }

    private boolean run() throws Exception {
        String ledger = System.getenv("BENCH_LEDGER");
        String admin = System.getenv("BENCH_ADMIN");
        String reader = System.getenv("BENCH_READER");
        int scale = smoke ? 100 : 1; // smoke: sizes divided by this, enough to prove each class runs
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("valid bill (the 17 KB fixture)", () -> List.of(Shot.post("/api/snapshot", ledger,
                bytes(relabelled(fixture))))));
        kinds.add(new Kind("valid bill, 5 MiB invoice_csv", () -> List.of(Shot.post("/api/snapshot", ledger,
                bytes(bill("{\"total\":1}", "\"" + "a,b\\n".repeat(5 * 1024 * 1024 / 5 / scale) + "\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 30,000 x 1e9999 (H1)", () -> List.of(Shot.post("/api/snapshot",
                ledger, bytes(bill(array("1e9999", 30_000 / (smoke ? 30 : 1)), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 1e99 (100 digits) filling 1 MiB", () -> List.of(Shot.post(
                "/api/snapshot", ledger, bytes(bill(array("1e99", 1024 * 1024 / 5 / scale), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 1,000-digit numbers, 1 MiB", () -> List.of(Shot.post("/api/snapshot",
                ledger, bytes(bill(array("7".repeat(1_000), 1_000 / scale), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: nested 999 deep", () -> List.of(Shot.post("/api/snapshot", ledger,
                bytes(bill("[".repeat(999) + "]".repeat(999), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: nested 1,000,000 deep", () -> List.of(Shot.post("/api/snapshot",
                ledger, bytes(bill("[".repeat(1_000_000 / scale) + "]".repeat(1_000_000 / scale), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 65,536 hash-colliding keys", () -> List.of(Shot.post("/api/snapshot",
                ledger, bytes(bill(collidingKeys(smoke ? 10 : 16), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 500,000 distinct keys", () -> List.of(Shot.post("/api/snapshot",
                ledger, bytes(bill(distinctKeys(500_000 / scale), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 450,000 distinct keys (just under 500,000 values)", () -> List.of(
                Shot.post("/api/snapshot", ledger, bytes(bill(distinctKeys(450_000 / scale), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 10 MiB of {}", () -> List.of(Shot.post("/api/snapshot", ledger,
                bytes(bill(array("{}", (MAX_BODY - 1024) / 3 / scale), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 10 MiB of []", () -> List.of(Shot.post("/api/snapshot", ledger,
                bytes(bill(array("[]", (MAX_BODY - 1024) / 3 / scale), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 10 MiB of 1.5", () -> List.of(Shot.post("/api/snapshot", ledger,
                bytes(bill(array("1.5", (MAX_BODY - 1024) / 4 / scale), "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 10 MiB of {\"name\":\"User 1\",\"type\":\"Paid\",\"cost\":100.0}",
                () -> List.of(Shot.post("/api/snapshot", ledger, bytes(bill(array(
                        "{\"name\":\"User 1\",\"type\":\"Paid\",\"cost\":100.0}", (MAX_BODY - 1024) / 47 / scale),
                        "\"x\"", "[]"))))));
        kinds.add(new Kind("billing_data_json: 120,000 objects like the fixture's users (480,000 values)", () -> List.of(
                Shot.post("/api/snapshot", ledger, bytes(bill(array("{\"name\":\"User 1\",\"type\":\"Paid\","
                        + "\"cost\":100.0}", 120_000 / scale), "\"x\"", "[]"))))));
        kinds.add(new Kind("line_items: 300,000 x 1 (M1)", () -> List.of(Shot.post("/api/snapshot", ledger,
                bytes("{\"line_items\":" + array("1", 300_000 / scale) + "}")))));
        kinds.add(new Kind("line_items: 10 MiB of 1", () -> List.of(Shot.post("/api/snapshot", ledger,
                bytes("{\"line_items\":" + array("1", (MAX_BODY - 64) / 2 / scale) + "}")))));
        kinds.add(new Kind("line_items: 10,000 items, 5 bad fields each", () -> List.of(Shot.post("/api/snapshot",
                ledger, bytes(bill("{}", "\"x\"", array("{\"line_type\":\"gift\",\"item_name\":\"\",\"quantity\":-1,"
                        + "\"rate\":\"abc\",\"amount\":1.001}", 10_000 / scale)))))));
        kinds.add(new Kind("line_items: 3,000 items of 1,000-digit amounts", () -> List.of(Shot.post("/api/snapshot",
                ledger, bytes(bill("{}", "\"x\"", array("{\"item_name\":\"n\",\"rate\":1" + "0".repeat(999)
                        + ",\"quantity\":1" + "0".repeat(999) + ",\"amount\":1" + "0".repeat(999) + "}",
                        3_000 / scale)))))));
        kinds.add(new Kind("notes: a 10 MiB string", () -> List.of(Shot.post("/api/snapshot", ledger,
                bytes("{\"notes\":\"" + "n".repeat((MAX_BODY - 64) / scale) + "\"}")))));
        kinds.add(new Kind("Content-Length over the limit (10 MiB + 1)", () -> List.of(new Shot("POST",
                "/api/snapshot", Map.of("Authorization", "Bearer " + ledger, "Content-Type", "application/json"),
                new byte[0], -(MAX_BODY + 1)))));
        kinds.add(new Kind("300 headers of 60 bytes", () -> List.of(manyHeaders(ledger, 300))));
        kinds.add(new Kind("slow body: the fixture at 4 KB/s", () -> List.of(new Shot("POST", "/api/snapshot",
                Map.of("Authorization", "Bearer " + ledger, "Content-Type", "application/json"),
                bytes(relabelled(fixture)), smoke ? 64 * 1024 : 4 * 1024))));
        kinds.add(new Kind("crafted cursors (6 requests)", () -> cursors(reader)));
        kinds.add(new Kind("extreme query parameters (5 requests)", () -> List.of(
                Shot.get("/api/snapshots/search?limit=2147483647&offset=2147483647", reader),
                Shot.get("/api/snapshots/search?min_total=999999999999999.9999999999&max_total=-999999999999999", reader),
                Shot.get("/api/snapshots/search?company=" + "%25".repeat(600), reader),
                Shot.get("/api/snapshots/search?" + "year=2025&".repeat(300), reader),
                Shot.get("/api/snapshots/company/620547?limit=999999999&offset=999999999", reader))));
        kinds.add(new Kind("bulk: 1 MB of distinct account_numbers", () -> List.of(Shot.post(
                "/api/snapshots/bulk/create", admin, bytes("{\"year\":2025,\"month\":10,\"account_numbers\":"
                        + accounts(1000 * 1024 / 11 / scale) + "}")))));
        kinds.add(new Kind("bulk: 1 MB of non-account numbers", () -> List.of(Shot.post("/api/snapshots/bulk/create",
                admin, bytes("{\"year\":2025,\"month\":10,\"account_numbers\":" + array("1.5", 1000 * 1024 / 4 / scale)
                        + "}")))));

        long idle = idleCpuMsPerSecond();
        System.out.println("Service heap limit " + service.maxHeapBytes() / (1024 * 1024) + " MiB; its CPU while idle (sealer,"
                + " scheduler, these measurements): " + idle + " ms per second.");
        System.out.println();
        System.out.println("| class | body bytes | status | response bytes | CPU ms / request | allocated MB / request"
                + " | allocated / body | wall ms / request |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        boolean failed = false;
        for (Kind kind : kinds) {
            Row row = measure(kind);
            failed |= row.failed();
            System.out.println(row.markdown());
        }
        return failed;
    }

    /** One table row: what the class's requests cost on average over the rounds measured. */
    record Row(String name, long bodyBytes, Map<Integer, Integer> statuses, long responseBytes, double cpuMs,
               double allocatedBytes, double wallMs, int rounds) {
        boolean failed() {
            return statuses.keySet().stream().anyMatch(status -> status == 0 || status >= 500);
        }

        String markdown() {
            StringBuilder status = new StringBuilder();
            statuses.forEach((code, count) -> status.append(status.isEmpty() ? "" : ", ")
                    .append(code == 0 ? "no answer" : code).append(count > 1 ? " x" + count : ""));
            String ratio = bodyBytes < 64 * 1024 ? "-" : String.format("%.1f", allocatedBytes / bodyBytes);
            return String.format("| %s | %,d | %s | %,d | %,.0f | %,.1f | %s | %,.0f |", name, bodyBytes, status,
                    responseBytes, cpuMs, allocatedBytes / 1e6, ratio, wallMs);
        }
    }

    private Row measure(Kind kind) throws Exception {
        Round cold = round(kind.shots().get());
        Round result = cold;
        int rounds = 1;
        if (!smoke && cold.wallMs() < REPEAT_BELOW_MS && !cold.failed()) {
            // The first round warms the JIT; the reported cost is the mean of three more.
            Round sum = null;
            for (int i = 0; i < 3; i++) {
                Round next = round(kind.shots().get());
                sum = sum == null ? next : sum.plus(next);
            }
            result = sum;
            rounds = 3;
        }
        int requests = result.requests() / rounds;
        return new Row(kind.name(), result.bodyBytes() / result.requests(), cold.statuses(),
                result.responseBytes() / result.requests(), result.cpuNanos() / 1e6 / result.requests(),
                (double) result.allocated() / result.requests(), result.wallMs() / (double) result.requests(),
                rounds * requests);
    }

    /** The sums over one or more rounds of a class. */
    record Round(int requests, long bodyBytes, long responseBytes, Map<Integer, Integer> statuses, long cpuNanos,
                 long allocated, long wallMs) {
        boolean failed() {
            return statuses.keySet().stream().anyMatch(status -> status == 0 || status >= 500);
        }

        Round plus(Round other) {
            Map<Integer, Integer> merged = new TreeMap<>(statuses);
            other.statuses.forEach((k, v) -> merged.merge(k, v, Integer::sum));
            return new Round(requests + other.requests, bodyBytes + other.bodyBytes,
                    responseBytes + other.responseBytes, merged, cpuNanos + other.cpuNanos,
                    allocated + other.allocated, wallMs + other.wallMs);
        }
    }

    private Round round(List<Shot> shots) throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        long bodyBytes = 0;
        long responseBytes = 0;
        // The thread dump that counts allocation costs CPU too: it runs outside the CPU readings.
        long alloc0 = service.allocatedBytes();
        long cpu0 = service.cpuNanos();
        long t0 = System.nanoTime();
        for (Shot shot : shots) {
            Reply reply = send(shot);
            statuses.merge(reply.status(), 1, Integer::sum);
            bodyBytes += shot.bodyBytes();
            responseBytes += reply.bytes();
        }
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        long cpu = service.cpuNanos() - cpu0;
        long allocated = service.allocatedBytes() - alloc0;
        return new Round(shots.size(), bodyBytes, responseBytes, statuses, cpu, allocated, wallMs);
    }

    private long idleCpuMsPerSecond() throws Exception {
        long sleepMs = smoke ? 500 : 3_000;
        long cpu0 = service.cpuNanos();
        Thread.sleep(sleepMs);
        return (service.cpuNanos() - cpu0) / 1_000 / sleepMs;
    }

    private Reply send(Shot shot) throws IOException, InterruptedException {
        if (shot.bytesPerSecond() != 0) {
            return raw(shot);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(shot.path())).timeout(Duration.ofMinutes(5));
        shot.headers().forEach(request::header);
        request.method(shot.method(), shot.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(shot.body()));
        try {
            HttpResponse<InputStream> res = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = res.body()) {
                return new Reply(res.statusCode(), in.transferTo(OutputStream.nullOutputStream()));
            }
        } catch (IOException e) {
            // The server closed the connection (as it does after a 413 while the body is still being sent).
            return new Reply(0, 0);
        }
    }

    /** Sends the head at once and the body (if any) a slice every 100 ms; reads the whole response. */
    private Reply raw(Shot shot) throws IOException, InterruptedException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(shot.method() + " " + shot.path() + " HTTP/1.1\r\nHost: "
                    + base.getHost() + "\r\nConnection: close\r\nContent-Length: " + shot.bodyBytes() + "\r\n");
            shot.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int slice = Math.max(1, Math.abs(shot.bytesPerSecond()) / 10);
            for (int at = 0; at < shot.body().length; at += slice) {
                out.write(shot.body(), at, Math.min(slice, shot.body().length - at));
                out.flush();
                Thread.sleep(100);
            }
            return readResponse(socket.getInputStream());
        }
    }

    /** Reads one HTTP/1.1 response with a Content-Length (the server's always have one) or up to the close. */
    private static Reply readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int status = text.length() > 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
        Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(text);
        if (!length.find()) {
            return new Reply(status, in.transferTo(OutputStream.nullOutputStream()));
        }
        long bytes = Long.parseLong(length.group(1));
        in.skipNBytes(bytes);
        return new Reply(status, bytes);
    }

    private Shot manyHeaders(String token, int count) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("Authorization", "Bearer " + token);
        for (int i = 0; i < count; i++) {
            headers.put(String.format("X-Hostile-%04d", i), "v".repeat(44));
        }
        return new Shot("GET", "/api/snapshots/totals", headers, null, 0);
    }

    private static List<Shot> cursors(String token) {
        List<Shot> shots = new ArrayList<>();
        for (String raw : List.of("-9223372036854775808:1", "9223372036854775807:9223372036854775807",
                "-62135596800000001:1", "253402300800000000:1")) {
            shots.add(Shot.get("/api/snapshots/search?cursor="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII)),
                    token));
        }
        shots.add(Shot.get("/api/snapshots/search?cursor=" + "A".repeat(64), token));
        shots.add(Shot.get("/api/snapshots/search?cursor=%00%ff!!", token));
        return shots;
    }

    /** A bill that is valid but for what the class puts in its breakdown, CSV or line items. */
    private static String bill(String billingData, String csvLiteral, String lineItems) {
        int n = SEQUENCE.incrementAndGet();
        return "{\"company_account_number\":\"H" + n + "\",\"invoice_number\":\"HOSTILE-" + n + "-" + System.nanoTime()
                + "\",\"billing_year\":2025,\"billing_month\":10,\"total_amount\":1.00,\"invoice_csv\":" + csvLiteral
                + ",\"billing_data_json\":" + billingData + ",\"line_items\":" + lineItems + "}";
    }

    private static String relabelled(String fixture) {
        int n = SEQUENCE.incrementAndGet();
        String id = "F" + n + "-" + System.nanoTime();
        return fixture.replace("\"invoice_number\": \"620547-202510\"", "\"invoice_number\": \"" + id + "\"")
                .replace("\"company_account_number\": \"620547\"", "\"company_account_number\": \"" + id + "\"");
    }

    private static String array(String element, int count) {
        StringBuilder out = new StringBuilder(count * (element.length() + 1) + 2).append('[');
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append(element);
        }
        return out.append(']').toString();
    }

    /** 2^n keys that all hash alike in Jackson's symbol table ("Ab" and "BA" do, and so do their concatenations). */
    private static String collidingKeys(int n) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < 1 << n; i++) {
            out.append(i == 0 ? "\"" : ",\"");
            for (int bit = 0; bit < n; bit++) {
                out.append(((i >> bit) & 1) == 0 ? "Ab" : "BA");
            }
            out.append("\":1");
        }
        return out.append('}').toString();
    }

    private static String distinctKeys(int count) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "\"k" : ",\"k").append(i).append("\":1");
        }
        return out.append('}').toString();
    }

    private static String accounts(int count) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "\"A" : ",\"A").append(1_000_000 + i).append('"');
        }
        return out.append(']').toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
