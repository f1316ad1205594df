package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import io.hivematrix.archive.testkit.ExactJson;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random JSON numbers in {@code billing_data_json} on the real stack (issue 17): huge exponents either way, long
 * mantissas, exponents past an int. Each bill gets a 201 that keeps its numbers, or a small 400 naming the first
 * number it could not keep; never a 5xx. What each request cost the process is printed, not asserted.
 */
class BillingDataNumbersPropertiesIT {
    /** Fixed so that every run (and CI) tries the same inputs; change it locally to explore others. */
    private static final String SEED = "20261206";
    private static final int MAX_DIGITS = 100;
    /** A problem names one number here; with 50 named fields at most, any 400 stays far below this. */
    private static final int SMALL_ANSWER = 16 * 1024;
    /** Reads numbers exactly, with their scale, so a test can tell 100.0 from 1E+2. */
    private static final ObjectMapper READ = ExactJson.MAPPER;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<Integer, Integer> STATUSES = new TreeMap<>();
    private static final List<long[]> COSTS = new ArrayList<>();

    private static TestArchive archive;
    private static WebServer server;
    private static HttpClient http;
    private static String ledger;
    private static String fixture;

    @BeforeContainer
    static void start() {
        fixture = TestArchive.fixture("ledger-snapshot-620547-202510.json");
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> archive = TestArchive.wire(routing, BillingDataNumbersPropertiesIT.class))
                .build().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        ledger = archive.bearer("ledger");
    }

    @AfterContainer
    static void stop() throws Exception {
        System.out.println("BillingDataNumbersPropertiesIT " + summary());
        Closer.all(server == null ? null : server::stop, archive, http);
    }

    @Property(tries = 250, seed = SEED)
    void randomNumbers_get201KeepingThem_orASmall400NamingTheFirstThatCannotBeKept(
            @ForAll("numbers") List<String> numbers) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        StringBuilder usage = new StringBuilder("[");
        for (int i = 0; i < numbers.size(); i++) {
            usage.append(i == 0 ? "" : ",").append("{\"amount\":").append(numbers.get(i)).append('}');
        }
        String body = fixture.replace("\"invoice_number\": \"620547-202510\"", "\"invoice_number\": \"NUM-" + n + "\"")
                .replace("\"company_account_number\": \"620547\"", "\"company_account_number\": \"N" + n + "\"")
                .replace("\"billing_data_json\": {", "\"billing_data_json\": {\"usage\": " + usage + "], ");
        Expected expected = expected(numbers);
        long snapshotsBefore = snapshots();

        HttpResponse<String> res = post(body);

        String context = res.statusCode() + " for " + abbreviate(numbers.toString()) + ": " + abbreviate(res.body());
        assertTrue(res.statusCode() == 201 || res.statusCode() == 400, context);
        assertTrue(res.body().length() < SMALL_ANSWER, res.body().length() + " bytes: " + context);
        if (expected.keptAll()) {
            assertEquals(201, res.statusCode(), context);
            JsonNode stored = READ.readTree(get("/api/snapshot/NUM-" + n)).path("billing_data").path("usage");
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(0, new BigDecimal(numbers.get(i)).compareTo(stored.path(i).path("amount").decimalValue()),
                        "number " + i + " changed: " + context);
            }
            assertEquals(snapshotsBefore + 1, snapshots(), context);
            return;
        }
        assertEquals(400, res.statusCode(), context);
        assertEquals(snapshotsBefore, snapshots(), "a refused bill was stored: " + context);
        if (expected.firstTooLong() >= 0) {
            JsonNode problem = READ.readTree(res.body());
            assertEquals("billing_data_json.usage[" + expected.firstTooLong() + "].amount",
                    problem.path("errors").path(0).path("field").asText(), context);
        }
    }

    /** What the service should answer: keep every number, or refuse the first too long (or the body as not JSON). */
    record Expected(boolean keptAll, int firstTooLong) {
    }

    private static Expected expected(List<String> numbers) {
        for (String text : numbers) {
            try {
                new BigDecimal(text);
            } catch (NumberFormatException e) {
                return new Expected(false, -1); // an exponent past an int: not JSON the service can read
            }
            if (text.length() > 1_000) {
                return new Expected(false, -1); // the parser's own limit on a number's length
            }
        }
        for (int i = 0; i < numbers.size(); i++) {
            BigDecimal number = new BigDecimal(numbers.get(i));
            if (number.scale() > MAX_DIGITS || (long) number.precision() - number.scale() > MAX_DIGITS) {
                return new Expected(false, i);
            }
        }
        return new Expected(true, -1);
    }

    @Provide
    Arbitrary<List<String>> numbers() {
        Arbitrary<String> sign = Arbitraries.of("", "-");
        Arbitrary<Integer> mantissaLength = Arbitraries.frequencyOf(List.of(Tuple.of(6, Arbitraries.integers()
                        .between(1, 20)), Tuple.of(2, Arbitraries.integers().between(90, 110)),
                Tuple.of(1, Arbitraries.integers().between(980, 1_010))));
        Arbitrary<String> integerPart = mantissaLength.flatMap(length -> Arbitraries.strings().numeric()
                .ofLength(length).map(digits -> length == 1 ? digits : "1" + digits.substring(1)));
        Arbitrary<String> fraction = Arbitraries.frequencyOf(List.of(Tuple.of(3, Arbitraries.just("")),
                Tuple.of(2, mantissaLength.flatMap(length -> Arbitraries.strings().numeric().ofLength(length)
                        .map(digits -> "." + digits)))));
        Arbitrary<String> exponent = Arbitraries.frequencyOf(List.of(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.integers().between(-20, 20).map(e -> "e" + e)),
                Tuple.of(2, Arbitraries.integers().between(90, 110).map(e -> "E+" + e)),
                Tuple.of(2, Arbitraries.integers().between(90, 110).map(e -> "e-" + e)),
                Tuple.of(2, Arbitraries.of("e9999", "e-9999", "E10000", "e999999", "e-999999999", "e2147483647",
                        "e-2147483647", "e2147483648", "e-2147483648", "e99999999999", "e-99999999999"))));
        Arbitrary<String> number = Combinators.combine(sign, integerPart, fraction, exponent)
                .as((s, i, f, e) -> s + i + f + e);
        return number.list().ofMinSize(1).ofMaxSize(40);
    }

    private static HttpResponse<String> post(String body) throws Exception {
        long cpu0 = platform("OperatingSystem", "ProcessCpuTime");
        long allocated0 = platform("Threading", "TotalThreadAllocatedBytes");
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/snapshot"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", ledger)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        // The whole process (server, client and database driver): an upper bound of what the request cost.
        long cpuNanos = platform("OperatingSystem", "ProcessCpuTime") - cpu0;
        long allocated = platform("Threading", "TotalThreadAllocatedBytes") - allocated0;
        synchronized (STATUSES) {
            STATUSES.merge(res.statusCode(), 1, Integer::sum);
            COSTS.add(new long[] {cpuNanos, allocated, body.length(), COSTS.size() + 1});
        }
        return res;
    }

    /** A JDK-specific figure of this process (com.sun.management), read by name: the module does not read its package. */
    private static long platform(String type, String attribute) throws Exception {
        return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName("java.lang:type=" + type), attribute);
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", ledger).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), path + ": " + res.body());
        return res.body();
    }

    private static long snapshots() throws SQLException {
        try (Connection c = archive.database.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM billing_snapshots")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String summary() {
        synchronized (STATUSES) {
            if (COSTS.isEmpty()) {
                return "no requests";
            }
            List<long[]> byCpu = new ArrayList<>(COSTS);
            byCpu.sort((a, b) -> Long.compare(a[0], b[0]));
            List<long[]> byAllocated = new ArrayList<>(COSTS);
            byAllocated.sort((a, b) -> Long.compare(a[1], b[1]));
            long[] most = byAllocated.getLast();
            return COSTS.size() + " requests, statuses " + STATUSES + "; process CPU per request: median "
                    + byCpu.get(byCpu.size() / 2)[0] / 1_000_000 + " ms, max " + byCpu.getLast()[0] / 1_000_000
                    + " ms (request #" + byCpu.getLast()[3] + "); heap allocated per request: median "
                    + byAllocated.get(byAllocated.size() / 2)[1] / 1_000 + " KB, max " + most[1] / 1_000
                    + " KB (request #" + most[3] + ", body " + most[2] / 1_000 + " KB); measured, not asserted";
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }
}
