package io.hivematrix.archive.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Ledger on loopback: its bill/accept posts the bill to the Archive as the real one does; counts, fails, hangs, misbehaves. */
final class FakeLedgerServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a hanging call waits at most for {@link #unhang}: well beyond any client timeout in the tests. */
    private static final Duration MAX_HANG = Duration.ofSeconds(15);

    private final String fixture = TestArchive.fixture("ledger-snapshot-620547-202510.json");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final WebServer server;
    private volatile URI archive;
    private volatile String token;

    /** How a company's every call goes wrong, without archiving its bill; see {@link #fault}. */
    enum Fault {
        /** HTTP 500 with Ledger's error JSON. */
        SERVER_ERROR,
        /** HTTP 201 with an HTML page: what a proxy or another service on LEDGER_URL might send. */
        NOT_JSON,
        /** HTTP 201 with JSON that is not an object. */
        WRONG_SHAPE,
        /** The connection closed without any answer, as when Ledger's worker dies mid-request. */
        DROPPED
    }

    FakeLedgerServer() {
        this(0);
    }

    /** Ledger on a given port: 0 for any free one, or one a test refused connections on until now. */
    FakeLedgerServer(int port) {
        server = WebServer.builder().host("127.0.0.1").port(port)
                .routing(r -> r.post("/api/bill/accept", this::accept)).build().start();
    }

    /** Where accepted bills go, and the service token they carry; known once the Archive listens. */
    void postBillsTo(URI archive, String bearer) {
        this.archive = archive;
        this.token = bearer;
    }

    /** The next {@code times} calls for this account answer 500. */
    void failFirst(String account, int times) {
        failures.put(account, new AtomicInteger(times));
    }

    /** Calls for this account hang (then answer 503) until {@link #unhang}. */
    void hang(String account) {
        hanging.add(account);
    }

    void unhang(String account) {
        hanging.remove(account);
    }

    /** Every call for this account goes wrong as {@code fault} says, until {@link #clearFaults}. */
    void fault(String account, Fault fault) {
        faults.put(account, fault);
    }

    /** Ledger is well again: no faults, injected failures or hanging accounts are left. */
    void clearFaults() {
        faults.clear();
        failures.clear();
        hanging.clear();
    }

    /** Forgets the calls counted so far and the overlap seen. */
    void resetCounts() {
        calls.clear();
        maxInFlight.set(0);
    }

    int calls(String account) {
        AtomicInteger n = calls.get(account);
        return n == null ? 0 : n.get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int maxConcurrentCalls() {
        return maxInFlight.get();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Posts the company's bill for the month to the Archive as Ledger does; returns the Archive's status. */
    int archiveBill(String account, String name, int year, int month) throws IOException, InterruptedException {
        return archiveBill(account, account, name, year, month);
    }

    /** As {@link #archiveBill(String, String, int, int)}, with the invoice number another account would have. */
    int archiveBill(String invoiceAccount, String account, String name, int year, int month)
            throws IOException, InterruptedException {
        YearMonth period = YearMonth.of(year, month);
        ObjectNode bill = (ObjectNode) JSON.readTree(fixture);
        bill.put("company_account_number", account)
                .put("company_name", name)
                .put("billing_year", year)
                .put("billing_month", month)
                .put("invoice_number", invoiceAccount + "-" + String.format("%04d%02d", year, month))
                .put("invoice_date", period.atEndOfMonth().toString())
                .put("due_date", period.atEndOfMonth().plusDays(30).toString());
        ((ObjectNode) bill.get("billing_data_json").get("client")).put("account_number", account).put("name", name);
        HttpRequest post = HttpRequest.newBuilder(archive.resolve("/api/snapshot"))
                .header("Content-Type", "application/json")
                .header("Authorization", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(bill))).build();
        return http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void accept(ServerRequest req, ServerResponse res) throws Exception {
        JsonNode body = JSON.readTree(req.content().as(String.class));
        String account = body.get("account_number").asText();
        calls.computeIfAbsent(account, a -> new AtomicInteger()).incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            long until = System.nanoTime() + MAX_HANG.toNanos();
            if (hanging.contains(account)) {
                while (hanging.contains(account) && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                reply(res, 503, "{\"error\":\"hung\"}");
                return;
            }
            AtomicInteger failing = failures.get(account);
            if (failing != null && failing.getAndDecrement() > 0) {
                reply(res, 500, "{\"error\":\"injected failure\"}");
                return;
            }
            Fault fault = faults.get(account);
            if (fault != null) {
                misbehave(res, fault);
                return;
            }
            // A little work, so that calls overlap as real ones do.
            Thread.sleep(30);
            int archived = archiveBill(account, "Company " + account, body.get("year").asInt(),
                    body.get("month").asInt());
            switch (archived) {
                case 201 -> reply(res, 201, "{\"message\":\"Bill accepted and archived\"}");
                case 409 -> reply(res, 409, "{\"error\":\"Bill already archived\"}");
                default -> reply(res, 502, "{\"error\":\"Archive answered " + archived + "\"}");
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void misbehave(ServerResponse res, Fault fault) {
        switch (fault) {
            case SERVER_ERROR -> reply(res, 500, "{\"error\":\"injected failure\"}");
            case NOT_JSON -> res.status(Status.CREATED_201).header(HeaderNames.CONTENT_TYPE, "text/html")
                    .send("<html><body>Welcome to nginx!</body></html>");
            case WRONG_SHAPE -> reply(res, 201, "[\"Bill accepted\"]");
            // Helidon closes the connection, sending nothing, when a handler throws this.
            case DROPPED -> throw new CloseConnectionException("injected: connection dropped");
        }
    }

    private static void reply(ServerResponse res, int status, String body) {
        res.status(Status.create(status)).header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
