package io.hivematrix.archive.testkit.neighbours;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Ledger's {@code POST /api/bill/accept} on loopback. By default it accepts every bill (201) and remembers who was
 * billed; told where the Archive is, it first posts the bill there as the real Ledger does and answers with what
 * the Archive said. It can take a minimum time per call, refuse calls without its Core's token, and fail, hang
 * or misbehave per account; it counts calls and their overlap.
 */
public final class FakeLedgerServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a hanging call waits at most for {@link #unhang}: well beyond any client timeout in the tests. */
    private static final Duration MAX_HANG = Duration.ofSeconds(15);

    /** How a company's every call goes wrong, without archiving its bill; see {@link #fault}. */
    public enum Fault {
        /** HTTP 500 with Ledger's error JSON. */
        SERVER_ERROR,
        /** HTTP 201 with an HTML page: what a proxy or another service on LEDGER_URL might send. */
        NOT_JSON,
        /** HTTP 201 with JSON that is not an object. */
        WRONG_SHAPE,
        /** The connection closed without any answer, as when Ledger's worker dies mid-request. */
        DROPPED
    }

    /** Sees every call as served (a benchmark's meter): its start, its answer, each post-back's status. */
    public interface Observer {
        /** A call arrived; returns a mark handed back to {@link #end}. */
        long begin();

        void end(long mark, int status);

        /** The Archive answered a posted-back bill with {@code status} (0: no answer at all). */
        void postedBack(int status);
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> billed = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final LoopbackServer server;
    // A little work by default, so that calls overlap as real ones do.
    private volatile Duration work = Duration.ofMillis(30);
    private volatile Optional<FakeCoreServer> core = Optional.empty();
    private volatile Optional<Observer> observer = Optional.empty();
    private volatile PostBack postBack;

    /** Where accepted bills go, with what token, made from what, named how. */
    private record PostBack(URI snapshots, String bearer, LedgerBills bills, UnaryOperator<String> names) {
    }

    /** On any free port. */
    public FakeLedgerServer() {
        this(0);
    }

    /** On {@code port}: 0 for any free one, or one a test refused connections on until now. */
    public FakeLedgerServer(int port) {
        server = LoopbackServer.start(port).on("POST", "/api/bill/accept", this::accept);
    }

    /**
     * Every call lasts at least {@code work} (Ledger's own work, so calls overlap as real ones do); a post-back
     * happens inside it, so a call lasts max(work, post-back time).
     */
    public FakeLedgerServer work(Duration work) {
        this.work = work;
        return this;
    }

    /** From now on a call without a token {@code core} handed out is answered 401. */
    public FakeLedgerServer requireTokensFrom(FakeCoreServer core) {
        this.core = Optional.of(core);
        return this;
    }

    public FakeLedgerServer observe(Observer observer) {
        this.observer = Optional.of(observer);
        return this;
    }

    /**
     * Accepted bills are posted to {@code archive}'s {@code /api/snapshot} with {@code authorization} (a whole
     * header value, "Bearer …") before Ledger answers; {@code names} gives a company's name.
     */
    public FakeLedgerServer postBillsTo(URI archive, String authorization, LedgerBills bills, UnaryOperator<String> names) {
        URI snapshots = URI.create(archive.toString().replaceAll("/+$", "") + "/api/snapshot");
        this.postBack = new PostBack(snapshots, authorization, bills, names);
        return this;
    }

    /** As {@link #postBillsTo(URI, String, LedgerBills, UnaryOperator)}: the repository's bill, "Company ACC". */
    public FakeLedgerServer postBillsTo(URI archive, String authorization) {
        return postBillsTo(archive, authorization, LedgerBills.standard(), account -> "Company " + account);
    }

    /** The next {@code times} calls for this account answer 500. */
    public void failFirst(String account, int times) {
        failures.put(account, new AtomicInteger(times));
    }

    /** Calls for this account hang (then answer 503) until {@link #unhang}. */
    public void hang(String account) {
        hanging.add(account);
    }

    public void unhang(String account) {
        hanging.remove(account);
    }

    /** Every call for this account goes wrong as {@code fault} says, until {@link #clearFaults}. */
    public void fault(String account, Fault fault) {
        faults.put(account, fault);
    }

    /** Ledger is well again: no faults, injected failures or hanging accounts are left. */
    public void clearFaults() {
        faults.clear();
        failures.clear();
        hanging.clear();
    }

    /** Forgets the calls counted so far, who was billed, and the overlap seen. */
    public void resetCounts() {
        calls.clear();
        billed.clear();
        maxInFlight.set(inFlight.get());
    }

    public int calls(String account) {
        AtomicInteger n = calls.get(account);
        return n == null ? 0 : n.get();
    }

    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int maxConcurrentCalls() {
        return maxInFlight.get();
    }

    /** Every account Ledger was asked to bill, in order, repeats included. */
    public List<String> billed() {
        synchronized (billed) {
            return List.copyOf(billed);
        }
    }

    public URI uri() {
        return server.uri();
    }

    /** Posts the company's bill for the month to the Archive as Ledger does; returns the Archive's status. */
    public int archiveBill(String account, String name, int year, int month) throws IOException, InterruptedException {
        return archiveBill(account, account, name, year, month);
    }

    /** As {@link #archiveBill(String, String, int, int)}, with the invoice number another account would have. */
    public int archiveBill(String invoiceAccount, String account, String name, int year, int month)
            throws IOException, InterruptedException {
        PostBack to = postBack;
        if (to == null) {
            throw new IllegalStateException("postBillsTo was not called: no Archive to post to");
        }
        HttpRequest post = HttpRequest.newBuilder(to.snapshots()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", to.bearer())
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        JSON.writeValueAsBytes(to.bills().bill(invoiceAccount, account, name, year, month)))).build();
        return http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        server.close();
        http.close();
    }

    private Answer accept(LoopbackServer.Seen request) throws Exception {
        long start = System.nanoTime();
        long mark = observer.map(Observer::begin).orElse(0L);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Answer answer = Answer.json(500, "{\"error\":\"the fake failed\"}");
        try {
            answer = answer(request, start);
            return answer;
        } finally {
            inFlight.decrementAndGet();
            int status = answer.status();
            observer.ifPresent(o -> o.end(mark, status));
        }
    }

    private Answer answer(LoopbackServer.Seen request, long start) throws Exception {
        Optional<FakeCoreServer> issuer = core;
        if (issuer.isPresent() && !issuer.get().handedOut(request.authorization())) {
            return Answer.json(401, "{\"error\":\"a service token from Core is required\"}");
        }
        JsonNode body = JSON.readTree(request.body());
        String account = body.path("account_number").asText("");
        int year = body.path("year").asInt();
        int month = body.path("month").asInt();
        if (account.isBlank() || year == 0 || month < 1 || month > 12) {
            return Answer.json(400, "{\"error\":\"account_number, year and month are required\"}");
        }
        calls.computeIfAbsent(account, a -> new AtomicInteger()).incrementAndGet();
        billed.add(account);
        if (hanging.contains(account)) {
            long until = System.nanoTime() + MAX_HANG.toNanos();
            while (hanging.contains(account) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            return Answer.json(503, "{\"error\":\"hung\"}");
        }
        AtomicInteger failing = failures.get(account);
        if (failing != null && failing.getAndDecrement() > 0) {
            return Answer.json(500, "{\"error\":\"injected failure\"}");
        }
        Fault fault = faults.get(account);
        if (fault != null) {
            return misbehave(fault);
        }
        Answer answer = Answer.json(201, "{\"message\":\"Bill accepted and archived\",\"account_number\":\""
                + account + "\"}");
        PostBack to = postBack;
        if (to != null) {
            int archived = postBack(to, account, year, month);
            answer = switch (archived) {
                case 201 -> answer;
                case 409 -> Answer.json(409, "{\"error\":\"Bill already archived\"}");
                default -> Answer.json(502, "{\"error\":\"Archive answered " + archived + "\"}");
            };
        }
        // Sleeping up to the deadline, not for the whole work again: the post-back is part of Ledger's work.
        long left = work.toNanos() - (System.nanoTime() - start);
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
        return answer;
    }

    private int postBack(PostBack to, String account, int year, int month) {
        int status;
        try {
            status = archiveBill(account, to.names().apply(account), year, month);
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        int seen = status;
        observer.ifPresent(o -> o.postedBack(seen));
        return status;
    }

    private static Answer misbehave(Fault fault) {
        return switch (fault) {
            case SERVER_ERROR -> Answer.json(500, "{\"error\":\"injected failure\"}");
            case NOT_JSON -> Answer.of(201, "text/html", "<html><body>Welcome to nginx!</body></html>");
            case WRONG_SHAPE -> Answer.json(201, "[\"Bill accepted\"]");
            case DROPPED -> Answer.dropped();
        };
    }
}
